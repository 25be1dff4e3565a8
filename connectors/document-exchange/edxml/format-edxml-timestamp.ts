import { isCalendarDate, pad, toVietnamWallTime } from './vietnam-time';

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Writes an ISO date-time with an explicit offset or `Z` (nothing else: a time without a
 * zone is ambiguous) as edXML's `yyyy/MM/dd HH:mm:ss` in Vietnam time, converting from the
 * given offset. Fractions of a second are dropped. Returns undefined for any other value.
 */
export function formatEdxmlTimestamp(isoDateTime: string): string | undefined {
  const m = ISO_DATE_TIME.exec(isoDateTime);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = m[7] as string;
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const t = toVietnamWallTime({ year, month, day, hour, minute, second }, offsetMinutes);
  return `${pad(t.year, 4)}/${pad(t.month)}/${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}
