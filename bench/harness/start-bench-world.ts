import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openSqliteReader, type SqliteReader } from '../../src/store/sqlite/open-sqlite-reader';
import { DEMO_PROVINCES } from '../../src/demo/start-demo-sources';
import type { ChangeRound, ProvinceOptions, RoundResult } from '../processes/province-main';
import type { SimCounts, SourcesReady } from '../processes/sources-main';
import type { BenchProvince, GatewayReady } from '../processes/gateway-main';
import { SCRIPTS } from './bench-paths';
import { startChild, type BenchChild } from './ipc';

/**
 * What a data directory remembers between bench runs (`bench-journal.json`): the size it
 * was loaded at, the first load's measurements, and the change rounds made since, which
 * the provinces make again at start so that they stand where the store's copy does.
 */
export interface BenchJournal {
  dossiersPerProvince: number;
  seed: number;
  rounds: ChangeRound[];
  firstLoad: FirstLoad | null;
}

export interface FirstLoad {
  /** From the gateway's start to every province's first read done. */
  seconds: number;
  /** The catalogue's first read, included above (the provinces' reads start after it). */
  catalogueSeconds: number;
  dossiers: number;
  perProvince: Array<{ source: string; seconds: number; read: number }>;
  at: string;
  loadAverage: number[];
}

export interface BenchWorldOptions {
  dossiersPerProvince: number;
  /** The gateway's data directory; a journal there from an earlier run is reused. */
  dataDir: string;
  seed?: number;
  /** Changes to the gateway's configuration (deep-merged into `sources`, `server`…). */
  configure?: (config: Record<string, any>) => void;
  gatewayExecArgv?: string[];
  /** Profiles the gateway from its start to the end of its first passes, into this file. */
  profileFirstLoad?: string;
  /** Runs once the simulators are up, before the gateway starts (e.g. to give a source latency). */
  beforeGateway?: (sources: BenchChild<SourcesReady>) => Promise<void>;
}

/** The simulated sources (one process, and one per province) and the gateway (its own process). */
export interface BenchWorld {
  sources: BenchChild<SourcesReady>;
  provinces: Array<BenchChild<{ url: string; dossiers: number }>>;
  gateway: BenchChild<GatewayReady>;
  journal: BenchJournal;
  dataDir: string;
  /** Set when this start loaded the store (null when a loaded store was reused). */
  firstLoad: FirstLoad | null;
  /** Upstream calls counted by every simulator, by simulator. */
  upstreamCalls(): Promise<Record<string, number>>;
  resetUpstreamCalls(): Promise<void>;
  /** A change round in every province; remembered in the journal. */
  changeRound(round: ChangeRound): Promise<RoundResult[]>;
  /** Every upstream call waits `ms` first (0: none). */
  setLatency(ms: number): Promise<void>;
  close(): Promise<void>;
}

const JOURNAL = 'bench-journal.json';

/**
 * Starts the simulators and the gateway over `dataDir`. A data directory loaded by an
 * earlier run at the same size and seed is reused (the provinces replay its change rounds);
 * otherwise the gateway's first read of every province is timed here.
 */
export async function startBenchWorld({ dossiersPerProvince, dataDir, seed = 20240315, configure, gatewayExecArgv = [], beforeGateway, profileFirstLoad }: BenchWorldOptions): Promise<BenchWorld> {
  mkdirSync(dataDir, { recursive: true });
  const journalFile = path.join(dataDir, JOURNAL);
  const previous = existsSync(journalFile) ? (JSON.parse(readFileSync(journalFile, 'utf8')) as BenchJournal) : null;
  if (previous && (previous.dossiersPerProvince !== dossiersPerProvince || previous.seed !== seed)) {
    throw new Error(`${dataDir} holds a store loaded at ${previous.dossiersPerProvince} dossiers per province (seed ${previous.seed}); use another BENCH_DATA_DIR`);
  }
  if (!previous && existsSync(path.join(dataDir, 'lienthong.db'))) throw new Error(`${dataDir} holds a store the bench did not load; use another BENCH_DATA_DIR`);
  const journal: BenchJournal = previous ?? { dossiersPerProvince, seed, rounds: [], firstLoad: null };
  const save = (): void => writeFileSync(journalFile, `${JSON.stringify(journal, null, 2)}\n`);

  const sources = await startChild<SourcesReady>({ name: 'sources', script: SCRIPTS.sources, env: { BENCH_SEED: String(seed) } });
  const provinces = await Promise.all(
    DEMO_PROVINCES.map((p, i) => {
      const options: ProvinceOptions = {
        dialect: p.dialect,
        province: p.province,
        seed: seed + i + 1,
        dossiers: dossiersPerProvince,
        agencies: sources.ready.agencies,
        procedures: sources.ready.localProcedures,
        rounds: journal.rounds,
      };
      // Too large for an environment variable: handed over in a file.
      const file = path.join(dataDir, `bench-${p.name}.json`);
      writeFileSync(file, JSON.stringify(options));
      return startChild<{ url: string; dossiers: number }>({ name: p.name, script: SCRIPTS.province, env: { BENCH_PROVINCE: file } });
    }),
  );
  const config = structuredClone(sources.ready.config) as Record<string, any>;
  config.server = { ...config.server, host: '127.0.0.1', port: 0 };
  config.log = { level: 'warn' };
  config.store = { dataDir };
  config.sources.nationalProcedures.catalogue = { refreshIntervalSeconds: 0 };
  config.sources.provinces = provinces.map((sim, i) => {
    const { name, province, dialect, statusTable } = DEMO_PROVINCES[i]!;
    const common = { name, province, url: sim.ready.url, statusTable: { ...statusTable }, username: 'lienthong', password: 'demo-secret' };
    return dialect === 'igate' ? { ...common, dialect, ssoUrl: sim.ready.url, clientId: 'lienthong-gateway' } : { ...common, dialect };
  });
  // Passes only when the bench asks (one at start); no reconciliation slices in them, so a
  // steady pass reads what the incremental sync reads, and nothing else.
  config.sources.dossiers = { syncIntervalSeconds: 0, waitMs: 0, reconcileIntervalHours: 0 };
  config.sources.nationalPortal.push = { enabled: false };
  configure?.(config);
  const configFile = path.join(dataDir, 'bench-gateway-config.json');
  writeFileSync(configFile, JSON.stringify(config));

  await beforeGateway?.(sources);
  const gateway = await startChild<GatewayReady>({ name: 'gateway', script: SCRIPTS.gateway, env: { BENCH_GATEWAY_CONFIG: configFile, BENCH_PROFILE_START: profileFirstLoad ? '1' : '0' }, execArgv: gatewayExecArgv });
  const { startedAt } = gateway.ready;
  const catalogue = await gateway.call<{ procedures: number; asOf: string }>('waitCatalogue', { sinceMs: startedAt, timeoutMs: 600_000 });
  const catalogueSeconds = (Date.parse(catalogue.asOf) - startedAt) / 1000;
  const progress = journal.firstLoad ? null : reportFirstReadProgress(dataDir, dossiersPerProvince * DEMO_PROVINCES.length, startedAt);
  const synced = await gateway.call<BenchProvince[]>('waitSynced', { sinceMs: startedAt, timeoutMs: 6 * 3_600_000 }).finally(() => progress?.stop());
  if (profileFirstLoad) await gateway.call('profileStop', { file: profileFirstLoad });
  const failed = synced.filter((p) => !p.lastPass?.ok);
  if (failed.length > 0) throw new Error(`the first pass failed: ${failed.map((p) => `${p.source}: ${p.lastPass?.error}`).join('; ')}`);
  let firstLoad: FirstLoad | null = null;
  if (!journal.firstLoad) {
    const done = Math.max(...synced.map((p) => p.lastPass!.at));
    firstLoad = {
      seconds: (done - startedAt) / 1000,
      catalogueSeconds,
      dossiers: synced.reduce((sum, p) => sum + p.dossiers, 0),
      perProvince: synced.map((p) => ({ source: p.source, seconds: p.lastPass!.durationMs / 1000, read: p.lastPass!.read })),
      at: new Date().toISOString(),
      loadAverage: (await import('node:os')).loadavg(),
    };
    journal.firstLoad = firstLoad;
    save();
  }

  const all = (): Array<BenchChild<unknown>> => [sources, ...provinces];
  return {
    sources,
    provinces,
    gateway,
    journal,
    dataDir,
    firstLoad,
    async upstreamCalls() {
      const counts = await sources.call<SimCounts>('stats');
      const perProvince = await Promise.all(provinces.map((p) => p.call<{ requests: number }>('stats')));
      return {
        ...Object.fromEntries(Object.entries(counts).map(([name, c]) => [name, c.requests])),
        ...Object.fromEntries(perProvince.map((c, i) => [DEMO_PROVINCES[i]!.name, c.requests])),
      };
    },
    async resetUpstreamCalls() {
      await Promise.all(all().map((c) => c.call('resetStats')));
    },
    async changeRound(round) {
      const results = await Promise.all(provinces.map((p) => p.call<RoundResult>('round', round)));
      journal.rounds.push(round);
      save();
      return results;
    },
    async setLatency(ms) {
      await Promise.all(all().map((c) => c.call('setLatency', { ms })));
    },
    async close() {
      await gateway.stop(120_000);
      await Promise.all(all().map((c) => c.stop()));
    },
  };
}

/** How often the first read's progress is printed. */
const PROGRESS_EVERY_MS = 30_000;

/**
 * Prints, every 30 s of a first read, how many dossiers the store holds per province and
 * at what rate: at a million per province the read takes many minutes. Read beside the
 * gateway through a read-only connection (WAL lets it in without blocking the writer).
 */
function reportFirstReadProgress(dataDir: string, expected: number, startedAt: number): { stop(): void } {
  let reader: SqliteReader | null = null;
  const timer = setInterval(() => {
    try {
      reader ??= openSqliteReader(path.join(dataDir, 'lienthong.db'));
      const rows = reader.all<{ source: string; n: number }>('SELECT source, n FROM dossier_source_count ORDER BY source');
      const stored = rows.reduce((sum, r) => sum + r.n, 0);
      const seconds = (Date.now() - startedAt) / 1000;
      const each = rows.map((r) => `${r.source} ${r.n.toLocaleString('en')}`).join(', ');
      console.log(`    … ${stored.toLocaleString('en')} of about ${expected.toLocaleString('en')} stored after ${Math.round(seconds)} s (${Math.round(stored / seconds).toLocaleString('en')}/s): ${each}`);
    } catch {
      // The store's tables may not exist yet in the first seconds: the next tick tries again.
    }
  }, PROGRESS_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      reader?.close();
    },
  };
}
