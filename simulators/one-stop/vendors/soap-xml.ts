/**
 * Writing SOAP 1.1 answers the way real ASMX-era services vary them: the envelope prefix
 * (`soap:`, `s:`, `SOAP-ENV:`), a `soap:Header` or none, the result elements in a default
 * namespace, under a declared `tns:` prefix, or both mixed, compact or indented, and
 * empty values written `<X/>`, `<X />` or `<X></X>`. All of it means the same XML.
 */

export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const MOTCUA_NS = 'http://motcua.gov.vn/';

export interface XmlElement {
  name: string;
  /** Text content; escaped unless `cdata`. */
  text?: string;
  cdata?: boolean;
  children?: XmlElement[];
  /** How an element without content is written. @default 'self' */
  empty?: 'self' | 'spaced' | 'pair';
}

export interface ResponseStyle {
  envelopePrefix: 'soap' | 's' | 'SOAP-ENV';
  header: boolean;
  /** default: `xmlns="…"` on the response element; prefixed: every element `tns:`; mixed: response and result `tns:`, the rest in a default namespace. */
  namespace: 'default' | 'prefixed' | 'mixed';
  indent: boolean;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A complete response envelope for `operation` whose `…Result` element holds `result`. */
export function writeResponse(operation: string, result: XmlElement[], style: ResponseStyle): string {
  const env = style.envelopePrefix;
  const tns = style.namespace === 'default' ? '' : 'tns:';
  const inner = style.namespace === 'prefixed' ? 'tns:' : '';
  const nl = style.indent ? '\n' : '';
  const pad = (depth: number): string => (style.indent ? '\t'.repeat(depth) : '');
  const resultAttrs = style.namespace === 'mixed' ? ` xmlns="${MOTCUA_NS}"` : '';
  const responseAttrs = style.namespace === 'default' ? ` xmlns="${MOTCUA_NS}"` : '';
  const envelopeAttrs = `xmlns:${env}="${SOAP_ENVELOPE_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"${style.namespace === 'default' ? '' : ` xmlns:tns="${MOTCUA_NS}"`}`;
  const header = style.header
    ? `${pad(1)}<${env}:Header>${nl}${pad(2)}<ThongTinMayChu xmlns="${MOTCUA_NS}"><PhienBan>2.3.1</PhienBan><MayChu>HCC-APP02</MayChu></ThongTinMayChu>${nl}${pad(1)}</${env}:Header>${nl}`
    : '';
  const body = result.map((element) => serialize(element, inner, 4, style.indent)).join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>${nl}<${env}:Envelope ${envelopeAttrs}>${nl}${header}` +
    `${pad(1)}<${env}:Body>${nl}${pad(2)}<${tns}${operation}Response${responseAttrs}>${nl}` +
    `${pad(3)}<${tns}${operation}Result${resultAttrs}>${nl}${body}${pad(3)}</${tns}${operation}Result>${nl}` +
    `${pad(2)}</${tns}${operation}Response>${nl}${pad(1)}</${env}:Body>${nl}</${env}:Envelope>`
  );
}

/** A `soap:Fault` envelope (always the `soap:` prefix, as ASMX writes faults). */
export function writeFault(code: 'Client' | 'Server', message: string, detail?: { code: string; message?: string }): string {
  const detailXml = detail
    ? `<detail><ChiTietLoi xmlns="${MOTCUA_NS}"><MaLoi>${escapeXml(detail.code)}</MaLoi>${detail.message ? `<MoTa>${escapeXml(detail.message)}</MoTa>` : ''}</ChiTietLoi></detail>`
    : '';
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENVELOPE_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<soap:Body><soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${escapeXml(message)}</faultstring>${detailXml}</soap:Fault></soap:Body></soap:Envelope>`
  );
}

function serialize(element: XmlElement, prefix: string, depth: number, indent: boolean): string {
  const pad = indent ? '\t'.repeat(depth) : '';
  const nl = indent ? '\n' : '';
  const name = `${prefix}${element.name}`;
  if (element.children && element.children.length > 0) {
    return `${pad}<${name}>${nl}${element.children.map((child) => serialize(child, prefix, depth + 1, indent)).join('')}${pad}</${name}>${nl}`;
  }
  const text = element.text ?? '';
  if (text === '') {
    const empty = element.empty ?? 'self';
    return `${pad}${empty === 'pair' ? `<${name}></${name}>` : empty === 'spaced' ? `<${name} />` : `<${name}/>`}${nl}`;
  }
  return `${pad}<${name}>${element.cdata ? `<![CDATA[${text}]]>` : escapeXml(text)}</${name}>${nl}`;
}
