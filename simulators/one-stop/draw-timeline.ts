import type { SeededRandom } from '../kit';
import type { ListingSlot } from './listing-timeline';
import type { NationalStatus } from './types';
import { addWorkingDays, DAY_MS, isWorkingDay, previousWorkingDay, vnDayStart, vnMinuteOfDay } from './vn-time';

/**
 * Every dossier of the history still in progress (1, 2, 4, 5, 6) or awaiting hand-back (9)
 * was listed within this span before `now`: open dossiers are recent, so listing them
 * examines a bounded index range however large the province.
 */
export const OPEN_SPAN_MS = 130 * DAY_MS;

/**
 * A dossier of the history was last updated at most this long after its listing instant,
 * so a listing by update time examines a bounded index range.
 */
export const UPDATE_LAG_MS = 160 * DAY_MS;

/** Dossiers listed within this span before `now` may stay open long after their deadline or wait for collection. */
const BACKLOG_SPAN_MS = 120 * DAY_MS;

const MINUTE = 60_000;

/** The status and instants of one dossier, epoch milliseconds; null where the status has none. */
export interface Timeline {
  status: NationalStatus;
  /** Status 4 whose deadline extension awaits approval. */
  awaitingExtension: boolean;
  submittedAt: number;
  receivedAt: number | null;
  appointmentAt: number | null;
  finishedAt: number | null;
  returnedAt: number | null;
  /** When the current step of a dossier in progress began; null once it is finished. */
  lastActivity: number | null;
  /** The latest of all its instants. */
  updatedAt: number;
}

export interface TimelineInput {
  slot: ListingSlot;
  /** Reception, or submission when never received. */
  listedAt: number;
  /** KenhThucHien: an online dossier was submitted before its reception. */
  channel: 1 | 2 | 3;
  /** For an arrival: whether it was received at the desk on the spot (else an online submission waiting). */
  receivedOnArrival: boolean;
  processingDays: number;
  hasFees: boolean;
  now: number;
  /** The desk's last office period before now: refusals of recent submissions fall in it. */
  lastOffice: { start: number; end: number };
}

/**
 * Draws the life of a dossier forwards from its listing instant: a reception leads to
 * the end of processing after a number of working days (late in about one case in eight,
 * by weeks when the office has a backlog), then to the hand-back; whatever would happen
 * after `now` has not happened yet, so recent dossiers are in progress and old ones done.
 * Submissions never received were refused within days, or are still waiting.
 */
export function drawTimeline(input: TimelineInput, random: SeededRandom): Timeline {
  const { slot, listedAt: at, now } = input;
  switch (slot) {
    case 'pending':
      return timeline(1, false, at, null, null, null, null, at, at);
    case 'refused': {
      let refusedAt = officeAfter(at, random.int(0, 2), random);
      if (refusedAt >= now - MINUTE) {
        const { start, end } = input.lastOffice;
        refusedAt = start + Math.floor((random.next() * (end - start - MINUTE)) / 1000) * 1000;
      }
      return timeline(3, false, at, null, null, refusedAt, null, null, refusedAt);
    }
    case 'arrival':
      return input.receivedOnArrival
        ? timeline(2, false, at, at, addWorkingDays(at, input.processingDays), null, null, at, at)
        : timeline(1, false, at, null, null, null, null, at, at);
    case 'received':
      return received(input, random);
  }
}

/** Every timeline has the same shape: one literal, so the engine keeps one hidden class. */
function timeline(
  status: NationalStatus, awaitingExtension: boolean, submittedAt: number, receivedAt: number | null, appointmentAt: number | null,
  finishedAt: number | null, returnedAt: number | null, lastActivity: number | null, updatedAt: number,
): Timeline {
  return { status, awaitingExtension, submittedAt, receivedAt, appointmentAt, finishedAt, returnedAt, lastActivity, updatedAt };
}

/** Within this age, a dossier may sit open well past its deadline (officers working through a backlog), less likely the older it is. */
function stuckChance(age: number): number {
  return age < BACKLOG_SPAN_MS ? 0.25 * (1 - age / BACKLOG_SPAN_MS) : 0;
}

function received({ listedAt: receivedAt, channel, processingDays: days, hasFees, now }: TimelineInput, random: SeededRandom): Timeline {
  const submittedAt = channel === 2 ? receivedAt - onlineWait(random) : receivedAt;
  const appointmentAt = addWorkingDays(receivedAt, days);
  const backlog = receivedAt >= now - BACKLOG_SPAN_MS;

  const ending = random.next();
  const outcome: 7 | 8 | 'done' = ending < 0.013 ? 7 : ending < 0.021 ? 8 : 'done';
  const stuck = random.chance(stuckChance(now - receivedAt));
  const end = outcome === 7
    ? officeAfter(receivedAt, random.int(0, Math.max(1, days)), random)
    : outcome === 8
      ? officeAfter(receivedAt, random.int(1, days + 2), random)
      : officeAfter(receivedAt, lead(days, random), random);

  if (stuck || end >= now - MINUTE) {
    // Not ended yet: in progress, at a stage that fits the time since reception.
    const elapsed = workingDaysBetween(receivedAt, now);
    let status: NationalStatus;
    let awaitingExtension = false;
    if (elapsed <= 1 && random.chance(0.6)) status = 2;
    else if ((now > appointmentAt || elapsed >= days - 1) && random.chance(0.4)) {
      status = 4;
      awaitingExtension = true;
    } else {
      const point = random.next();
      status = point < 0.7 ? 4 : point < 0.88 ? 5 : hasFees ? 6 : 4;
    }
    const until = receivedAt + Math.floor(random.next() * (now - receivedAt) * (status === 2 ? 0.3 : 0.9));
    const lastActivity = officeWithin(receivedAt, until, random);
    return timeline(status, awaitingExtension, submittedAt, receivedAt, appointmentAt, null, null, lastActivity, lastActivity);
  }
  if (outcome !== 'done') return timeline(outcome, false, submittedAt, receivedAt, appointmentAt, end, null, null, end);
  // Processed: handed back the same day or within a week, unless the applicant has not come yet.
  const waited = random.chance(0.55) ? 0 : random.int(1, 5);
  const returnedAt = waited === 0 ? end + random.int(10, 240) * MINUTE : officeAfter(end, waited, random);
  if (returnedAt >= now - MINUTE || (backlog && random.chance(0.12))) return timeline(9, false, submittedAt, receivedAt, appointmentAt, end, null, null, end);
  return timeline(10, false, submittedAt, receivedAt, appointmentAt, end, returnedAt, null, returnedAt);
}

/**
 * Working days between reception and the end of processing: on time mostly, a few days
 * late in about one case in thirty, weeks late (a backlog) in about one in twenty.
 */
function lead(days: number, random: SeededRandom): number {
  const point = random.next();
  if (point < 0.03) return days + random.int(1, Math.max(2, Math.ceil(days / 2) + 3));
  if (point < 0.08) return days + random.int(5, 45);
  if (point < 0.16) return days;
  return random.int(Math.floor(days * 0.3), Math.max(0, days - 1));
}

/** Minutes to days between an online submission and its acceptance at the desk. */
function onlineWait(random: SeededRandom): number {
  return random.chance(0.7) ? random.int(10, 20 * 60) * MINUTE : random.int(24 * 60, 72 * 60) * MINUTE;
}

/** Working days after the day of `from` up to the day of `to`. */
export function workingDaysBetween(from: number, to: number): number {
  let days = 0;
  for (let day = vnDayStart(from) + DAY_MS; day <= to; day += DAY_MS) if (isWorkingDay(day)) days += 1;
  return days;
}

/** An office-hours instant `k` working days after the day of `from`, strictly after `from`. */
export function officeAfter(from: number, k: number, random: SeededRandom): number {
  const instant = officeTime(addWorkingDays(from, k), random);
  return instant > from ? instant : officeTime(addWorkingDays(from, k + 1), random);
}

/** An office-hours instant between `from` and `to` (clamped to them). */
export function officeWithin(from: number, to: number, random: SeededRandom): number {
  return Math.min(to, Math.max(from, officeTime(from + Math.floor(random.next() * (to - from)), random)));
}

/** A random office-hours time on the nearest working day at or before `ms`. */
export function officeTime(ms: number, random: SeededRandom): number {
  const day = vnDayStart(previousWorkingDay(ms));
  const minute = random.chance(0.6) ? random.int(7 * 60 + 30, 11 * 60 + 29) : random.int(13 * 60 + 30, 16 * 60 + 59);
  return day + minute * MINUTE + random.int(0, 59) * 1000;
}

/** True when `ms` falls in office hours (7:30–11:30, 13:30–17:00) of a working day. */
export function isOfficeHours(ms: number): boolean {
  const minute = vnMinuteOfDay(ms);
  return isWorkingDay(ms) && ((minute >= 450 && minute < 690) || (minute >= 810 && minute < 1020));
}
