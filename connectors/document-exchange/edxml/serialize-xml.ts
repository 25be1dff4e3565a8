import type { XmlNode } from './xml-node';

/**
 * Writes a node tree as a UTF-8 XML document: the declaration, two-space indentation,
 * leaves on one line. Text is escaped (`&`, `<`, `>`, and CR as `&#13;` so that it
 * survives the parser's line-ending normalisation); attribute values likewise.
 */
export function serializeXml(root: XmlNode): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, lines);
  return `${lines.join('\n')}\n`;
}

function write(node: XmlNode, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const attributes = Object.entries(node.attributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  if (node.text !== undefined) {
    lines.push(`${indent}<${node.name}${attributes}>${escapeText(node.text)}</${node.name}>`);
  } else if (!node.children || node.children.length === 0) {
    lines.push(`${indent}<${node.name}${attributes}/>`);
  } else {
    lines.push(`${indent}<${node.name}${attributes}>`);
    for (const child of node.children) write(child, depth + 1, lines);
    lines.push(`${indent}</${node.name}>`);
  }
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = { ...TEXT_ESCAPES, '"': '&quot;', '\n': '&#10;', '\t': '&#9;' };

function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] as string);
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>\r"\n\t]/g, (c) => ATTRIBUTE_ESCAPES[c] as string);
}
