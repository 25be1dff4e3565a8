import { readText } from './read-values';

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/**
 * Reads an instant as Vietnamese systems send it and returns it as ISO 8601 in Vietnam
 * time (`2024-03-15T08:30:00+07:00`), or null when absent or not a real instant:
 * - `yyyyMMddHHmmss` (national portal format, Vietnam time), also `yyyyMMdd`;
 * - ISO 8601 with an offset written `+0700`, `+07:00` or `Z` (converted to Vietnam time);
 * - ISO 8601 without an offset (taken as Vietnam time);
 * - `dd/MM/yyyy HH:mm:ss`, `dd/MM/yyyy HH:mm` or `dd/MM/yyyy` (older systems, Vietnam time).
 * The instant never drifts: reading the output again gives the same string.
 */
export function readVietnamDateTime(value: unknown): string | null {
  const text = readText(value);
  if (text === null) return null;
  let match = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(text);
  if (match) return fromParts(match[1], match[2], match[3], match[4], match[5], match[6]);
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (match) return fromParts(match[3], match[2], match[1], match[4], match[5], match[6]);
  match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!match) return null;
  const local = fromParts(match[1], match[2], match[3], match[4], match[5], match[6]);
  const zone = match[7];
  if (local === null || zone === undefined) return local;
  const offsetMs = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 3600_000 + Number(zone.slice(-2)) * 60_000);
  // The wall-clock parts were read as Vietnam time; shift them to the zone they were written in.
  return formatVietnamDateTime(new Date(Date.parse(local) + VIETNAM_OFFSET_MS - offsetMs));
}

/** Formats an instant as ISO 8601 in Vietnam time, whole seconds. */
export function formatVietnamDateTime(date: Date): string {
  return `${new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

function fromParts(y?: string, mo?: string, d?: string, h = '0', mi = '0', s = '0'): string | null {
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return formatVietnamDateTime(new Date(utc - VIETNAM_OFFSET_MS));
}
