import type { SeededRandom } from '../kit';
import type { NationalStatus } from './types';
import { addWorkingDays, DAY_MS, previousWorkingDay, vnDayStart } from './vn-time';

/** The instants of one dossier, epoch milliseconds; null where the status has none. */
export interface Timeline {
  /** Set here only for status 1 and 3 (never accepted); otherwise derived from the channel later. */
  submittedAt: number | null;
  receivedAt: number | null;
  appointmentAt: number | null;
  finishedAt: number | null;
  returnedAt: number | null;
}

export interface TimelineInput {
  status: NationalStatus;
  processingDays: number;
  awaitingExtension: boolean;
  now: number;
  /** Start of the data's history (about three years before now). */
  since: number;
}

const MINUTE = 60_000;

/**
 * Draws instants consistent with the status, backwards from a point before now: a
 * returned dossier's hand-back, then its end of processing, then its reception so that
 * about one in ten finishes after its appointment. Receptions fall in office hours
 * (7:30–11:30, 13:30–17:00 Vietnam time) on working days; history grows towards now,
 * as online use did.
 */
export function drawTimeline({ status, processingDays: days, awaitingExtension, now, since }: TimelineInput, random: SeededRandom): Timeline {
  const none: Timeline = { submittedAt: null, receivedAt: null, appointmentAt: null, finishedAt: null, returnedAt: null };
  const withReception = (receivedAt: number, rest: Partial<Timeline> = {}): Timeline => ({
    ...none,
    receivedAt,
    appointmentAt: addWorkingDays(receivedAt, days),
    ...rest,
  });
  const today = previousWorkingDay(now);
  /** A working-hours instant `k` working days before today; a working day earlier if that would be after now. */
  const daysAgo = (k: number): number => {
    let instant = officeTime(addWorkingDays(today, -k), random);
    while (instant > now - MINUTE) instant = officeTime(addWorkingDays(instant, -1), random);
    return instant;
  };

  switch (status) {
    case 1: {
      const submittedAt = now - random.int(30, 60 * 60) * MINUTE;
      return { ...none, submittedAt };
    }
    case 3: {
      const submittedAt = historic(since, now, random);
      const refusedAt = Math.min(Math.max(officeTime(addWorkingDays(submittedAt, random.int(0, 2)), random), submittedAt + 30 * MINUTE), now - MINUTE);
      return { ...none, submittedAt, finishedAt: refusedAt };
    }
    case 2:
      return withReception(daysAgo(random.chance(0.6) ? 0 : 1));
    case 4: {
      const k = awaitingExtension
        ? random.int(Math.max(0, days - 2), days + 4)
        : random.chance(0.2)
          ? random.int(days, days + 12)
          : random.int(0, Math.max(0, days - 1));
      return withReception(daysAgo(k));
    }
    case 5:
    case 6:
      return withReception(daysAgo(random.int(1, days + 3)));
    case 7:
    case 8: {
      const finishedAt = Math.min(officeTime(historic(since, now, random), random), now - MINUTE);
      const receivedAt = before(finishedAt, random.int(1, Math.max(1, days)), random);
      return withReception(receivedAt, { finishedAt });
    }
    case 9: {
      const finishedAt = random.chance(0.8) ? daysAgo(random.int(0, 4)) : daysAgo(random.int(5, 250));
      return withReception(before(finishedAt, lead(days, random), random), { finishedAt });
    }
    case 10: {
      const returnedAt = Math.min(officeTime(historic(since + 30 * DAY_MS, now, random), random), now - MINUTE);
      const waited = random.chance(0.55) ? 0 : random.int(1, 5);
      const finishedAt = waited === 0 ? returnedAt - random.int(10, 240) * MINUTE : officeTime(addWorkingDays(returnedAt, -waited), random);
      return withReception(before(finishedAt, lead(days, random), random), { finishedAt, returnedAt });
    }
  }
}

/** Working days between reception and the end of processing: late in about one case in ten. */
function lead(days: number, random: SeededRandom): number {
  if (random.chance(0.09)) return days + random.int(1, Math.max(2, Math.ceil(days / 2) + 3));
  if (random.chance(0.08)) return days;
  return random.int(Math.floor(days * 0.3), Math.max(0, days - 1));
}

/** A reception in office hours `k` working days before `end`, or a working day earlier if that is not before `end`. */
function before(end: number, k: number, random: SeededRandom): number {
  const receivedAt = officeTime(addWorkingDays(end, -k), random);
  return receivedAt < end ? receivedAt : officeTime(addWorkingDays(end, -k - 1), random);
}

/** An instant between `from` and `to`, denser towards `to` (twice as dense at the end). */
function historic(from: number, to: number, random: SeededRandom): number {
  const t = -1 + Math.sqrt(1 + 3 * random.next());
  return from + Math.floor(t * (to - from));
}

/** A random office-hours time on the nearest working day at or before `ms`. */
export function officeTime(ms: number, random: SeededRandom): number {
  const day = vnDayStart(previousWorkingDay(ms));
  const minute = random.chance(0.6) ? random.int(7 * 60 + 30, 11 * 60 + 29) : random.int(13 * 60 + 30, 16 * 60 + 59);
  return day + minute * MINUTE + random.int(0, 59) * 1000;
}
