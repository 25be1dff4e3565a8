import { GatewayError } from '../../../src/errors';
import { edxmlInvalid } from './edxml-invalid';
import type { ResolvedEdxmlLimits } from './edxml-limits';

/** The local name of the element that carries an attachment's base64 content. */
const ATTACHMENT_CONTENT = 'ContentTransferEncoded';

/** Qualified names fast-xml-parser's stop-node expressions can hold (no `.`, `[`, `::`). */
const STOP_NODE_SAFE_NAME = /^(?:[A-Za-z_][\w-]*:)?[A-Za-z_][\w-]*$/;

export interface MarkupScan {
  /** Qualified names (`edXML:ContentTransferEncoded`, …) of the attachment-content elements seen. */
  attachmentContentNames: string[];
}

/**
 * One linear pass over the markup, before any parser sees it. It refuses what the parser
 * must never be handed, and measures what the parser has no limit for:
 *
 * - any `<!DOCTYPE …>` (or other `<!` declaration outside comments and CDATA): edXML never
 *   needs a DTD, and a DTD is how entity-expansion bombs and XXE (`SYSTEM "file:…"`) get in,
 *   so refusing it outright is simpler and safer than configuring entity expansion;
 * - nesting deeper than `maxDepth` (EDXML_INVALID);
 * - more than `maxMetadataLength` characters, or more than `maxNodes` elements and
 *   attributes, outside attachment content (PAYLOAD_TOO_LARGE). fast-xml-parser spends
 *   microseconds per node and builds text one character at a time, so fifty megabytes of
 *   tiny elements or of header text would cost a minute and gigabytes; attachment
 *   content, the one legitimately large part, is read as a raw stop node instead.
 *
 * Malformed markup (an unclosed tag, comment or CDATA) ends the scan quietly: the
 * validator that runs next reports it with its line and column.
 */
export function scanXmlMarkup(xml: string, limits: ResolvedEdxmlLimits): MarkupScan {
  const { maxDepth, maxMetadataLength, maxNodes } = limits;
  const attachmentContentNames = new Set<string>();
  let depth = 0;
  let nodes = 0;
  let attachmentDepth = -1; // depth of the open attachment-content element, -1 outside one
  let attachmentStart = 0; // where the open attachment's content starts
  let attachmentChars = 0; // characters inside attachment content so far
  let i = 0;

  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);

    if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end === -1) break;
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end === -1) break;
        i = end + 3;
      } else {
        const line = lineOf(xml, lt);
        throw edxmlInvalid(
          `edXML must not contain a DTD or markup declaration (found ${JSON.stringify(xml.slice(lt, lt + 12))} at line ${line}); ` +
            'edXML never needs one, and DTDs are how entity-expansion bombs and external entities (XXE) get in',
          { line },
        );
      }
    } else if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) break;
      i = end + 2;
    } else if (next === 0x2f /* / */) {
      const end = xml.indexOf('>', lt + 2);
      if (end === -1) break;
      if (depth === attachmentDepth) {
        attachmentChars += lt - attachmentStart;
        attachmentDepth = -1;
      }
      depth -= 1;
      i = end + 1;
    } else {
      const tag = scanStartTag(xml, lt + 1);
      if (tag === undefined) break;
      if (attachmentDepth === -1) {
        nodes += 1 + tag.attributes;
        if (nodes > maxNodes) {
          throw new GatewayError(
            'PAYLOAD_TOO_LARGE',
            `edXML message has more than ${maxNodes} elements and attributes outside attachment content (maxNodes), at line ${lineOf(xml, lt)}`,
            { limit: 'maxNodes', maxNodes },
          );
        }
      }
      if (depth + 1 > maxDepth) {
        const line = lineOf(xml, lt);
        throw edxmlInvalid(`edXML nests elements deeper than ${maxDepth} levels (maxDepth), at line ${line}`, { line });
      }
      const selfClosing = xml.charCodeAt(tag.end - 1) === 0x2f;
      if (!selfClosing) {
        depth += 1;
        const name = tagName(xml, lt + 1, tag.end);
        if (attachmentDepth === -1 && localName(name) === ATTACHMENT_CONTENT && STOP_NODE_SAFE_NAME.test(name)) {
          attachmentContentNames.add(name);
          attachmentDepth = depth;
          attachmentStart = tag.end + 1;
        }
      }
      i = tag.end + 1;
    }
  }

  const metadataLength = xml.length - attachmentChars;
  if (metadataLength > maxMetadataLength) {
    throw new GatewayError(
      'PAYLOAD_TOO_LARGE',
      `edXML message has ${metadataLength} characters outside attachment content; the limit is ${maxMetadataLength} (maxMetadataLength)`,
      { limit: 'maxMetadataLength', maxMetadataLength },
    );
  }
  return { attachmentContentNames: [...attachmentContentNames] };
}

/**
 * The `>` closing the start tag whose name begins at `from`, and how many attributes it
 * has (its `=` signs outside quoted values), or undefined when the tag never closes.
 * Character by character: searching ahead with indexOf for the next quote could rescan
 * the rest of the document once per tag, which is quadratic.
 */
function scanStartTag(xml: string, from: number): { end: number; attributes: number } | undefined {
  let attributes = 0;
  for (let i = from; i < xml.length; i += 1) {
    const c = xml.charCodeAt(i);
    if (c === 0x3e /* > */) return { end: i, attributes };
    if (c === 0x3d /* = */) attributes += 1;
    else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      const close = xml.indexOf(xml[i] as string, i + 1);
      if (close === -1) return undefined;
      i = close;
    }
  }
  return undefined;
}

function tagName(xml: string, from: number, end: number): string {
  let i = from;
  while (i < end) {
    const c = xml.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e) break;
    i += 1;
  }
  return xml.slice(from, i);
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** 1-based line number of a position (only computed when reporting an error). */
function lineOf(xml: string, position: number): number {
  let line = 1;
  for (let i = xml.indexOf('\n'); i !== -1 && i < position; i = xml.indexOf('\n', i + 1)) line += 1;
  return line;
}
