/**
 * Readers for values as vendor systems actually send them: numbers as strings, empty
 * strings for "absent", a lone object where a list was promised, padding whitespace.
 * Every connector's map-*.ts goes through these, so "what is empty" means one thing.
 */

/** Trimmed text, or null for undefined, null, empty or whitespace-only values. */
export function readText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/**
 * A finite number from a number or a numeric string (`"5"`, `" 0.5 "`, `"1,5"` with a
 * decimal comma); null for empty or non-numeric text. Thousands separators are not
 * guessed: `"50.000"` reads as 50, so sources that format amounts must be mapped
 * explicitly (see readAmount).
 */
export function readNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = readText(value);
  if (text === null) return null;
  const normalised = /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  const number = Number(normalised);
  return Number.isFinite(number) ? number : null;
}

/**
 * A count (a total, a page number, a quantity): a non-negative integer from a number or
 * from digits with optional `.`, `,` or space thousands separators (`"1.234"`, `"1,234"`,
 * `"1 234"` all read 1234, since a count has no decimals to confuse them with); null for
 * anything else, fractions included.
 */
export function readCount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  const text = readText(value);
  if (text === null) return null;
  if (!/^\d+$/.test(text) && !/^\d{1,3}([.,\s]\d{3})+$/.test(text)) return null;
  const count = Number(text.replace(/[.,\s]/g, ''));
  return Number.isSafeInteger(count) ? count : null;
}

/**
 * A money amount in đồng: digits with optional `.`/`,`/space thousands separators and an
 * optional currency word (`"50.000 đồng"`, `"1,000,000"`, `"50000"`); null otherwise.
 */
export function readAmount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = readText(value);
  if (text === null) return null;
  const digits = text.replace(/\s*(đồng|vnđ|vnd|đ)\s*$/i, '');
  if (/^\d{1,3}([.,\s]\d{3})+$/.test(digits)) return Number(digits.replace(/[.,\s]/g, ''));
  return readNumber(digits);
}

/** A list: arrays as they are, null/undefined/"" as empty, a lone object as a list of one. */
export function readList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined || value === '') return [];
  return [value];
}

/** An object's fields, or an empty object for anything that is not a plain object. */
export function readObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * A calendar date as ISO `yyyy-MM-dd` from `dd/MM/yyyy`, `d/M/yyyy`, `yyyy-MM-dd`,
 * `yyyy/MM/dd` or an ISO date-time (its date part); null when absent or not a real date.
 */
export function readDate(value: unknown): string | null {
  const text = readText(value);
  if (text === null) return null;
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
  if (match) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ].*)?$/.exec(text);
    if (!match) return null;
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
