import mongoose, { type PipelineStage } from 'mongoose';
import type { DossierQuery } from '../dossier-repository';
import { ALL_PATH, rollupDayBounds, type ReceptionWindow } from '../dossier-rollup';
import { dossierKeyRange } from '../dossier-sort-key';
import { DOSSIER_INDEX, pathField } from './dossier-models';

/** A MongoDB filter document. */
export type MongoFilter = Record<string, unknown>;

const { trusted } = mongoose;

/**
 * The statuses of a query as an `$in` list. `$in` is the one place a caller's value sits
 * outside an `$eq`, and a regular expression in it would match as a pattern, so only whole
 * numbers are let in.
 */
function statusList(statuses: readonly number[]): number[] {
  for (const status of statuses) {
    if (!Number.isInteger(status)) throw new TypeError(`DossierQuery.statuses must be whole numbers; received ${JSON.stringify(statuses)}`);
  }
  return [...statuses];
}

/**
 * The lateness condition shared by dossiers and rollup cells (both have `klass` and
 * `dueDay`): finished late, or open with a due day before `today`. A dossier without a due
 * day (null, or -1 in a cell) is never late: the range only matches numbers from 0.
 */
function lateFilter(late: boolean, today: number): MongoFilter {
  const isLate = [{ klass: { $eq: 'LATE' } }, { klass: { $eq: 'OPEN' }, dueDay: trusted({ $gte: 0, $lt: today }) }];
  return late ? { $or: isLate } : { $nor: isLate };
}

/**
 * The filter of `query` over dossiers, mirroring `sqlite/dossier-filters.ts`, with an
 * optional reception window that replaces the query's own (for counting one edge of a
 * window). The window is given both as a `sortKey` range, so that an index in list order
 * is walked over it, and exactly on `receivedMs`, whose range operators match numbers only
 * (a dossier never received, `null`, drops out). Every caller value is inside an `$eq` or
 * under an operator of ours marked `trusted`, so the connection's `sanitizeFilter` changes
 * nothing and no value ever becomes an operator.
 */
export function dossierFilter(query: DossierQuery, window?: ReceptionWindow): MongoFilter {
  const filter: MongoFilter = {};
  if (query.scope) filter[pathField(query.scope)] = { $eq: query.scope.path };
  if (query.statuses && query.statuses.length > 0) filter.status = trusted({ $in: statusList(query.statuses) });
  if (query.channel !== undefined) filter.channel = { $eq: query.channel };
  if (query.procedure !== undefined) filter.procedure = { $eq: query.procedure };
  const fromMs = window ? window.fromMs : query.receivedFromMs;
  const toMs = window ? window.toMs : query.receivedToMs;
  if (fromMs !== undefined || toMs !== undefined) {
    const { low, high } = dossierKeyRange(fromMs, toMs);
    filter.sortKey = trusted({ ...(low !== undefined ? { $gte: low } : {}), ...(high !== undefined ? { $lte: high } : {}) });
    filter.receivedMs = trusted({ ...(fromMs !== undefined ? { $gte: fromMs } : {}), ...(toMs !== undefined ? { $lt: toMs } : {}) });
  }
  if (query.late !== undefined) Object.assign(filter, lateFilter(query.late, query.today));
  return filter;
}

/** The filter of one page of `query`: its dossiers after `afterKey` in list order. */
export function listFilter(query: DossierQuery, afterKey: string | undefined): MongoFilter {
  const filter = dossierFilter(query);
  if (afterKey !== undefined) filter.sortKey = trusted({ ...(filter.sortKey as object | undefined), $gt: afterKey });
  return filter;
}

/**
 * The index a dossier query walks, named in `hint`: the jurisdiction's `(pathN, sortKey)`
 * when scoped (it bounds the walk to the unit, and the security boundary is always
 * present), else `(procedure, sortKey)` for a procedure, else `(sortKey)`. Each gives list
 * order, so a page never sorts in memory and stops after `first + 1` matches.
 */
export function dossierIndexFor(query: DossierQuery): string {
  if (query.scope) return DOSSIER_INDEX.path[query.scope.depth];
  if (query.procedure !== undefined) return DOSSIER_INDEX.procedure;
  return DOSSIER_INDEX.sort;
}

/** The filter of `query` over rollup cells for whole days `[first, last]` of its window (or every day). */
export function rollupFilter(query: DossierQuery, days: { first?: number; last?: number } | undefined): MongoFilter {
  const filter: MongoFilter = { path: { $eq: query.scope?.path ?? ALL_PATH } };
  const { min, max } = rollupDayBounds(query, days);
  if (min !== undefined || max !== undefined) filter.day = trusted({ ...(min !== undefined ? { $gte: min } : {}), ...(max !== undefined ? { $lte: max } : {}) });
  if (query.statuses && query.statuses.length > 0) filter.status = trusted({ $in: statusList(query.statuses) });
  if (query.channel !== undefined) filter.channel = { $eq: query.channel };
  if (query.late !== undefined) Object.assign(filter, lateFilter(query.late, query.today));
  return filter;
}

/** Sums the rollup cells of `query` over whole days; yields `[{ n }]`, or nothing when no cell matches. */
export function rollupCountPipeline(query: DossierQuery, days: { first?: number; last?: number }): PipelineStage[] {
  return [{ $match: rollupFilter(query, days) }, { $group: { _id: null, n: { $sum: '$n' } } }];
}

/** Rollup cells of `query` over whole days, grouped by what the figures tell apart; yields `RollupGroup`s. */
export function rollupGroupsPipeline(query: DossierQuery, days: { first?: number; last?: number }): PipelineStage[] {
  return [
    { $match: rollupFilter(query, days) },
    { $group: { _id: { channel: '$channel', klass: '$klass', dueDay: '$dueDay' }, n: { $sum: '$n' } } },
    { $project: { _id: 0, channel: '$_id.channel', klass: '$_id.klass', dueDay: '$_id.dueDay', n: 1 } },
  ];
}

/** Dossiers of one partial day of a window, grouped as rollup cells are (`rollupCellsOf`); yields `RollupGroup`s. */
export function edgeGroupsPipeline(query: DossierQuery, window: { fromMs: number; toMs: number }): PipelineStage[] {
  return [
    { $match: dossierFilter(query, window) },
    {
      $group: {
        _id: {
          channel: { $ifNull: ['$channel', ''] },
          klass: '$klass',
          dueDay: { $cond: [{ $eq: ['$klass', 'OPEN'] }, { $ifNull: ['$dueDay', -1] }, -1] },
        },
        n: { $sum: 1 },
      },
    },
    { $project: { _id: 0, channel: '$_id.channel', klass: '$_id.klass', dueDay: '$_id.dueDay', n: 1 } },
  ];
}
