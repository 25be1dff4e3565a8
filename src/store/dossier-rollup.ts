import { vietnamDayOfMs } from '../domain';
import type { DossierCounts, DossierFacts, DossierQuery } from './dossier-repository';

/** The rollup path that holds every dossier of every source. */
export const ALL_PATH = '*';

/** One cell of the maintained figures: how many dossiers share these facts. */
export interface RollupCell {
  path: string;
  /** Vietnam-time day of reception, -1 when never received. */
  day: number;
  /** National status, -1 when unmapped. */
  status: number;
  /** '' when unknown. */
  channel: string;
  klass: string;
  /** Due day of an open dossier (for overdue), else -1. */
  dueDay: number;
}

/**
 * The cells one dossier counts in: one per level of its agency's path and one for
 * everything, so a count over "this unit and everything under it" reads one path.
 */
export function rollupCellsOf(facts: DossierFacts): RollupCell[] {
  const common = {
    day: facts.receivedMs === null ? -1 : vietnamDayOfMs(facts.receivedMs),
    status: facts.status ?? -1,
    channel: facts.channel ?? '',
    klass: facts.klass,
    dueDay: facts.klass === 'OPEN' ? (facts.dueDay ?? -1) : -1,
  };
  return [ALL_PATH, ...facts.agencyPaths].map((path) => ({ path, ...common }));
}

/** One row of a grouped rollup read. */
export interface RollupGroup {
  channel: string;
  klass: string;
  dueDay: number;
  n: number;
}

/**
 * Figures from grouped rollup cells: received counts every cell, processed the finished
 * classes, overdue the open cells due before `today`.
 */
export function countsFromGroups(groups: readonly RollupGroup[], today: number): DossierCounts {
  const counts: DossierCounts = { received: 0, online: 0, processed: 0, onTime: 0, late: 0, inProgress: 0, overdue: 0 };
  for (const { channel, klass, dueDay, n } of groups) {
    counts.received += n;
    if (channel === 'ONLINE') counts.online += n;
    if (klass === 'ON_TIME') {
      counts.processed += n;
      counts.onTime += n;
    } else if (klass === 'LATE') {
      counts.processed += n;
      counts.late += n;
    } else if (klass === 'OPEN') {
      counts.inProgress += n;
      if (dueDay >= 0 && dueDay < today) counts.overdue += n;
    }
  }
  return counts;
}

/**
 * A reception window cut into whole Vietnam-time days (counted from rollups) and at most
 * two partial edges (counted on dossiers). `days` is [first, last] inclusive, absent when
 * no whole day fits; each edge is [fromMs, toMs).
 */
export function splitWindowByDay(fromMs: number | undefined, toMs: number | undefined): { days?: { first?: number; last?: number }; edges: Array<[number, number]> } {
  const startOf = (day: number): number => day * 86_400_000 - 7 * 3_600_000;
  if (fromMs === undefined && toMs === undefined) return { days: {}, edges: [] };
  const edges: Array<[number, number]> = [];
  let first: number | undefined;
  let last: number | undefined;
  if (fromMs !== undefined) {
    const day = vietnamDayOfMs(fromMs);
    if (startOf(day) === fromMs) first = day;
    else {
      first = day + 1;
      edges.push([fromMs, toMs === undefined ? startOf(day + 1) : Math.min(toMs, startOf(day + 1))]);
    }
  }
  if (toMs !== undefined) {
    const day = vietnamDayOfMs(toMs);
    last = day - 1;
    if (startOf(day) !== toMs) {
      const edgeFrom = Math.max(fromMs ?? startOf(day), startOf(day));
      // A window inside one day is already the first edge.
      if (!(fromMs !== undefined && vietnamDayOfMs(fromMs) === day)) edges.push([edgeFrom, toMs]);
    }
  }
  if (first !== undefined && last !== undefined && first > last) return { edges };
  return { days: { ...(first !== undefined ? { first } : {}), ...(last !== undefined ? { last } : {}) }, edges };
}

/** True when a count of `query` can be read from rollups (every filter it has is a rollup dimension). */
export function isRollupQuery(query: DossierQuery): boolean {
  return query.procedure === undefined;
}

/** A reception window that replaces a query's own, for counting one partial day of it. */
export interface ReceptionWindow {
  fromMs?: number;
  toMs?: number;
}

/**
 * How a count of `query` is read, the same on every adapter: dossier rows for each of
 * `rowWindows` (`undefined`: the query's own window) plus, when `days` is present, rollup
 * cells over those whole days. A procedure filter is counted on rows alone; any other
 * query on rollups for its whole days and on rows for its partial edges.
 */
export function planDossierCount(query: DossierQuery): { rowWindows: Array<ReceptionWindow | undefined>; days?: { first?: number; last?: number } } {
  if (!isRollupQuery(query)) return { rowWindows: [undefined] };
  const { days, edges } = splitWindowByDay(query.receivedFromMs, query.receivedToMs);
  return { rowWindows: edges.map(([fromMs, toMs]) => ({ fromMs, toMs })), ...(days ? { days } : {}) };
}

/**
 * The rollup days to read for whole days `days` of `query`: `min` to `max` inclusive,
 * either open. A query with a reception window never reads day -1 (never received).
 */
export function rollupDayBounds(query: DossierQuery, days: { first?: number; last?: number } | undefined): { min?: number; max?: number } {
  if (!days) return {};
  const windowed = query.receivedFromMs !== undefined || query.receivedToMs !== undefined;
  return { ...(windowed ? { min: Math.max(0, days.first ?? 0) } : {}), ...(days.last !== undefined ? { max: days.last } : {}) };
}

/**
 * The net change of every rollup cell a batch of writes makes: each write leaves the
 * cells of the dossier as it was (`before`, absent for a new one) and joins the cells of
 * `after`. Cells whose changes cancel out are left out, so a batch touches only the cells
 * it really moves.
 */
export function netRollupDeltas(moves: ReadonlyArray<{ before?: DossierFacts; after: DossierFacts }>): Array<{ cell: RollupCell; delta: number }> {
  const deltas = new Map<string, { cell: RollupCell; delta: number }>();
  const add = (facts: DossierFacts, delta: number): void => {
    for (const cell of rollupCellsOf(facts)) {
      const key = JSON.stringify([cell.path, cell.day, cell.status, cell.channel, cell.klass, cell.dueDay]);
      const entry = deltas.get(key);
      if (entry) entry.delta += delta;
      else deltas.set(key, { cell, delta });
    }
  };
  for (const { before, after } of moves) {
    if (before) add(before, -1);
    add(after, 1);
  }
  return [...deltas.values()].filter(({ delta }) => delta !== 0);
}
