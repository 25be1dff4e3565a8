import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What `npm run bench` does, from the environment (README: "Options"). */
export interface BenchOptions {
  /** Dossiers per province (three provinces). BENCH_DOSSIERS, @default 20000 */
  dossiers: number;
  /** Where the loaded store is kept for the next run; a fresh temporary folder when unset. BENCH_DATA_DIR */
  dataDir: string | null;
  /** Measured seconds per operation and concurrency. BENCH_SECONDS, @default 5 */
  seconds: number;
  /** Concurrency of the dossier pages. BENCH_CONCURRENCY, @default 16 */
  concurrency: number;
  /** Concurrencies of the comparison with the baseline. BENCH_COMPARE_CONCURRENCY, @default "1,64" */
  compareConcurrency: number[];
  /** Windows per side of the comparison, the quietest kept (see `compareWithBaseline`). BENCH_REPEAT, @default 1 */
  repeat: number;
  /** Upstream latency during the comparison, ms per call. BENCH_LATENCY_MS, @default 5 */
  latencyMs: number;
  /** Length of the RSS run (the dashboard at concurrency 16), seconds; 0 skips it. BENCH_SOAK_SECONDS, @default 60 */
  soakSeconds: number;
  /** Also load 20,000 per province for the RSS reference (when `dossiers` is larger). BENCH_RSS_REFERENCE, @default on */
  rssReference: boolean;
  /** CPU profiles of the gateway per compared operation. BENCH_PROFILE=1 (BENCH_HEAP_SNAPSHOT=1: a heap snapshot after the first read, under bench/results/profiles) */
  profile: boolean;
  /** Which parts run. BENCH_ONLY, comma list of load,queries,steady,compare,soak,portal,signatures; @default all */
  only: Set<string>;
  /** The portal push scenario: dossiers per province, portal latency, rate. BENCH_PORTAL_DOSSIERS (20000), BENCH_PORTAL_LATENCY_MS (20), BENCH_PORTAL_SECONDS (30) */
  portal: { dossiers: number; latencyMs: number; seconds: number };
}

const PARTS = ['load', 'queries', 'steady', 'compare', 'soak', 'portal', 'signatures'];

export function readBenchOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const number = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a number ≥ 0; got ${JSON.stringify(value)}`);
    return parsed;
  };
  const only = new Set((env.BENCH_ONLY ?? PARTS.join(',')).split(',').map((s) => s.trim()).filter(Boolean));
  for (const part of only) if (!PARTS.includes(part)) throw new Error(`BENCH_ONLY: unknown part ${part}; parts: ${PARTS.join(', ')}`);
  return {
    dossiers: number('BENCH_DOSSIERS', 20_000),
    dataDir: env.BENCH_DATA_DIR ? path.resolve(env.BENCH_DATA_DIR) : null,
    seconds: number('BENCH_SECONDS', 5),
    concurrency: number('BENCH_CONCURRENCY', 16),
    compareConcurrency: (env.BENCH_COMPARE_CONCURRENCY ?? '1,64').split(',').map(Number),
    repeat: Math.max(1, number('BENCH_REPEAT', 1)),
    latencyMs: number('BENCH_LATENCY_MS', 5),
    soakSeconds: number('BENCH_SOAK_SECONDS', 60),
    rssReference: env.BENCH_RSS_REFERENCE !== '0',
    profile: env.BENCH_PROFILE === '1',
    only,
    portal: { dossiers: number('BENCH_PORTAL_DOSSIERS', 20_000), latencyMs: number('BENCH_PORTAL_LATENCY_MS', 20), seconds: number('BENCH_PORTAL_SECONDS', 30) },
  };
}

/** The data directory for a size: `<BENCH_DATA_DIR>/<dossiers>` (kept), or a new temporary one. */
export function dataDirFor(options: BenchOptions, dossiers: number, purpose = 'main'): string {
  if (options.dataDir) return path.join(options.dataDir, purpose === 'main' ? String(dossiers) : `${purpose}-${dossiers}`);
  return mkdtempSync(path.join(tmpdir(), `lienthong-bench-${purpose}-`));
}
