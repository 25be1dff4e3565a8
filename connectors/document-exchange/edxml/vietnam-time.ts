/** Vietnam's offset from UTC: +07:00 all year (no daylight saving). */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** True when year/month/day name a real calendar day (no 30 February). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The same instant as Vietnam wall-clock time, given the wall time at `offsetMinutes` east of UTC. */
export function toVietnamWallTime(time: WallTime, offsetMinutes: number): WallTime {
  if (offsetMinutes === VIETNAM_OFFSET_MINUTES) return time;
  const date = new Date(0);
  date.setUTCFullYear(time.year, time.month - 1, time.day);
  date.setUTCHours(time.hour, time.minute + VIETNAM_OFFSET_MINUTES - offsetMinutes, time.second);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

export function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
