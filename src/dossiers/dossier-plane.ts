import { randomUUID } from 'node:crypto';
import type { DossierRecord } from '../domain';
import { GatewayError, type ErrorCode } from '../errors';
import type { Logger } from '../log';
import type { DossierCounts, DossierPageRequest, DossierQuery, DossierStatisticsQuery, Store, StoredDossier } from '../store';
import type { DossierFeed } from './dossier-feed';
import type { PassOptions, PassProgress } from './province-pass';
import { createProvinceSync, type ProvinceSync } from './province-sync';
import type { PassReport, ProvinceSyncState } from './sync-state';

/** A province's connector as the dossier plane uses it: the sync's feed, plus what it reports. */
export interface ProvinceConnector extends DossierFeed {
  /** Vendor status codes seen without a mapping in the configured table. */
  unmappedStatuses(): Readonly<Record<string, number>>;
}

/** How current one province's copy in the store is. */
export interface ProvinceFreshness {
  source: string;
  province: string;
  /** False until the first full read has finished. */
  loaded: boolean;
  /** The first read's progress while it runs (0–100), null otherwise. */
  loadingPercent: number | null;
  /** True when the last pass failed, or the last success is more than two intervals old. */
  stale: boolean;
  /** The end of the last successful pass. */
  asOf: Date | null;
  /** Milliseconds since `asOf`. */
  lagMs: number | null;
  reason: ErrorCode | null;
  dossiers: number;
  lastPass: ProvinceSyncState['lastPass'];
  unmappedStatuses: Readonly<Record<string, number>>;
}

export interface DossierPlaneOptions extends Partial<PassOptions> {
  connectors: readonly ProvinceConnector[];
  store: Store;
  logger: Logger;
  nationalCodeOf: (record: DossierRecord) => string | null;
  /** Seconds between passes of each province (across all replicas); 0 turns the schedule off (one pass at start). @default 300 */
  syncIntervalSeconds?: number;
  /** Outbox consumers each change is enqueued for. @default [] */
  enqueue?: readonly string[];
  /** Only changes of dossiers listed since this instant are enqueued. @default every change */
  enqueueSinceMs?: number;
  /** This replica's name in leases. @default a random one per process */
  holder?: string;
  leaseTtlMs?: number;
  pollMs?: number;
}

export interface DossierPlane {
  /** Starts syncing every province on its schedule. */
  start(): void;
  stop(): Promise<void>;
  /**
   * One pass of every province now (under their leases), for the CLI and tests; resolves
   * with each province's report (null where another replica held the lease).
   */
  syncAll(onProgress?: (progress: PassProgress) => void): Promise<Array<{ source: string; report: PassReport | null }>>;
  /** Resolves once every province has finished its first read (or failed a pass), or after `timeoutMs`. */
  whenTried(timeoutMs: number): Promise<void>;
  provinces(): Promise<ProvinceFreshness[]>;
  list(query: DossierQuery, page: DossierPageRequest): Promise<{ items: StoredDossier[]; hasNextPage: boolean }>;
  count(query: DossierQuery): Promise<number>;
  statistics(query: DossierStatisticsQuery): Promise<DossierCounts>;
  get(code: string): Promise<StoredDossier | null>;
  /** The connector of the province a dossier code's agency belongs to. */
  connectorFor(dossierCode: string): ProvinceConnector | undefined;
  /** Warnings for a partial answer: provinces still on their first read, failing, or behind. */
  warnings(): Promise<GatewayError[]>;
}

/**
 * The provinces' dossiers as the gateway serves them: kept in the store by one sync per
 * province (see `createProvinceSync`), read from the store by index for every list,
 * count and figure. Nothing per dossier is held in memory; freshness comes from the
 * checkpoints the passes write, cached for a second.
 */
export function createDossierPlane({ connectors, store, logger, nationalCodeOf, syncIntervalSeconds = 300, enqueue = [], enqueueSinceMs, holder = `replica-${randomUUID().slice(0, 8)}`, leaseTtlMs, pollMs, ...passOptions }: DossierPlaneOptions): DossierPlane {
  const syncs: ProvinceSync[] = connectors.map((feed) =>
    createProvinceSync({ feed, store, logger, holder, nationalCodeOf, enqueue, ...(enqueueSinceMs !== undefined ? { enqueueSinceMs } : {}), intervalMs: Math.max(1, syncIntervalSeconds) * 1000, ...(leaseTtlMs ? { leaseTtlMs } : {}), ...(pollMs ? { pollMs } : {}), ...passOptions }),
  );
  const byProvince = new Map(connectors.map((c) => [c.province, c]));
  const intervalMs = Math.max(1, syncIntervalSeconds) * 1000;
  let cached: { at: number; value: Promise<ProvinceFreshness[]> } | null = null;

  async function readFreshness(): Promise<ProvinceFreshness[]> {
    const [states, counts] = await Promise.all([Promise.all(syncs.map((s) => s.state())), store.dossiers.countBySource()]);
    const now = Date.now();
    return connectors.map((c, i) => {
      const state = states[i]!;
      const last = state.lastPass;
      const asOf = state.lastSuccessAt === null ? null : new Date(state.lastSuccessAt);
      const behind = asOf !== null && now - asOf.getTime() > 2 * intervalMs + 60_000 && syncIntervalSeconds > 0;
      const b = state.backfill;
      return {
        source: c.name,
        province: c.province,
        loaded: state.phase === 'steady',
        loadingPercent: state.phase === 'backfill' && b ? Math.min(99, Math.round(((b.windowFrom - b.from) / Math.max(1, b.until - b.from)) * 100)) : state.phase === 'backfill' ? 0 : null,
        stale: (last !== null && !last.ok) || behind,
        asOf,
        lagMs: asOf === null ? null : now - asOf.getTime(),
        reason: last && !last.ok ? ((last.error as ErrorCode | null) ?? 'UPSTREAM_UNAVAILABLE') : behind ? 'UPSTREAM_TIMEOUT' : null,
        dossiers: counts[c.name] ?? 0,
        lastPass: last,
        unmappedStatuses: c.unmappedStatuses(),
      };
    });
  }

  const plane: DossierPlane = {
    start() {
      // With the schedule off, each province is still read once at start (and resumed from its checkpoint).
      if (syncIntervalSeconds > 0) for (const s of syncs) s.start();
      else void plane.syncAll();
    },
    async stop() {
      await Promise.all(syncs.map((s) => s.stop()));
    },
    async syncAll(onProgress) {
      const reports = await Promise.all(
        syncs.map(async (s) => ({
          source: s.source,
          report: await s.runOnce(onProgress).catch((err: unknown) => {
            logger.error({ err, source: s.source }, 'province sync failed');
            return null;
          }),
        })),
      );
      cached = null;
      return reports;
    },
    async whenTried(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const states = await Promise.all(syncs.map((s) => s.state()));
        if (states.every((s) => s.phase === 'steady' || s.lastPass !== null)) return;
        if (Date.now() >= deadline) return;
        await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(10, deadline - Date.now()))));
      }
    },
    provinces() {
      if (!cached || Date.now() - cached.at > 1000) cached = { at: Date.now(), value: readFreshness() };
      return cached.value;
    },
    list: (query, page) => store.dossiers.list(query, page),
    count: (query) => store.dossiers.count(query),
    statistics: (query) => store.dossiers.statistics(query),
    get: (code) => store.dossiers.get(code),
    connectorFor: (code) => byProvince.get(provinceOfDossierCode(code) ?? ''),
    async warnings() {
      const warnings: GatewayError[] = [];
      for (const p of await plane.provinces()) {
        if (!p.loaded) {
          warnings.push(
            new GatewayError(p.reason ?? 'UPSTREAM_TIMEOUT', `province ${p.province} (${p.source}) is still being read for the first time (${p.loadingPercent ?? 0}%, ${p.dossiers} dossiers so far); its answer is incomplete`, {
              source: p.source,
              province: p.province,
            }),
          );
        } else if (p.stale) {
          warnings.push(
            new GatewayError(p.reason ?? 'UPSTREAM_UNAVAILABLE', `province ${p.province} (${p.source}) could not be read lately; its dossiers are as of ${p.asOf?.toISOString() ?? 'an earlier read'}`, {
              source: p.source,
              province: p.province,
              servedStale: true,
            }),
          );
        }
      }
      return warnings;
    },
  };
  return plane;
}

/** The level-1 unit (`H56`) of the agency a dossier code starts with, or null. */
export function provinceOfDossierCode(code: string): string | null {
  const match = /^\d{3}\.\d{2}\.\d{2}\.([A-Z]\d{2})-\d{6}-\d{4,}$/.exec(code.trim());
  return match ? (match[1] as string) : null;
}
