import type { BenchWorld } from '../harness/start-bench-world';
import path from 'node:path';
import { measureOperation, profileOperation, type Counters, type Measurement } from './measure-operation';
import { selected, DOSSIER_OPERATIONS } from './operations';

/** Issue 10's query targets. */
export const DOSSIER_TARGETS = { pagePerSecond: 300, pageP99Ms: 100, statisticsP50Ms: 50 } as const;

export interface DossierQueryResult extends Measurement {
  /** Whether the measurement meets issue 10's target for its operation, and which. */
  target: 'gateway';
  meets: { target: string; ok: boolean };
}

/** The gateway's counters: its CPU from itself, upstream calls from the simulators, store statements from its SQLite driver. */
export function gatewayCounters(world: BenchWorld): Counters {
  return {
    usage: () => world.gateway.usage(),
    calls: async () => {
      const [upstream, sql] = await Promise.all([world.upstreamCalls(), world.gateway.call<{ reads: number; writes: number }>('sql')]);
      return { ...upstream, storeReads: sql.reads, storeWrites: sql.writes };
    },
  };
}

/**
 * Issue 10: each dossier page at concurrency 16 (≥ 300 req/s, p99 ≤ 100 ms), and the
 * province-year figures at concurrency 1 and 16 (p50 ≤ 50 ms, judged at 1: one officer
 * opening the figures; the figure at 16 is printed beside it).
 */
export async function runDossierQueries(world: BenchWorld, { seconds, concurrency = 16, profileDir, profileStamp = 'run' }: { seconds: number; concurrency?: number; profileDir?: string; profileStamp?: string }): Promise<{ results: DossierQueryResult[]; profiles: string[] }> {
  const counters = gatewayCounters(world);
  const results: DossierQueryResult[] = [];
  const profiles: string[] = [];
  for (const operation of selected(DOSSIER_OPERATIONS)) {
    const statistics = operation.name.startsWith('dossier-statistics');
    for (const c of statistics ? [1, concurrency] : [concurrency]) {
      const m = await measureOperation({ target: 'gateway', url: world.gateway.ready.url, token: world.sources.ready.tokens[operation.principal]!, operation, concurrency: c, seconds, counters, codes: world.sources.ready.procedureCodes });
      const meets = statistics
        ? { target: `p50 ≤ ${DOSSIER_TARGETS.statisticsP50Ms} ms${c === 1 ? '' : ' (judged at concurrency 1)'}`, ok: m.p50 <= DOSSIER_TARGETS.statisticsP50Ms && m.errors === 0 }
        : { target: `≥ ${DOSSIER_TARGETS.pagePerSecond} req/s and p99 ≤ ${DOSSIER_TARGETS.pageP99Ms} ms at concurrency 16`, ok: m.perSecond >= DOSSIER_TARGETS.pagePerSecond && m.p99 <= DOSSIER_TARGETS.pageP99Ms && m.errors === 0 };
      results.push({ ...m, target: 'gateway', meets });
    }
    if (profileDir) profiles.push(await profileOperation(world, operation, concurrency, seconds, path.join(profileDir, `${profileStamp}-${operation.name}.cpuprofile`)));
  }
  return { results, profiles };
}
