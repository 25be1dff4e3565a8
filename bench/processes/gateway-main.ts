import { writeHeapSnapshot } from 'node:v8';
/**
 * Bench process: the gateway, started as `npm start` starts it (`startGateway`) from the
 * configuration file named by `BENCH_GATEWAY_CONFIG`, alone in its process so that its CPU
 * time and memory are its own. Commands: the provinces' freshness, waiting for the first
 * reads, a sync pass of every province, CPU profiles of a window, and the SQL statements
 * run so far.
 */
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { startGateway } from '../../src/start-gateway';
import { countSqliteStatements } from '../../src/store/sqlite/open-sqlite-reader';
import { createCpuProfiler } from '../harness/cpu-profiler';
import { serveCommands } from '../harness/ipc';

export interface GatewayReady {
  url: string;
  /** When the process started building the gateway (epoch ms). */
  startedAt: number;
}

/** A province as the bench reads it from the gateway. */
export interface BenchProvince {
  source: string;
  loaded: boolean;
  dossiers: number;
  lastPass: { at: number; ok: boolean; durationMs: number; read: number; created: number; updated: number; unchanged: number; open: number; error: string | null } | null;
}

async function main(): Promise<void> {
  const sql = countSqliteStatements();
  const config = parseConfig(JSON.parse(readFileSync(process.env.BENCH_GATEWAY_CONFIG!, 'utf8')), {});
  const profiler = createCpuProfiler();
  // BENCH_PROFILE_START: profile from the very start (the first read), until `profileStop`.
  if (process.env.BENCH_PROFILE_START === '1') await profiler.start(1000);
  const startedAt = Date.now();
  const running = await startGateway({ config, logger: createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'warn' }) });
  const { dossiers, catalogue } = running.sources;
  const provinces = async (): Promise<BenchProvince[]> =>
    (await dossiers.provinces()).map((p) => ({ source: p.source, loaded: p.loaded, dossiers: p.dossiers, lastPass: p.lastPass }));
  const poll = async <T>(timeoutMs: number, check: () => Promise<T | null>): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== null) return value;
      if (Date.now() > deadline) throw new Error(`not done after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  serveCommands(
    {
      provinces,
      /** Resolves once every province has finished a pass that ended after `sinceMs`. */
      waitSynced: ({ sinceMs, timeoutMs }: { sinceMs: number; timeoutMs: number }) =>
        poll(timeoutMs, async () => {
          const all = await provinces();
          return all.every((p) => p.lastPass !== null && p.lastPass.at >= sinceMs) ? all : null;
        }),
      /** Resolves once the catalogue holds a copy refreshed after `sinceMs`. */
      waitCatalogue: ({ sinceMs, timeoutMs }: { sinceMs: number; timeoutMs: number }) =>
        poll(timeoutMs, async () => {
          const { asOf, stale } = catalogue.freshness();
          return asOf !== null && asOf.getTime() >= sinceMs && !stale ? { procedures: catalogue.size, asOf: asOf.toISOString() } : null;
        }),
      syncAll: () => dossiers.syncAll(),
      profileStart: ({ intervalUs }: { intervalUs?: number }) => profiler.start(intervalUs),
      profileStop: ({ file }: { file: string }) => profiler.stop(file),
      sql: () => sql(),
      /** Writes a heap snapshot to `file` (after a collection), for finding what the heap holds. */
      heapSnapshot: ({ file }: { file: string }) => {
        (globalThis as { gc?: () => void }).gc?.();
        return { file: writeHeapSnapshot(file), heapUsed: process.memoryUsage().heapUsed };
      },
    },
    { url: running.url, startedAt } satisfies GatewayReady,
    () => running.close(),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
