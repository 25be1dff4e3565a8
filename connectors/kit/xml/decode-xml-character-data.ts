/** The five entities XML predefines; no others are ever known (a DTD is refused outright). */
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A line end to normalise, or an `&` with the reference it starts (if it starts one). */
const IN_TEXT = /\r\n?|&(?:#x([0-9A-Fa-f]{1,8});|#([0-9]{1,10});|([A-Za-z_][\w.-]*);)?/g;
/** The same in an attribute value, where every literal tab and line end is a space. */
const IN_ATTRIBUTE = /\r\n|[\r\n\t]|&(?:#x([0-9A-Fa-f]{1,8});|#([0-9]{1,10});|([A-Za-z_][\w.-]*);)?/g;

/** A reference readXml cannot decode, with its offset in the document. */
export class BadReference extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/**
 * Character data `xml[start..end)` as XML 1.0 means it (§2.11, §4.6): `\r\n` and lone `\r`
 * become `\n`, then the predefined entities and character references (`&#7877;`,
 * `&#x103;`) are replaced. A reference therefore survives line-end normalisation
 * (`&#13;` stays a carriage return). One pass, linear in the text.
 * @throws BadReference for an undeclared entity, a bare `&`, or a reference to a
 *   character XML does not allow (`&#0;`, a lone surrogate, beyond U+10FFFF).
 */
export function decodeXmlText(xml: string, start: number, end: number): string {
  const raw = xml.slice(start, end);
  if (raw.indexOf('&') === -1 && raw.indexOf('\r') === -1) return raw;
  return raw.replace(IN_TEXT, (match, hex?: string, decimal?: string, name?: string, offset?: number) =>
    match.charCodeAt(0) === 0x0d ? '\n' : decodeReference(match, hex, decimal, name, start + (offset as number)),
  );
}

/**
 * An attribute value `xml[start..end)` as XML 1.0 §3.3.3 normalises it: each literal tab,
 * line feed, carriage return or CRLF becomes one space, then references are replaced (so
 * `&#10;` stays a line feed).
 * @throws BadReference as decodeXmlText.
 */
export function decodeXmlAttribute(xml: string, start: number, end: number): string {
  const raw = xml.slice(start, end);
  if (raw.indexOf('&') === -1 && !/[\t\n\r]/.test(raw)) return raw;
  return raw.replace(IN_ATTRIBUTE, (match, hex?: string, decimal?: string, name?: string, offset?: number) =>
    match.charCodeAt(0) === 0x26 ? decodeReference(match, hex, decimal, name, start + (offset as number)) : ' ',
  );
}

/** Line ends of a CDATA section normalised; nothing else in it is markup. */
export function normaliseLineEnds(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

function decodeReference(reference: string, hex: string | undefined, decimal: string | undefined, name: string | undefined, at: number): string {
  if (name !== undefined) {
    const value = PREDEFINED[name];
    if (value === undefined) throw new BadReference(`undeclared entity ${reference} (no entity is declared; only XML's five, &amp; &lt; &gt; &quot; &apos;, are known)`, at);
    return value;
  }
  if (hex === undefined && decimal === undefined) {
    throw new BadReference(`an "&" that starts no reference (write it as &amp;): ${JSON.stringify(reference)}`, at);
  }
  const codePoint = hex !== undefined ? parseInt(hex, 16) : parseInt(decimal as string, 10);
  if (!isXmlChar(codePoint)) throw new BadReference(`character reference ${reference} names a character XML does not allow`, at);
  return String.fromCodePoint(codePoint);
}

/** XML 1.0 §2.2 Char. */
function isXmlChar(c: number): boolean {
  return (
    c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff)
  );
}
