/**
 * Decodes base64 strictly (Node's Buffer.from skips what it cannot read, which would hide
 * a broken attachment). Whitespace and line breaks anywhere are ignored, as MIME and
 * xs:base64Binary allow; missing padding is accepted. Linear in the input.
 * @throws Error saying what is wrong with the text.
 */
export function decodeBase64(text: string): Buffer {
  const compact = text.replace(/[\t\n\r ]+/g, '');
  const bad = /[^A-Za-z0-9+/=]/.exec(compact);
  if (bad) throw new Error(`unexpected character ${JSON.stringify(bad[0])} at offset ${bad.index}`);
  const firstPad = compact.indexOf('=');
  const body = firstPad === -1 ? compact : compact.slice(0, firstPad);
  const padding = compact.length - body.length;
  if (padding > 2 || (padding > 0 && compact.slice(firstPad) !== '='.repeat(padding))) {
    throw new Error('"=" padding appears before the end');
  }
  if (body.length % 4 === 1 || (padding > 0 && compact.length % 4 !== 0)) {
    throw new Error(`length ${compact.length} is not a whole number of base64 groups (truncated?)`);
  }
  return Buffer.from(body, 'base64');
}
