import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { EntityDecoderOptions } from 'fast-xml-parser';
import { GatewayError } from '../../../src/errors';
import { decodeXmlEntities } from './decode-xml-entities';
import { edxmlInvalid } from './edxml-invalid';
import { resolveEdxmlLimits } from './edxml-limits';
import type { EdxmlLimits } from './edxml-limits';
import { scanXmlMarkup } from './scan-xml-markup';
import type { XmlElement } from './xml-element';

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/**
 * fast-xml-parser's entity hook, reduced to the predefined entities and character
 * references. `addInputEntities` is where DTD entities would arrive; it can only be
 * reached through a DOCTYPE, which scanXmlMarkup has already refused, and refuses again.
 */
const entityDecoder: EntityDecoderOptions = {
  setExternalEntities: () => undefined,
  addInputEntities: () => {
    throw new Error('DTD entities are never expanded');
  },
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: decodeXmlEntities,
};

/** An element of fast-xml-parser's `preserveOrder` output: `{ [qname]: children, ':@'?: attributes }` or `{ '#text': text }`. */
type OrderedNode = Record<string, unknown>;

/**
 * Parses an edXML message into namespace-resolved elements, refusing anything hostile on
 * the way (see EdxmlLimits and scanXmlMarkup). Steps, each linear in the input:
 * size → UTF-8 → markup scan (DTD, depth, size outside attachments) → well-formedness
 * (line/column) → parse → namespace resolution.
 *
 * Why not `removeNSPrefix`: it drops the prefix and with it the only way to know which
 * namespace an element is in, so `<ds:Signature>` and `<Signature>`, or an `<x:Subject>`
 * from some other vocabulary, would all look alike. The parser is run with prefixes kept
 * and attributes on (`xmlns` declarations are attributes to it), and the namespaces are
 * resolved here with a scope per element, as the Namespaces in XML recommendation does.
 * Readers then match on (namespace, local name) and never on a literal prefix.
 *
 * @throws GatewayError PAYLOAD_TOO_LARGE above `maxBytes`, `maxMetadataLength` or `maxNodes`;
 *   EDXML_INVALID for everything else that is not well-formed, namespace-correct XML.
 */
export function readXmlTree(input: string | Buffer, limits?: EdxmlLimits): XmlElement {
  const resolved = resolveEdxmlLimits(limits);
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (bytes > resolved.maxBytes) {
    throw new GatewayError(
      'PAYLOAD_TOO_LARGE',
      `edXML message is ${bytes} bytes; the limit is ${resolved.maxBytes} (maxBytes)`,
      { limit: 'maxBytes', maxBytes: resolved.maxBytes, bytes },
    );
  }
  const xml = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeUtf8(input);

  const { attachmentContentNames } = scanXmlMarkup(xml, resolved);

  const validation = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw edxmlInvalid(`edXML is not well-formed XML: ${msg} (line ${line}, column ${col ?? '?'})`, { line, column: col });
  }

  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // On for XML's five entities and character references only: entityDecoder expands
    // nothing else, and no custom entity can be declared (the DOCTYPE is refused above).
    processEntities: true,
    htmlEntities: false,
    entityDecoder,
    maxNestedTags: resolved.maxDepth + 1,
    // No callback here reads a path, so the parser need not build a path string per tag.
    jPath: false,
    // Attachment content is read raw (one substring) instead of character by character.
    stopNodes: attachmentContentNames.map((name) => `..${name}`),
  });
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(xml) as OrderedNode[];
  } catch (err) {
    throw edxmlInvalid(`edXML could not be parsed: ${(err as Error).message}`, {}, err);
  }

  const roots = nodes.filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) {
    throw edxmlInvalid(`edXML must have exactly one root element; found ${roots.length}`);
  }
  return resolveNamespaces(roots[0] as OrderedNode, new Set(attachmentContentNames));
}

function decodeUtf8(buffer: Buffer): string {
  if ((buffer[0] === 0xfe && buffer[1] === 0xff) || (buffer[0] === 0xff && buffer[1] === 0xfe)) {
    throw edxmlInvalid('edXML message is UTF-16 (it starts with a UTF-16 byte order mark); edXML messages are UTF-8');
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch (err) {
    throw edxmlInvalid('edXML message is not valid UTF-8', {}, err);
  }
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(xml.slice(0, 200))?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    throw edxmlInvalid(`edXML message declares encoding ${JSON.stringify(declared)}; edXML messages are UTF-8`);
  }
  return xml;
}

function elementName(node: OrderedNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ':@' && key !== '#text') return key;
  return undefined;
}

/** Builds the element tree iteratively (no recursion, whatever maxDepth is configured to). */
function resolveNamespaces(rootNode: OrderedNode, rawNames: ReadonlySet<string>): XmlElement {
  interface Frame {
    node: OrderedNode;
    scope: Record<string, string>;
    parent: XmlElement | undefined;
    path: string;
  }
  const rootScope: Record<string, string> = Object.create(null) as Record<string, string>;
  rootScope.xml = XML_NAMESPACE;
  let root: XmlElement | undefined;
  const stack: Frame[] = [{ node: rootNode, scope: rootScope, parent: undefined, path: '' }];

  while (stack.length > 0) {
    const { node, scope: parentScope, parent, path: parentPath } = stack.pop() as Frame;
    const name = elementName(node) as string;
    const colon = name.indexOf(':');
    const local = colon === -1 ? name : name.slice(colon + 1);
    const path = parentPath === '' ? local : `${parentPath}/${local}`;
    const declared = (node[':@'] ?? {}) as Record<string, string>;

    let scope = parentScope;
    const attributes: Record<string, string> = {};
    for (const [attribute, value] of Object.entries(declared)) {
      if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) {
        if (scope === parentScope) scope = Object.create(parentScope) as Record<string, string>;
        // xmlns="" takes the element (and its descendants) out of the default namespace.
        scope[attribute === 'xmlns' ? '' : attribute.slice(6)] = value;
      } else {
        attributes[attribute] = value;
      }
    }

    const prefix = colon === -1 ? '' : name.slice(0, colon);
    const namespace = scope[prefix] === '' ? undefined : scope[prefix];
    if (prefix !== '' && namespace === undefined) {
      throw edxmlInvalid(`edXML uses the namespace prefix "${prefix}" of <${name}> without declaring it, at ${path}`, { path });
    }

    const element: XmlElement = {
      name,
      local,
      namespace,
      attributes,
      children: [],
      text: '',
      raw: rawNames.has(name),
    };
    if (parent === undefined) root = element;
    else parent.children.push(element);

    const content = (node[name] ?? []) as OrderedNode[];
    const childFrames: Frame[] = [];
    for (const child of content) {
      if (typeof child['#text'] === 'string') element.text += child['#text'];
      else if (elementName(child) !== undefined) childFrames.push({ node: child, scope, parent: element, path });
    }
    // Pushed in reverse so that children are visited, and so appended, in document order.
    for (let i = childFrames.length - 1; i >= 0; i -= 1) stack.push(childFrames[i] as Frame);
  }
  return root as XmlElement;
}
