/**
 * Values that end up in an `$in` list or an `_id`, checked to be strings: `$in` is the one
 * place a caller's value sits outside an `$eq`, where a regular expression would match as a
 * pattern. (SQLite refuses to bind such values too.)
 */
export function textList(values: readonly unknown[], what: string): string[] {
  for (const value of values) {
    if (typeof value !== 'string') throw new TypeError(`${what} must be strings; received ${String(value)} (${typeof value})`);
  }
  return values as string[];
}
