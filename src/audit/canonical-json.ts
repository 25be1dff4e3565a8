/**
 * A deterministic JSON text of `value`: the same value always gives the same text, whatever
 * order its keys were set in, so a hash of it can be recomputed from a copy read back from
 * any store. It follows RFC 8785 (JSON Canonicalization Scheme) for the values an audit entry
 * holds: object keys sorted by UTF-16 code units, no whitespace, numbers and strings as
 * ECMAScript's `JSON.stringify` writes them, arrays in order. A `Date` is written as its
 * ISO 8601 string (`toISOString`, millisecond precision, UTC).
 *
 * Throws a TypeError naming the path (`$.records.Procedure`) of anything else: `undefined`,
 * a number that is not finite, a bigint, a function, an invalid Date, a Map or other class
 * instance, or a cycle. It never drops a value silently, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', []);
}

function write(value: unknown, path: string, ancestors: object[]): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw refuse(path, String(value));
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw refuse(path, typeof value);
  if (ancestors.includes(value)) throw refuse(path, 'a cycle');
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw refuse(path, 'an invalid Date');
    return JSON.stringify(value.toISOString());
  }
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let index = 0; index < value.length; index += 1) items.push(write(value[index], `${path}[${index}]`, ancestors));
      return `[${items.join(',')}]`;
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) throw refuse(path, `an instance of ${(value as object).constructor?.name ?? 'a class'}`);
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`, ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.pop();
  }
}

function refuse(path: string, what: string): TypeError {
  return new TypeError(`canonicalJson: ${path} is ${what}; only null, booleans, finite numbers, strings, valid Dates, arrays and plain objects have a canonical form.`);
}
