import { vietnamDayOfMs, type DossierRecord } from '../domain';

/** National statuses of a dossier whose processing is finished: 9 processed, 10 result returned. */
export const FINISHED_STATUSES: ReadonlySet<number> = new Set([9, 10]);
/** Statuses of a dossier still being handled: registered, accepted, processing, papers or payment requested. */
export const OPEN_STATUSES: ReadonlySet<number> = new Set([1, 2, 4, 5, 6]);

/**
 * The calendar day (days since 1970-01-01) an instant falls on in Vietnam time (UTC+7, no
 * daylight saving), whatever offset the instant is written with; null when it is missing
 * or not an instant. Reporting rules count in these days: an appointment is a day.
 */
export function vietnamDay(instant: string | null): number | null {
  if (instant === null) return null;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? null : vietnamDayOfMs(ms);
}

/** The Vietnam-time day of `now`. */
export function vietnamToday(now: number = Date.now()): number {
  return vietnamDayOfMs(now);
}

export interface Timeliness {
  finished: boolean;
  open: boolean;
  /** True: finished on time. False: finished late, or open past the appointment. Null: open and not yet late, or neither finished nor open. */
  onTime: boolean | null;
  /** Open and past the appointment day. */
  overdue: boolean;
}

/**
 * On time as the national reporting rules count it ("tỷ lệ hồ sơ trả trước và đúng hạn";
 * the rules as read in docs/sources.md §7, decided here):
 * - The appointment (NgayHenTra) is a day, in Vietnam time: a dossier whose processing
 *   ended (NgayKetThucXuLy, else the return date NgayTra) on or before that day is on
 *   time, at any hour of it, whatever the time of day written in the appointment or
 *   whether the source sent a date only.
 * - A dossier with no appointment (its procedure has no time limit) cannot be late: when
 *   finished it is on time; while open it is never overdue.
 * - A finished dossier with an appointment but no end instant at all is judged by its
 *   last update (it ended no later than that); with none of these it counts as late: on
 *   time must be shown by a date. So every finished dossier is either on time or late.
 * - An open dossier is overdue from the day after its appointment day.
 * - Refused (3), withdrawn (7), stopped (8) and unmapped statuses are neither finished
 *   nor open: they count as received, nothing else.
 */
export function timelinessOf(dossier: DossierRecord, now: number = Date.now()): Timeliness {
  const status = dossier.status.code;
  const finished = status !== null && FINISHED_STATUSES.has(status);
  const open = status !== null && OPEN_STATUSES.has(status);
  const dueDay = vietnamDay(dossier.appointmentAt);
  if (finished) {
    if (dueDay === null) return { finished, open, onTime: true, overdue: false };
    const endDay = vietnamDay(dossier.finishedAt ?? dossier.returnedAt ?? dossier.updatedAt);
    return { finished, open, onTime: endDay !== null && endDay <= dueDay, overdue: false };
  }
  const overdue = open && dueDay !== null && vietnamToday(now) > dueDay;
  return { finished, open, onTime: overdue ? false : null, overdue };
}
