import { readText } from './read-values';

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** `yyyyMMdd` or `yyyyMMddHHmmss`: the national portal's format. */
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/;
/** `dd/MM/yyyy` (also with `-` or `.`), optionally ` HH:mm[:ss]`: older systems. */
const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
/** ISO 8601 (`-`) or edXML-style (`/`) year first, optional time, fraction and offset. */
const YEAR_FIRST = /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Epoch milliseconds a 13-digit JSON number can be: 2001-09-09 to 2286-11-20. */
const EPOCH_MS_MIN = 1e12;
const EPOCH_MS_MAX = 1e13 - 1;

/**
 * Reads an instant as Vietnamese systems send it and returns it as ISO 8601 in Vietnam
 * time, whole seconds (`2024-03-15T08:30:00+07:00`), or null when absent, empty or not a
 * real instant (never an exception: a record with a garbage date keeps its other fields).
 * - `yyyyMMddHHmmss` (national portal format, Vietnam time) and `yyyyMMdd`, as text or as
 *   a JSON number;
 * - ISO 8601 with an offset written `+0700`, `+07:00`, `+07`, `+0000` or `Z`, with or
 *   without milliseconds, converted to Vietnam time (iGate's own clients send UTC:
 *   `1994-10-23T17:00:00.000+0000` is `1994-10-24T00:00:00+07:00`);
 * - ISO 8601 without an offset, and `yyyy/MM/dd HH:mm:ss` (edXML style): Vietnam time;
 * - `dd/MM/yyyy HH:mm:ss`, `dd/MM/yyyy HH:mm`, `dd/MM/yyyy` (also `dd-MM-yyyy`,
 *   `dd.MM.yyyy`): older systems, Vietnam time;
 * - a 13-digit JSON number: epoch milliseconds (Java services that serialise dates as
 *   timestamps).
 *
 * A value without a time of day (a date-only value) becomes 00:00:00 Vietnam time of that
 * day. That is also what a date picked in a Vietnamese browser and sent in UTC comes to
 * (`…T17:00:00.000Z` the day before), so "exactly midnight, Vietnam time" is how a
 * date-only value shows after reading, whatever shape it came in (see isVietnamDateOnly).
 * The instant never drifts: reading the output again gives the same string.
 */
export function readVietnamDateTime(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= EPOCH_MS_MIN && value <= EPOCH_MS_MAX) {
    return formatVietnamDateTime(new Date(value));
  }
  const text = readText(value);
  if (text === null) return null;
  let match = COMPACT.exec(text);
  if (match) return fromParts(match[1], match[2], match[3], match[4], match[5], match[6]);
  match = DAY_FIRST.exec(text);
  if (match) return fromParts(match[4], match[3], match[1], match[5], match[6], match[7]);
  match = YEAR_FIRST.exec(text);
  if (!match) return null;
  const local = fromParts(match[1], match[3], match[4], match[5], match[6], match[7]);
  const zone = match[8];
  if (local === null || zone === undefined) return local;
  const offsetMs = offsetMsOf(zone);
  if (offsetMs === null) return null;
  // The wall-clock parts were read as Vietnam time; shift them to the zone they were written in.
  return formatVietnamDateTime(new Date(Date.parse(local) + VIETNAM_OFFSET_MS - offsetMs));
}

/**
 * Whether an instant as readVietnamDateTime writes it is exactly midnight in Vietnam,
 * which is how a date-only value (`20240315`, `15/03/2024`, a UTC date picked in a
 * browser) comes out: a rule that gives a date-only deadline the whole of its day can
 * tell it by this. No one-stop system sets a time of exactly 00:00:00 on purpose.
 */
export function isVietnamDateOnly(instant: string): boolean {
  return instant.endsWith('T00:00:00+07:00');
}

/** Formats an instant as ISO 8601 in Vietnam time, whole seconds. */
export function formatVietnamDateTime(date: Date): string {
  return `${new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** `Z`, `+0700`, `+07:00` or `+07` in milliseconds east of UTC; null for an offset no zone has. */
function offsetMsOf(zone: string): number | null {
  if (zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 3600_000 + minutes * 60_000);
}

function fromParts(y?: string, mo?: string, d?: string, h = '0', mi = '0', s = '0'): string | null {
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return formatVietnamDateTime(new Date(utc - VIETNAM_OFFSET_MS));
}
