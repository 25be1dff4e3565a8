import { isCalendarDate, pad, toVietnamWallTime, VIETNAM_OFFSET_MINUTES } from './vietnam-time';

const TIMESTAMP =
  /^(?:(\d{4})[/-](\d{1,2})[/-](\d{1,2})|(\d{1,2})[/-](\d{1,2})[/-](\d{4}))(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads an edXML timestamp (`TraceHeader/Timestamp`, a status `Timestamp`) as ISO
 * `yyyy-MM-ddTHH:mm:ss+07:00`. The standard writes `yyyy/MM/dd HH:mm:ss` in Vietnam time;
 * also read are `-` separators, `dd/MM/yyyy`, a `T`, missing seconds, a missing time
 * (midnight), fractions of a second (dropped: edXML has none) and an explicit offset or
 * `Z` (converted to Vietnam time). Returns undefined for anything else.
 */
export function parseEdxmlTimestamp(text: string): string | undefined {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1] ?? m[6]);
  const month = Number(m[2] ?? m[5]);
  const day = Number(m[3] ?? m[4]);
  const hour = Number(m[7] ?? 0);
  const minute = Number(m[8] ?? 0);
  const second = Number(m[9] ?? 0);
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = m[10];
  const offsetMinutes =
    offset === undefined
      ? VIETNAM_OFFSET_MINUTES
      : offset === 'Z'
        ? 0
        : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
  const t = toVietnamWallTime({ year, month, day, hour, minute, second }, offsetMinutes);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}+07:00`;
}
