/** The five entities XML predefines; edXML declares no others (a DTD is refused outright). */
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_][\w.-]*));/g;

/**
 * Replaces the predefined entities and character references (`&#233;`, `&#x1EA1;`) in XML
 * character data. Anything else is an error: an undeclared entity is not well-formed XML,
 * and no custom entity is ever expanded. A reference to a character XML 1.0 forbids
 * (`&#0;`, a lone surrogate) is an error too.
 */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (reference, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      const value = PREDEFINED[name];
      if (value === undefined) throw new Error(`undeclared entity ${reference} (edXML declares no entities)`);
      return value;
    }
    const codePoint = hex !== undefined ? parseInt(hex, 16) : parseInt(decimal as string, 10);
    if (!isXmlChar(codePoint)) throw new Error(`character reference ${reference} is not a character XML allows`);
    return String.fromCodePoint(codePoint);
  });
}

function isXmlChar(c: number): boolean {
  return (
    c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff)
  );
}
