/**
 * A media type as HTTP writes one (RFC 9110 §8.3.1): `type/subtype`, tokens only, with
 * optional `; name=value` parameters (a value a token or a quoted string without control
 * characters). An attachment's type travels from a sender (or another agency's document
 * system) into a download's Content-Type header: anything else, a CR/LF above all, must
 * never get there.
 */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|"(?:[^"\\\\\\x00-\\x1f\\x7f]|\\\\[\\x20-\\x7e])*"))*$`);

/** Longest media type taken: a real one is a few dozen characters. */
const MAX_LENGTH = 255;

export function isMediaType(value: string): boolean {
  return value.length <= MAX_LENGTH && MEDIA_TYPE.test(value);
}
