import { indexFraction } from './index-seed';
import { DAY_MS, isWorkingDay, vnDayStart } from './vn-time';

/**
 * How a dossier comes to be listed where it is:
 * - `received`: accepted at the desk at its listing instant, in office hours on a working day;
 * - `refused`: an online submission, listed at its submission (outside office hours), that
 *   the desk later refused;
 * - `pending`: an online submission made after the desk last closed, not yet received;
 * - `arrival`: a dossier registered after the data's `now`, as the simulated clock moves.
 */
export type ListingSlot = 'received' | 'refused' | 'pending' | 'arrival';

/** A range of dossier indices, start included, end excluded. */
export type IndexRange = readonly [number, number];

export interface ListingTimeline {
  /** Dossiers of the generated history (indices 0 … count − 1); later indices are arrivals. */
  readonly count: number;
  /** Start of the history: three years before `now`. */
  readonly since: number;
  /** The data's "now": every dossier of the history is listed before it, every arrival after. */
  readonly now: number;
  /** The end of the desk's last office period at least an hour before `now`: pending submissions are listed after it. */
  readonly lastOfficeEnd: number;
  /** When that office period began. */
  readonly lastOfficeStart: number;
  /** The listing instant of dossier `index` (whole seconds), non-decreasing in `index`. */
  listedAt(index: number): number;
  slotOf(index: number): ListingSlot;
  /** The first index in [0, total) listed at or after `instant`; `total` when none is. */
  firstAt(instant: number, total: number): number;
  /**
   * The parts of [lo, hi) ∩ [0, count) whose dossiers were received at their listing
   * instant (`received` true), or never received (false: refused or waiting), in order.
   */
  slotRanges(lo: number, hi: number, received: boolean): IndexRange[];
  /** How many arrivals are listed at or before `instant`. */
  arrivalsUntil(instant: number): number;
  /** Arrivals per simulated day. */
  readonly newPerDay: number;
}

export interface ListingTimelineOptions {
  count: number;
  now: number;
  /** Seed of the jitter that spreads listing instants. */
  key: number;
  /** Arrivals per simulated day after `now`; 0 for none; `history` for the pace of the history's last four weeks. */
  newPerDay: number | 'history';
}

const MINUTE = 60_000;
const HISTORY_DAYS = 3 * 365;
/** Office periods of a working day, in minutes since midnight: 7:30–11:30 and 13:30–17:00. */
const OFFICE_PERIODS: ReadonlyArray<readonly [number, number]> = [[450, 690], [810, 1020]];

/**
 * Relative density of listings per minute. Office minutes carry the receptions; other
 * minutes carry only online submissions the desk never received: those it refused
 * (about 1.3% of all dossiers) and, since the desk last closed, those still waiting.
 */
const DENSITY: Readonly<Record<Exclude<ListingSlot, 'arrival'>, number>> = { received: 1, refused: 0.0035, pending: 0.134 };
const SLOTS: ReadonlyArray<Exclude<ListingSlot, 'arrival'>> = ['received', 'refused', 'pending'];

/**
 * The listing instants of one province's dossiers, computed from the index alone: the
 * three years before `now` are cut into segments (office periods, nights, weekends) with
 * a density that doubles from the first day to the last, as online use grew; dossier `i`
 * sits at the point where the cumulative density reaches `(i + jitter_i) / count`. So the
 * instant is non-decreasing in the index, a reception window is an index range found by
 * binary search, and nothing per dossier is stored: the tables hold one row per segment
 * (about 7,700 for three years).
 */
export function createListingTimeline({ count, now, key, newPerDay: asked }: ListingTimelineOptions): ListingTimeline {
  const since = now - HISTORY_DAYS * DAY_MS;
  const { end: lastOfficeEnd, start: lastOfficeStart } = lastOfficePeriod(now);

  const starts: number[] = [];
  const ends: number[] = [];
  const slots: number[] = [];
  const weights: number[] = [];
  const push = (from: number, to: number, slot: Exclude<ListingSlot, 'arrival'>): void => {
    const a = Math.max(from, since);
    const b = Math.min(to, now);
    if (b <= a) return;
    const trend = 1 + ((a + b) / 2 - since) / (now - since);
    starts.push(a);
    ends.push(b);
    slots.push(SLOTS.indexOf(slot));
    weights.push(((b - a) / MINUTE) * DENSITY[slot] * trend);
  };
  for (let day = vnDayStart(since); day < now; day += DAY_MS) {
    const off = (from: number, to: number): void => push(from, to, from >= lastOfficeEnd ? 'pending' : 'refused');
    if (!isWorkingDay(day)) {
      off(day, day + DAY_MS);
      continue;
    }
    let cursor = day;
    for (const [open, close] of OFFICE_PERIODS) {
      off(cursor, day + open * MINUTE);
      push(day + open * MINUTE, day + close * MINUTE, 'received');
      cursor = day + close * MINUTE;
    }
    off(cursor, day + DAY_MS);
  }

  const segments = starts.length;
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  // Boundaries in "index space": segment s holds the dossiers whose x = i + jitter lies in [bound[s], bound[s + 1]).
  const bound = new Float64Array(segments + 1);
  for (let s = 0, acc = 0; s < segments; s++) {
    bound[s] = (acc / total) * count;
    acc += weights[s] as number;
  }
  bound[segments] = count;
  const jitter = (index: number): number => indexFraction(key, index);
  const firstIndex = new Int32Array(segments + 1);
  for (let s = 0; s <= segments; s++) {
    const x = bound[s] as number;
    const candidate = Math.max(0, Math.ceil(x) - 1);
    firstIndex[s] = Math.min(count, candidate + jitter(candidate) >= x ? candidate : candidate + 1);
  }
  firstIndex[segments] = count;

  /** The segment holding base dossier `index`: the last s with firstIndex[s] ≤ index. */
  const segmentOf = (index: number): number => {
    let lo = 0;
    let hi = segments - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((firstIndex[mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  let gap = Infinity;
  const arrivalAt = (k: number): number => (gap === Infinity ? Infinity : now + 1000 + Math.floor(((k + jitter(count + k)) * gap) / 1000) * 1000);

  const listedAt = (index: number): number => {
    if (index >= count) return arrivalAt(index - count);
    const s = segmentOf(index);
    const x = index + jitter(index);
    const from = bound[s] as number;
    const to = bound[s + 1] as number;
    const share = to > from ? Math.min(1, Math.max(0, (x - from) / (to - from))) : 0;
    const start = starts[s] as number;
    const end = ends[s] as number;
    const at = Math.floor((start + share * (end - start)) / 1000) * 1000;
    return Math.min(Math.max(at, start), end - 1000);
  };

  const arrivalsUntil = (instant: number): number => {
    if (gap === Infinity || instant <= now) return 0;
    // arrivalAt(k) ≥ now + k·gap, so no arrival past this k can be at or before `instant`.
    let lo = 0;
    let hi = Math.ceil((instant - now) / gap) + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (arrivalAt(mid) <= instant) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const firstBase = (instant: number): number => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (listedAt(mid) < instant) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // The history's own pace over its last four weeks, unless a rate was given.
  const newPerDay = asked === 'history' ? (count - firstBase(now - 28 * DAY_MS)) / 28 : asked;
  gap = newPerDay > 0 ? DAY_MS / newPerDay : Infinity;

  return {
    count,
    since,
    newPerDay,
    now,
    lastOfficeEnd,
    lastOfficeStart,
    listedAt,
    slotOf: (index) => (index >= count ? 'arrival' : (SLOTS[slots[segmentOf(index)] as number] as ListingSlot)),
    firstAt(instant, totalCount) {
      const lo = firstBase(instant);
      if (lo < totalCount && lo < count) return lo;
      if (totalCount <= count) return Math.min(lo, totalCount);
      // Every dossier of the history is listed before `instant`: count the arrivals before it.
      return Math.min(totalCount, count + arrivalsUntil(instant - 1));
    },
    slotRanges(lo, hi, received) {
      const ranges: Array<[number, number]> = [];
      const end = Math.min(hi, count);
      if (lo >= end) return ranges;
      for (let s = segmentOf(Math.max(0, lo)); s < segments && (firstIndex[s] as number) < end; s++) {
        if ((SLOTS[slots[s] as number] === 'received') !== received) continue;
        const a = Math.max(lo, firstIndex[s] as number);
        const b = Math.min(end, firstIndex[s + 1] as number);
        if (b <= a) continue;
        const last = ranges[ranges.length - 1];
        if (last && last[1] === a) last[1] = b;
        else ranges.push([a, b]);
      }
      return ranges;
    },
    arrivalsUntil,
  };
}

/** The last office period ending at least an hour before `now`, walking back over days off. */
function lastOfficePeriod(now: number): { start: number; end: number } {
  for (let day = vnDayStart(now); day > now - 60 * DAY_MS; day -= DAY_MS) {
    if (!isWorkingDay(day)) continue;
    for (const [open, close] of [...OFFICE_PERIODS].reverse() as Array<readonly [number, number]>) {
      const end = day + close * MINUTE;
      if (end <= now - 60 * MINUTE) return { start: day + open * MINUTE, end };
    }
  }
  throw new Error(`listing timeline: no working day in the 60 days before ${new Date(now).toISOString()}`);
}
