import type { AgencyScope, DossierQuery } from '../dossier-repository';
import { dossierKeyRange } from '../dossier-sort-key';
import { ALL_PATH, rollupDayBounds } from '../dossier-rollup';

/** A WHERE clause and its parameters, in order. */
export interface SqlCondition {
  sql: string;
  params: Array<string | number>;
}

const PATH_COLUMN = { 1: 'path1', 2: 'path2', 3: 'path3', 4: 'path4' } as const;

/** The column of a scope's depth (from a fixed list, never from input). */
export function pathColumn(scope: AgencyScope): string {
  return PATH_COLUMN[scope.depth];
}

/**
 * The lateness condition shared by dossier rows and rollup cells (both have `klass` and
 * `due_day`). A dossier row's `due_day` may be NULL (no due day: never late); the
 * `IS NOT NULL` keeps the condition false rather than NULL there, so `NOT` of it is true.
 */
function lateCondition(late: boolean, today: number): SqlCondition {
  const isLate = `(klass = 'LATE' OR (klass = 'OPEN' AND due_day IS NOT NULL AND due_day >= 0 AND due_day < ?))`;
  return { sql: late ? isLate : `NOT ${isLate}`, params: [today] };
}

function join(parts: SqlCondition[]): SqlCondition {
  const used = parts.filter((p) => p.sql !== '');
  return { sql: used.length === 0 ? '1' : used.map((p) => p.sql).join(' AND '), params: used.flatMap((p) => p.params) };
}

/**
 * The conditions of `query` over `dossier` rows, with an optional reception window that
 * replaces the query's own (for counting one edge of a window). The window is given both
 * as a `sort_key` range, so that an index in list order is walked over it, and exactly.
 */
export function dossierConditions(query: DossierQuery, window?: { fromMs?: number; toMs?: number }): SqlCondition {
  const parts: SqlCondition[] = [];
  if (query.scope) parts.push({ sql: `${pathColumn(query.scope)} = ?`, params: [query.scope.path] });
  if (query.statuses && query.statuses.length > 0) parts.push({ sql: `status IN (${query.statuses.map(() => '?').join(', ')})`, params: [...query.statuses] });
  if (query.channel !== undefined) parts.push({ sql: 'channel = ?', params: [query.channel] });
  if (query.procedure !== undefined) parts.push({ sql: 'procedure = ?', params: [query.procedure] });
  const fromMs = window ? window.fromMs : query.receivedFromMs;
  const toMs = window ? window.toMs : query.receivedToMs;
  if (fromMs !== undefined || toMs !== undefined) {
    const { low, high } = dossierKeyRange(fromMs, toMs);
    if (low !== undefined) parts.push({ sql: 'sort_key >= ?', params: [low] });
    if (high !== undefined) parts.push({ sql: 'sort_key <= ?', params: [high] });
    parts.push({ sql: 'received_ms IS NOT NULL', params: [] });
    if (fromMs !== undefined) parts.push({ sql: 'received_ms >= ?', params: [fromMs] });
    if (toMs !== undefined) parts.push({ sql: 'received_ms < ?', params: [toMs] });
  }
  if (query.late !== undefined) parts.push(lateCondition(query.late, query.today));
  return join(parts);
}

/** The conditions of `query` over rollup cells for whole days `[first, last]` of a window (or every day). */
export function rollupConditions(query: DossierQuery, days: { first?: number; last?: number } | undefined): SqlCondition {
  const parts: SqlCondition[] = [{ sql: 'path = ?', params: [query.scope?.path ?? ALL_PATH] }];
  const { min, max } = rollupDayBounds(query, days);
  if (min !== undefined) parts.push({ sql: 'day >= ?', params: [min] });
  if (max !== undefined) parts.push({ sql: 'day <= ?', params: [max] });
  if (query.statuses && query.statuses.length > 0) parts.push({ sql: `status IN (${query.statuses.map(() => '?').join(', ')})`, params: [...query.statuses] });
  if (query.channel !== undefined) parts.push({ sql: 'channel = ?', params: [query.channel] });
  if (query.late !== undefined) parts.push(lateCondition(query.late, query.today));
  return join(parts);
}

/** A statement and its parameters. */
export interface SqlStatement {
  sql: string;
  params: Array<string | number>;
}

/** Filter columns are named without a table: `dossier_sealed` shares only `id` with `dossier`. */
const SELECT_SEALED = 'SELECT d.*, s.key_id, s.sealed FROM dossier d JOIN dossier_sealed s ON s.id = d.id';

/** One page of `query` in list order, one row more than asked for (to tell whether a next page exists). */
export function listStatement(query: DossierQuery, afterKey: string | undefined, first: number): SqlStatement {
  const where = dossierConditions(query);
  const after = afterKey === undefined ? '' : ' AND d.sort_key > ?';
  // With no jurisdiction and no procedure, list order is the only index that fits; without
  // the hint, table statistics with few agencies can tempt SQLite into a skip-scan and a sort.
  const from = query.scope === undefined && query.procedure === undefined ? SELECT_SEALED.replace('FROM dossier d', 'FROM dossier d INDEXED BY dossier_sort') : SELECT_SEALED;
  return { sql: `${from} WHERE ${where.sql}${after} ORDER BY d.sort_key LIMIT ?`, params: [...where.params, ...(afterKey === undefined ? [] : [afterKey]), first + 1] };
}

/** Counts matching dossier rows (a procedure filter, or one partial day of a window). */
export function rowCountStatement(query: DossierQuery, window?: { fromMs?: number; toMs?: number }): SqlStatement {
  const where = dossierConditions(query, window);
  return { sql: `SELECT COUNT(*) AS n FROM dossier WHERE ${where.sql}`, params: where.params };
}

/** Sums the rollup cells of `query` over whole days. */
export function rollupCountStatement(query: DossierQuery, days: { first?: number; last?: number }): SqlStatement {
  const where = rollupConditions(query, days);
  return { sql: `SELECT COALESCE(SUM(n), 0) AS n FROM dossier_rollup WHERE ${where.sql}`, params: where.params };
}

/** Rollup cells of `query` over whole days, grouped by what the figures tell apart. */
export function rollupGroupsStatement(query: DossierQuery, days: { first?: number; last?: number }): SqlStatement {
  const where = rollupConditions(query, days);
  return { sql: `SELECT channel, klass, due_day AS dueDay, SUM(n) AS n FROM dossier_rollup WHERE ${where.sql} GROUP BY channel, klass, due_day`, params: where.params };
}

/** Dossier rows of one partial day of a window, grouped as rollup cells are. */
export function edgeGroupsStatement(query: DossierQuery, window: { fromMs: number; toMs: number }): SqlStatement {
  const where = dossierConditions(query, window);
  return {
    sql: `SELECT COALESCE(channel, '') AS channel, klass, CASE WHEN klass = 'OPEN' THEN COALESCE(due_day, -1) ELSE -1 END AS dueDay, COUNT(*) AS n FROM dossier WHERE ${where.sql} GROUP BY 1, 2, 3`,
    params: where.params,
  };
}
