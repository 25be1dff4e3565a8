import { LIVE_STATUSES } from './apply-transition';
import { isWithinAgency } from './agency-code';
import type { DossierFacts } from './dossier-facts';
import { factsOfCore } from './dossier-facts';
import { arraySequence, rangeSequence, sortScanned, type DossierSequence, type KeyDirections } from './dossier-sequence';
import { OPEN_SPAN_MS, UPDATE_LAG_MS } from './draw-timeline';
import type { IndexRange } from './listing-timeline';
import { mergeListing, type ExtraEntry, type Listing } from './merge-listing';
import type { ProvinceState } from './province-state';
import type { NationalStatus } from './types';

/** Instants from `from` (included) to `to` (excluded), epoch ms; null is open-ended. */
export interface InstantWindow {
  from: number | null;
  to: number | null;
}

/** Which dossiers a status filter lets through, in national terms plus the extension flag iGate distinguishes. */
export interface StatusFilter {
  /** Stable text for caching, e.g. `igate:2,10`. */
  key: string;
  /** Every national status the filter can let through: when all are live, only recent dossiers are examined. */
  national: ReadonlySet<NationalStatus>;
  accepts(status: NationalStatus, awaitingExtension: boolean): boolean;
}

export type SortField = 'receivedAt' | 'submittedAt' | 'appointmentAt' | 'finishedAt' | 'updatedAt' | 'code';

/** A listing request in the simulator's own terms; each dialect translates its parameters into one. */
export interface DossierQuery {
  /** On the listing instant (reception, submission when never received): motcua and soap. */
  listed?: InstantWindow;
  /** On the reception instant; dossiers never received are left out: iGate's accepted-from/to. */
  received?: InstantWindow;
  /** On the last update: iGate's updated-from/to. */
  updated?: InstantWindow;
  status?: StatusFilter;
  /** An agency with its subordinates; null matches nothing (an agency id nobody knows). */
  agency?: string | null;
  procedureCode?: string;
  /** Exactly this code. */
  code?: string;
  /** A case-insensitive substring of the code. */
  codeContains?: string;
  /** Sort order; empty or absent is listing order (listing instant, then index). Ties go by index. */
  sort?: ReadonlyArray<{ field: SortField; direction: 1 | -1 }>;
}

export interface DossierLister {
  list(query: DossierQuery): Listing;
}

/**
 * Bytes of scanned sequences kept between requests: a whole province of a million sorted
 * by code is 12 MB, a day's update window about 2 MB.
 */
const SEQUENCE_BUDGET = 48 * 1024 * 1024;
const LISTING_CACHE_SIZE = 16;

/**
 * Lists a province's dossiers without materialising them: the generated dossiers a query
 * can match are narrowed to index ranges (a reception or listing window by binary search;
 * only recent dossiers for statuses still in progress; only those listed outside office
 * hours for statuses never received (1 waiting, 3 refused); only those listed up to
 * UPDATE_LAG_MS before an update window), scanned once when a filter or sort needs it and
 * the result cached, then merged with the overlay's dossiers in their current state.
 */
export function createDossierLister(state: ProvinceState): DossierLister {
  const { data } = state;
  const { timeline, count, now: origin } = data.context;
  const sequences = new Map<string, DossierSequence>();
  let budget = 0;
  const listings = new Map<string, { version: number; listing: Listing }>();

  const codeOf = (index: number): string => data.codeOf(data.core(index));
  const firstAt = (instant: number): number => timeline.firstAt(instant, count);

  function matches(facts: DossierFacts, query: DossierQuery, code: () => string): boolean {
    const inside = (value: number | null, window: InstantWindow | undefined): boolean =>
      window === undefined || (value !== null && (window.from === null || value >= window.from) && (window.to === null || value < window.to));
    if (!inside(facts.listedAt, query.listed) || !inside(facts.receivedAt, query.received) || !inside(facts.updatedAt, query.updated)) return false;
    if (query.status && !query.status.accepts(facts.status, facts.awaitingExtension)) return false;
    if (query.agency !== undefined && (query.agency === null || !isWithinAgency(facts.agencyCode, query.agency))) return false;
    if (query.procedureCode !== undefined && facts.procedureCode !== query.procedureCode) return false;
    if (query.code !== undefined && code() !== query.code) return false;
    if (query.codeContains !== undefined && !code().toLowerCase().includes(query.codeContains.toLowerCase())) return false;
    return true;
  }

  function keysOf(facts: DossierFacts, query: DossierQuery): number[] {
    if (!query.sort || query.sort.length === 0) return [facts.listedAt];
    return query.sort.map(({ field }) => {
      if (field === 'code') return data.agencyRank(facts.agencyCode) * 2 ** 25 + facts.index;
      const value = facts[field];
      return value === null ? -Infinity : value;
    });
  }

  const directionsOf = (query: DossierQuery): KeyDirections => (query.sort && query.sort.length > 0 ? query.sort.map((spec) => spec.direction) : [1]);

  /** The generated dossiers the query can match, in its order, ignoring the overlay. */
  function baseSequence(query: DossierQuery, key: string): DossierSequence {
    const cached = sequences.get(key);
    if (cached) {
      sequences.delete(key);
      sequences.set(key, cached);
      return cached;
    }
    let lo = 0;
    let hi = count;
    const narrow = (window: InstantWindow | undefined, slack = 0): void => {
      if (!window) return;
      if (window.from !== null) lo = Math.max(lo, firstAt(window.from - slack));
      if (window.to !== null) hi = Math.min(hi, firstAt(window.to));
    };
    narrow(query.listed);
    narrow(query.received);
    // A generated dossier's last update is at most UPDATE_LAG_MS after its listing, never before it.
    narrow(query.updated, UPDATE_LAG_MS);
    if (query.agency === null) hi = lo;
    if (query.code !== undefined) {
      const index = data.indexOfCode(query.code, count);
      if (index === null) hi = lo;
      else [lo, hi] = [Math.max(lo, index), Math.min(hi, index + 1)];
    }
    const liveOnly = query.status !== undefined && [...query.status.national].every((status) => LIVE_STATUSES.has(status));
    if (liveOnly) lo = Math.max(lo, firstAt(origin - OPEN_SPAN_MS));
    // Generated dossiers never received (1 waiting, 3 refused) are exactly those listed outside office hours.
    const neverReceived = query.status !== undefined && [...query.status.national].every((status) => status === 1 || status === 3);
    const ranges: IndexRange[] = hi <= lo || (query.received && neverReceived)
      ? []
      : query.received ? timeline.slotRanges(lo, hi, true) : neverReceived ? timeline.slotRanges(lo, hi, false) : [[lo, hi]];
    const sorted = query.sort !== undefined && query.sort.length > 0;
    const residual = query.updated !== undefined || query.status !== undefined || query.agency !== undefined || query.procedureCode !== undefined || query.code !== undefined || query.codeContains !== undefined;

    let sequence: DossierSequence;
    if (!residual && !sorted) sequence = rangeSequence(ranges, firstAt);
    else if (!residual && query.sort?.length === 1 && query.sort[0]?.field === 'code') sequence = codeOrdered(ranges, query.sort[0].direction);
    else {
      const directions = directionsOf(query);
      let found = new Int32Array(1024);
      let columns = directions.map(() => new Float64Array(1024));
      let size = 0;
      const visit = (index: number): void => {
        const core = data.core(index);
        const facts = factsOfCore(core);
        if (!matches(facts, query, () => data.codeOf(core))) return;
        if (size === found.length) {
          found = grow(found, new Int32Array(size * 2));
          columns = columns.map((column) => grow(column, new Float64Array(size * 2)));
        }
        found[size] = index;
        keysOf(facts, query).forEach((value, k) => ((columns[k] as Float64Array)[size] = value));
        size += 1;
      };
      if (liveOnly) {
        const live = state.liveBase();
        for (const [start, end] of ranges) for (let p = lowerBound(live, start); p < live.length && (live[p] as number) < end; p++) visit(live[p] as number);
      } else {
        for (const [start, end] of ranges) for (let index = start; index < end; index++) visit(index);
      }
      const scanned = { indices: found.slice(0, size), keys: columns.map((column) => column.slice(0, size)) };
      const ordered = sorted ? sortScanned(scanned.indices, scanned.keys, directions) : scanned;
      sequence = arraySequence(ordered.indices, ordered.keys, directionsOf(query));
    }
    sequences.set(key, sequence);
    budget += sequence.bytes;
    for (const [oldKey, old] of sequences) {
      if (budget <= SEQUENCE_BUDGET || old === sequence) break;
      sequences.delete(oldKey);
      budget -= old.bytes;
    }
    return sequence;
  }

  /**
   * The ranges in code order without building a code: a code is the agency, then the
   * day and the day's number, both ascending with the index; so code order is (agency,
   * index), a counting sort by agency over the ranges.
   */
  function codeOrdered(ranges: readonly IndexRange[], direction: 1 | -1): DossierSequence {
    const total = ranges.reduce((sum, [start, end]) => sum + end - start, 0);
    const ranks = new Uint16Array(total);
    const counts = new Int32Array(data.agencyRank('') + 2);
    let p = 0;
    for (const [start, end] of ranges) {
      for (let index = start; index < end; index++, p++) {
        const rank = data.agencyRank(data.agencyOf(index));
        ranks[p] = rank;
        counts[rank + 1] = (counts[rank + 1] as number) + 1;
      }
    }
    for (let rank = 1; rank < counts.length; rank++) counts[rank] = (counts[rank] as number) + (counts[rank - 1] as number);
    const indices = new Int32Array(total);
    const keys = new Float64Array(total);
    p = 0;
    for (const [start, end] of ranges) {
      for (let index = start; index < end; index++, p++) {
        const rank = ranks[p] as number;
        const at = (counts[rank] as number);
        counts[rank] = at + 1;
        indices[at] = index;
        keys[at] = rank * 2 ** 25 + index;
      }
    }
    if (direction === -1) {
      indices.reverse();
      keys.reverse();
    }
    return arraySequence(indices, [keys], [direction]);
  }

  /** The overlay's part for this query: base positions to skip, dossiers to add. */
  function overlayPart(query: DossierQuery, base: DossierSequence): { excluded: number[]; extras: ExtraEntry[] } {
    const excluded: number[] = [];
    for (const index of state.overlaidBase()) {
      const position = base.positionOf(index, keysOf(state.baseFacts(index), query));
      if (position >= 0) excluded.push(position);
    }
    excluded.sort((a, b) => a - b);
    const directions = directionsOf(query);
    const extras: ExtraEntry[] = [];
    for (const [index, entry] of state.overlay) {
      if (matches(entry.facts, query, () => codeOf(index))) extras.push({ index, keys: keysOf(entry.facts, query) });
    }
    extras.sort((a, b) => {
      for (let k = 0; k < directions.length; k++) {
        const x = a.keys[k] as number;
        const y = b.keys[k] as number;
        if (x !== y) return (x < y ? -1 : 1) * (directions[k] as number);
      }
      return a.index - b.index;
    });
    return { excluded, extras };
  }

  return {
    list(query) {
      state.sync();
      const key = JSON.stringify({ ...query, status: query.status?.key });
      const version = state.version();
      const cached = listings.get(key);
      if (cached?.version === version) return cached.listing;
      const base = baseSequence(query, key);
      const { excluded, extras } = overlayPart(query, base);
      const listing = mergeListing(base, excluded, extras);
      // Pages of one listing come in one after another: keep it until the overlay changes.
      listings.delete(key);
      listings.set(key, { version, listing });
      if (listings.size > LISTING_CACHE_SIZE) listings.delete(listings.keys().next().value as string);
      return listing;
    },
  };
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function lowerBound(values: Int32Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
