const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * The calendar day (days since 1970-01-01) an instant falls on in Vietnam time (UTC+7,
 * no daylight saving). Reporting rules count in these days: an appointment is a day.
 */
export function vietnamDayOfMs(ms: number): number {
  return Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** The instant a Vietnam-time day starts (00:00 +07:00), in epoch milliseconds. */
export function startOfVietnamDay(day: number): number {
  return day * DAY_MS - VIETNAM_OFFSET_MS;
}
