/**
 * Bench process: one simulated province (`startOneStopSimulator`) with the demo's data
 * for it, in a process of its own. Its options come in the JSON file `BENCH_PROVINCE`, with the
 * change rounds already made against the store being reused (`rounds`): they are made
 * again first, in order, so the province stands where the store's copy of it does (the
 * simulator is deterministic for a given sequence of calls).
 */
import { readFileSync } from 'node:fs';
import { startOneStopSimulator, type OneStopDialect } from '../../simulators/one-stop';
import { serveCommands } from '../harness/ipc';

/** A change round: the clock moves, then a share (or a number) of the dossiers in progress move one stage. */
export interface ChangeRound {
  advanceMs: number;
  fraction?: number;
  count?: number;
}

export interface ProvinceOptions {
  dialect: OneStopDialect;
  province: string;
  seed: number;
  dossiers: number;
  agencies: Array<{ MADONVI: string; TENDONVI: string; CAPDONVI: string }>;
  procedures: Array<{ code: string; name: string; sectorCode: string; sectorName: string }>;
  rounds: ChangeRound[];
}

/** What one round changed: the codes a sync from before it must read (arrivals and status changes), and the status changes made on request. */
export interface RoundResult {
  /** Dossiers whose update instant moved during the round (arrivals included). */
  changed: number;
  mutated: Array<{ code: string; to: number }>;
  /** When the round was made, in real time (epoch ms). */
  madeAt: number;
}

async function main(): Promise<void> {
  const options = JSON.parse(readFileSync(process.env.BENCH_PROVINCE!, 'utf8')) as ProvinceOptions;
  const sim = await startOneStopSimulator({
    dialect: options.dialect,
    provinceCode: options.province,
    agencies: options.agencies,
    procedures: options.procedures,
    seed: options.seed,
    dossiers: options.dossiers,
    username: 'lienthong',
    password: 'demo-secret',
  });
  const round = ({ advanceMs, fraction, count }: ChangeRound): RoundResult => {
    const before = sim.now();
    sim.advance(advanceMs);
    const changes = fraction !== undefined ? sim.mutate({ fraction }) : count !== undefined ? sim.mutate({ count }) : [];
    return { changed: sim.changedSince(before).length, mutated: changes.map((c) => ({ code: c.code, to: c.to })), madeAt: Date.now() };
  };
  for (const r of options.rounds) round(r);
  serveCommands(
    {
      stats: () => ({ requests: sim.stats.requests, byOperation: { ...sim.stats.byOperation } }),
      resetStats: () => sim.resetStats(),
      setLatency: ({ ms }: { ms: number }) => sim.setFault(ms > 0 ? { mode: 'slow', delayMs: ms } : { mode: 'none' }),
      round: (r: ChangeRound) => round(r),
      state: () => sim.state(),
    },
    { url: sim.url, dossiers: sim.dossierCount },
    () => sim.close(),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
