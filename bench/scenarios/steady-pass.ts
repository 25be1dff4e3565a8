import path from 'node:path';
import { openSqliteReader } from '../../src/store/sqlite/open-sqlite-reader';
import type { BenchProvince } from '../processes/gateway-main';
import type { BenchWorld } from '../harness/start-bench-world';

/** One province's steady pass after a change round. */
export interface SteadyPassResult {
  source: string;
  /** Dossiers whose update instant moved in the province since the last pass (the simulator's own count). */
  changed: number;
  /** Dossiers the store held as not settled before the pass (what a dialect without an update filter must look at). */
  open: number;
  /** Records the pass read from the province. */
  read: number;
  /** Issue 10's bound: 2 × changed + open. */
  bound: number;
  ok: boolean;
  seconds: number;
  created: number;
  updated: number;
  /** HTTP calls the pass made to the province. */
  upstreamCalls: number;
}

/**
 * Issue 10's steady pass: the clock of every province moves ten minutes (its arrivals and
 * status changes) and 1% of its dossiers change status, then one pass of every province;
 * prints, per province, records read against 2 × changed + open, and the time.
 */
export async function runSteadyPass(world: BenchWorld, { share = 0.01 }: { share?: number } = {}): Promise<SteadyPassResult[]> {
  const open = openCounts(world.dataDir);
  const count = Math.max(1, Math.round(world.journal.dossiersPerProvince * share));
  const rounds = await world.changeRound({ advanceMs: 10 * 60_000, count });
  await world.resetUpstreamCalls();
  const reports = await world.gateway.call<Array<{ source: string; report: BenchProvince['lastPass'] }>>('syncAll');
  const calls = await world.upstreamCalls();
  return reports.map(({ source, report }, i) => {
    const changed = rounds[i]!.changed;
    const bound = 2 * changed + (open[source] ?? 0);
    const read = report?.read ?? Number.NaN;
    return {
      source,
      changed,
      open: open[source] ?? 0,
      read,
      bound,
      ok: report?.ok === true && read <= bound,
      seconds: (report?.durationMs ?? Number.NaN) / 1000,
      created: report?.created ?? 0,
      updated: report?.updated ?? 0,
      upstreamCalls: calls[source] ?? 0,
    };
  });
}

/** Dossiers not settled per source, read from the store file directly (the bench's own read-only connection). */
export function openCounts(dataDir: string): Record<string, number> {
  const db = openSqliteReader(path.join(dataDir, 'lienthong.db'));
  try {
    const rows = db.all<{ source: string; n: number }>('SELECT source, COUNT(*) AS n FROM dossier WHERE settled = 0 GROUP BY source');
    return Object.fromEntries(rows.map((r) => [r.source, r.n]));
  } finally {
    db.close();
  }
}
