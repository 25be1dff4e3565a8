import { BadReference, decodeXmlAttribute, decodeXmlText, normaliseLineEnds } from './decode-xml-character-data';
import { decodeXmlBytes } from './decode-xml-bytes';
import type { XmlAttribute, XmlElement } from './xml-element';
import { resolveXmlLimits, type ResolvedXmlLimits, type XmlLimits } from './xml-limits';
import { XmlReadError, type XmlProblem, type XmlReadErrorDetails } from './xml-read-error';

export interface ReadXmlOptions {
  limits?: XmlLimits;
  /**
   * Local names of elements whose character data is bulk content (an edXML attachment's
   * base64 `ContentTransferEncoded`): not counted against `maxLength`, which bounds
   * everything else. @default []
   */
  bulkTextElements?: readonly string[];
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/** A QName (XML 1.0 Name with at most one colon, Namespaces in XML 1.0 §4), read where it starts. */
const NAME_START = 'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = `${NAME_START}0-9.\\-\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
const QNAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*(?::[${NAME_START}][${NAME_CHAR}]*)?`, 'y');

interface Frame {
  element: XmlElement;
  /** Prefix → namespace URI in scope for this element's content ('' is the default namespace). */
  scope: Record<string, string>;
  /** Where its start tag begins, for "never closed" and mismatch messages. */
  at: number;
  bulk: boolean;
}

/**
 * Reads an XML document into namespace-resolved elements (XmlElement), refusing anything
 * hostile on the way. One pass, linear in the input, no recursion whatever the nesting:
 *
 * - any `<!DOCTYPE …>` or other markup declaration is refused (DTD): no source here needs
 *   one, and a DTD is how entity-expansion bombs and external entities (XXE) get in;
 * - XML's five entities and character references (decimal and hex) are decoded; an
 *   undeclared entity, a bare `&` or a reference to a character XML forbids is refused
 *   (REFERENCE);
 * - CDATA sections are text, wherever text is allowed, split or mixed with other text;
 *   comments and processing instructions are skipped; line ends are normalised to `\n`;
 * - namespaces are resolved per element as Namespaces in XML 1.0 says, so `<soap:Body>`,
 *   `<s:Body>` and `<Body xmlns="…">` are the same element and readers match on
 *   (namespace, local name), never on a prefix; an undeclared prefix is refused (NAMESPACE);
 * - `maxBytes`, `maxDepth`, `maxLength` and `maxNodes` (XmlLimits) are enforced as it goes.
 *
 * Literal control characters in text are passed through (some vendors paste them from
 * word processors); a reference to one is refused, as XML 1.0 §4.1 requires.
 *
 * @param input a string, or bytes that must be UTF-8 (see decodeXmlBytes); a leading byte
 *   order mark is dropped either way.
 * @returns the root element.
 * @throws XmlReadError with the problem, a message and, where it has one, the line, column
 *   and element path. Callers turn it into their own catalogue error.
 */
export function readXml(input: string | Buffer, { limits, bulkTextElements = [] }: ReadXmlOptions = {}): XmlElement {
  const resolved = resolveXmlLimits(limits);
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (bytes > resolved.maxBytes) {
    throw new XmlReadError('TOO_LARGE', `the document is ${bytes} bytes; the limit is ${resolved.maxBytes} (maxBytes)`, {
      limit: 'maxBytes',
      limitValue: resolved.maxBytes,
      bytes,
    });
  }
  const xml = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeXmlBytes(input);
  return readDocument(xml, resolved, new Set(bulkTextElements));
}

function readDocument(xml: string, limits: ResolvedXmlLimits, bulkNames: ReadonlySet<string>): XmlElement {
  const { maxDepth, maxLength, maxNodes } = limits;
  const stack: Frame[] = [];
  const rootScope = Object.assign(Object.create(null) as Record<string, string>, { xml: XML_NAMESPACE, xmlns: XMLNS_NAMESPACE });
  let root: XmlElement | undefined;
  let nodes = 0;
  let bulkChars = 0;
  // Whitespace may precede the XML declaration: many services print a line before it.
  const declarationAt = /^\s*/.exec(xml)![0].length;

  const fail = (problem: XmlProblem, message: string, at: number, details: XmlReadErrorDetails = {}): never => {
    const { line, column } = positionOf(xml, at);
    const path = stack.length === 0 ? undefined : stack.map((frame) => frame.element.local).join('/');
    throw new XmlReadError(problem, `${message} (line ${line}, column ${column})`, { line, column, path, ...details });
  };
  const checkLength = (upTo: number): void => {
    if (upTo - bulkChars > maxLength) {
      fail('TOO_LARGE', `the document has more than ${maxLength} characters outside bulk content (maxLength)`, upTo, { limit: 'maxLength', limitValue: maxLength });
    }
  };
  const countNode = (at: number): void => {
    nodes += 1;
    if (nodes > maxNodes) fail('TOO_LARGE', `the document has more than ${maxNodes} elements and attributes (maxNodes)`, at, { limit: 'maxNodes', limitValue: maxNodes });
  };
  const decode = (read: () => string): string => {
    try {
      return read();
    } catch (err) {
      if (err instanceof BadReference) return fail('REFERENCE', err.message, err.at);
      throw err;
    }
  };

  function text(start: number, end: number): void {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      checkLength(end);
      const stray = /\S/.exec(xml.slice(start, end));
      if (stray) fail('MALFORMED', `text outside the root element: ${JSON.stringify(xml.slice(start + stray.index, start + stray.index + 20))}`, start + stray.index);
      return;
    }
    if (top.bulk) bulkChars += end - start;
    else checkLength(end);
    top.element.text += decode(() => decodeXmlText(xml, start, end));
  }

  /** `<!--`, `<![CDATA[` or a markup declaration at `lt`; returns where reading goes on. */
  function bang(lt: number): number {
    if (xml.startsWith('<!--', lt)) {
      const close = xml.indexOf('-->', lt + 4);
      if (close === -1) fail('MALFORMED', 'a comment that never ends', lt);
      return close + 3;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const top = stack[stack.length - 1];
      if (top === undefined) fail('MALFORMED', 'a CDATA section outside the root element', lt);
      const close = xml.indexOf(']]>', lt + 9);
      if (close === -1) fail('MALFORMED', 'a CDATA section that never ends', lt);
      if (top!.bulk) bulkChars += close - lt - 9;
      top!.element.text += normaliseLineEnds(xml.slice(lt + 9, close));
      return close + 3;
    }
    return fail(
      'DTD',
      `a DTD or markup declaration (${JSON.stringify(xml.slice(lt, lt + 16))}); DTDs are how entity-expansion bombs and external entities (XXE) get in, so none is ever read`,
      lt,
    );
  }

  function processingInstruction(lt: number): number {
    const close = xml.indexOf('?>', lt + 2);
    if (close === -1) fail('MALFORMED', 'a processing instruction that never ends', lt);
    QNAME.lastIndex = lt + 2;
    const target = QNAME.exec(xml)?.[0] ?? '';
    if (target.toLowerCase() === 'xml' && lt !== declarationAt) fail('MALFORMED', 'an XML declaration that is not at the start of the document', lt);
    return close + 2;
  }

  function endTag(lt: number): number {
    QNAME.lastIndex = lt + 2;
    const name = QNAME.exec(xml)?.[0];
    if (name === undefined) return fail('MALFORMED', 'a closing tag without a name', lt);
    const close = skipSpace(xml, lt + 2 + name.length);
    if (xml.charCodeAt(close) !== 0x3e /* > */) fail('MALFORMED', `the closing tag </${name}> does not end with ">"`, close);
    const frame = stack[stack.length - 1];
    if (frame === undefined) return fail('MALFORMED', `a closing tag </${name}> with no element open`, lt);
    if (frame.element.name !== name) {
      const opened = positionOf(xml, frame.at);
      fail('MALFORMED', `Expected closing tag '${frame.element.name}' (opened at line ${opened.line}, column ${opened.column}) instead of '${name}'`, lt);
    }
    stack.pop();
    return close + 1;
  }

  function startTag(lt: number): number {
    QNAME.lastIndex = lt + 1;
    const name = QNAME.exec(xml)?.[0];
    if (name === undefined) return fail('MALFORMED', `"<" not followed by a name: ${JSON.stringify(xml.slice(lt, lt + 20))}`, lt);
    if (root !== undefined && stack.length === 0) fail('MALFORMED', `a second root element <${name}>`, lt);
    countNode(lt);
    if (stack.length + 1 > maxDepth) fail('TOO_DEEP', `elements nest deeper than ${maxDepth} levels (maxDepth)`, lt, { limit: 'maxDepth', limitValue: maxDepth });

    const parent = stack[stack.length - 1];
    let scope = parent?.scope ?? rootScope;
    const written: Array<{ name: string; value: string; at: number }> = [];
    const seen = new Set<string>();
    let i = lt + 1 + name.length;
    let selfClosing = false;
    for (;;) {
      const spaced = skipSpace(xml, i);
      const c = xml.charCodeAt(spaced);
      if (c === 0x3e /* > */) {
        i = spaced + 1;
        break;
      }
      if (c === 0x2f /* / */ && xml.charCodeAt(spaced + 1) === 0x3e) {
        i = spaced + 2;
        selfClosing = true;
        break;
      }
      if (spaced >= xml.length) fail('MALFORMED', `the start tag <${name}> never ends`, lt);
      if (spaced === i) fail('MALFORMED', `unexpected ${JSON.stringify(xml[spaced])} in the start tag <${name}>`, spaced);
      QNAME.lastIndex = spaced;
      const attribute = QNAME.exec(xml)?.[0];
      if (attribute === undefined) return fail('MALFORMED', `unexpected ${JSON.stringify(xml[spaced])} in the start tag <${name}>`, spaced);
      const equals = skipSpace(xml, spaced + attribute.length);
      if (xml.charCodeAt(equals) !== 0x3d /* = */) fail('MALFORMED', `the attribute ${attribute} of <${name}> has no value`, equals);
      const open = skipSpace(xml, equals + 1);
      const quote = xml[open];
      if (quote !== '"' && quote !== "'") return fail('MALFORMED', `the value of the attribute ${attribute} of <${name}> is not quoted`, open);
      const close = xml.indexOf(quote, open + 1);
      if (close === -1) fail('MALFORMED', `the value of the attribute ${attribute} of <${name}> never ends`, open);
      // Searched within the value only: searching on from it would rescan the document once per attribute.
      const lessThan = xml.slice(open + 1, close).indexOf('<');
      if (lessThan !== -1) fail('MALFORMED', `"<" in the value of the attribute ${attribute} of <${name}>`, open + 1 + lessThan);
      if (seen.has(attribute)) fail('MALFORMED', `the attribute ${attribute} appears twice in <${name}>`, spaced);
      seen.add(attribute);
      countNode(spaced);
      const value = decode(() => decodeXmlAttribute(xml, open + 1, close));
      if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) {
        const prefix = attribute === 'xmlns' ? '' : attribute.slice(6);
        // Namespaces in XML 1.0 §3: xmlns is never declared, xml only to its own namespace.
        if (prefix === 'xmlns' || value === XMLNS_NAMESPACE || (prefix === 'xml') !== (value === XML_NAMESPACE)) {
          fail('NAMESPACE', `${attribute}="${value}" binds a reserved prefix or namespace`, spaced);
        }
        if (prefix !== '' && value === '') fail('NAMESPACE', `${attribute}="" undeclares a prefix, which Namespaces in XML 1.0 does not allow`, spaced);
        if (scope === (parent?.scope ?? rootScope)) scope = Object.create(scope) as Record<string, string>;
        scope[prefix] = value;
      } else {
        written.push({ name: attribute, value, at: spaced });
      }
      i = close + 1;
    }

    const colon = name.indexOf(':');
    const prefix = colon === -1 ? '' : name.slice(0, colon);
    const namespace = scope[prefix] || undefined;
    if (prefix !== '' && namespace === undefined) {
      fail('NAMESPACE', `an element uses the namespace prefix "${prefix}" of <${name}> without declaring it`, lt, { path: pathTo(stack, name) });
    }
    const attributes: XmlAttribute[] = written.map(({ name: qname, value, at }) => {
      const attributeColon = qname.indexOf(':');
      if (attributeColon === -1) return { name: qname, local: qname, namespace: undefined, value };
      const attributePrefix = qname.slice(0, attributeColon);
      const attributeNamespace = scope[attributePrefix];
      if (attributeNamespace === undefined) fail('NAMESPACE', `the attribute ${qname} of <${name}> uses the prefix "${attributePrefix}" without declaring it`, at);
      return { name: qname, local: qname.slice(attributeColon + 1), namespace: attributeNamespace, value };
    });

    const element: XmlElement = { name, local: colon === -1 ? name : name.slice(colon + 1), namespace, attributes, children: [], text: '' };
    if (parent === undefined) root = element;
    else parent.element.children.push(element);
    if (!selfClosing) stack.push({ element, scope, at: lt, bulk: bulkNames.has(element.local) });
    return i;
  }

  let position = 0;
  for (;;) {
    const lt = xml.indexOf('<', position);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > position) text(position, textEnd);
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) position = bang(lt);
    else if (next === 0x3f /* ? */) position = processingInstruction(lt);
    else if (next === 0x2f /* / */) position = endTag(lt);
    else position = startTag(lt);
    checkLength(position);
  }

  const open = stack[stack.length - 1];
  if (open !== undefined) {
    const opened = positionOf(xml, open.at);
    fail('MALFORMED', `the element <${open.element.name}> opened at line ${opened.line}, column ${opened.column} is never closed`, xml.length);
  }
  if (root === undefined) return fail('MALFORMED', 'the document has no root element', xml.length);
  return root;
}

function skipSpace(xml: string, from: number): number {
  let i = from;
  for (;;) {
    const c = xml.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
    i += 1;
  }
}

function pathTo(stack: readonly Frame[], name: string): string {
  const colon = name.indexOf(':');
  return [...stack.map((frame) => frame.element.local), colon === -1 ? name : name.slice(colon + 1)].join('/');
}

/** 1-based line and column of a position (only computed when reporting an error). */
function positionOf(xml: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = xml.indexOf('\n'); i !== -1 && i < at; i = xml.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: at - lineStart + 1 };
}
