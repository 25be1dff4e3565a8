import type { NationalProceduresConnector } from '../../connectors/national-procedures';
import { mapLimit } from '../../connectors/kit';
import { GatewayError, isGatewayError, type ErrorCode } from '../errors';
import type { Logger } from '../log';
import type { AgencyRecord, ProcedureRecord, SectorRecord } from '../domain/procedure';
import { holdLease, type LeaseRepository } from '../store';
import { indexProcedure, matchProcedure, type IndexedProcedure, type ProcedureQuery } from './filter-procedures';

/** How current the catalogue is; the GraphQL `Freshness` type. */
export interface CatalogueFreshness {
  stale: boolean;
  asOf: Date | null;
  reason: ErrorCode | null;
}

/** The parts of the catalogue a lookup reads, as metrics name them. */
export type CatalogueCache = 'procedures' | 'agencies' | 'sectors';

/** What a lookup found: a current entry, nothing, or an entry of a copy that is stale (its last refresh failed, or it is past its age). */
export type CatalogueLookup = 'hit' | 'miss' | 'stale';

export interface RefreshReport {
  procedures: number;
  failed: number;
  agencies: number;
  sectors: number;
  durationMs: number;
}

/** A saved copy of the catalogue, as the store's mirror keeps it. */
export interface CatalogueSnapshot {
  refreshedAt: Date;
  procedures: ProcedureRecord[];
  agencies: AgencyRecord[];
  sectors: SectorRecord[];
}

/** Where the catalogue keeps its last good copy between runs (the store's mirror). */
export interface CatalogueMirror {
  saveSnapshot(snapshot: CatalogueSnapshot): Promise<void>;
  loadSnapshot(): Promise<CatalogueSnapshot | null>;
  /** When the saved copy was refreshed (by this replica or another), without reading it. */
  lastRefreshedAt(): Promise<Date | null>;
}

export interface ProcedureCatalogueOptions {
  connector: NationalProceduresConnector;
  logger: Logger;
  /** Last good copy, read at start and written after every successful refresh. @default none */
  mirror?: CatalogueMirror;
  /** `LayThuTuc` calls in flight during a refresh. @default 8 */
  concurrency?: number;
  /** Seconds between scheduled refreshes; 0 disables the schedule (one refresh at start). @default 3600 */
  refreshIntervalSeconds?: number;
  /**
   * Replicas sharing one store refresh once per interval between them: the one holding the
   * `catalogue` lease reads the source and saves the mirror; the others adopt the mirror
   * when it is newer than their copy. Needs `mirror`. @default none (refresh on this replica's own schedule)
   */
  coordination?: { leases: LeaseRepository; holder: string; leaseTtlMs?: number; pollMs?: number };
  /** The clock freshness is judged by. @default Date.now */
  now?: () => number;
}

export interface ProcedureCatalogue {
  /** Loads the mirror (if any), runs the first refresh and schedules the next ones. */
  start(): Promise<void>;
  stop(): void;
  /** Re-reads the whole catalogue from the source; never throws (failures are in freshness). */
  refresh(): Promise<RefreshReport | null>;
  /** Resolves once data is available (from the mirror or a refresh), or throws the load error after `timeoutMs`. */
  whenLoaded(timeoutMs: number): Promise<void>;
  freshness(): CatalogueFreshness;
  getProcedure(code: string): ProcedureRecord | undefined;
  /** Puts a record read live from the source, so later reads see the newest copy. */
  putProcedure(record: ProcedureRecord): void;
  /** Matching procedures ordered by code. */
  findProcedures(query: ProcedureQuery): ProcedureRecord[];
  getAgency(code: string): AgencyRecord | undefined;
  listAgencies(): AgencyRecord[];
  getSector(code: string): SectorRecord | undefined;
  listSectors(): SectorRecord[];
  /** Hears every lookup by code (`getProcedure`, `getAgency`, `getSector`) and what it found, e.g. for `lienthong_cache_requests_total`. */
  observeLookups(listener: (cache: CatalogueCache, result: CatalogueLookup) => void): void;
  readonly size: number;
}

/**
 * The gateway's copy of the national procedure catalogue. The source serves one record
 * per call (LayThuTuc) and a list of codes and names (LayDanhSachTTHC) only, so filtering
 * by sector, level or agency and paging with a constant number of upstream calls need the
 * whole catalogue at hand: it is read at start and on a schedule, and survives restarts
 * and source outages through the mirror. Freshness says how old it is.
 *
 * As a cache of slow-changing reference data: its size is the national catalogue's (the
 * procedures, agencies and sectors the source lists, and those read live); its time to live
 * is `refreshIntervalSeconds`; it is served while a refresh runs (stale-while-revalidate),
 * and flagged stale when the last refresh failed (while the source is down) or when, with
 * the schedule on, it is more than two intervals old (no refresh got through).
 */
export function createProcedureCatalogue({
  connector,
  logger,
  mirror,
  concurrency = 8,
  refreshIntervalSeconds = 3600,
  coordination,
  now = Date.now,
}: ProcedureCatalogueOptions): ProcedureCatalogue {
  let procedures = new Map<string, IndexedProcedure>();
  let sorted: IndexedProcedure[] = [];
  let agencies = new Map<string, AgencyRecord>();
  let sectors = new Map<string, SectorRecord>();
  let asOf: Date | null = null;
  let lastError: GatewayError | null = null;
  let loaded = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<RefreshReport | null> | null = null;
  const loadWaiters = new Set<() => void>();
  let lookupListener: ((cache: CatalogueCache, result: CatalogueLookup) => void) | null = null;
  /** Past this age, with the schedule on, the copy counts as stale: two intervals and a minute. */
  const maxAgeMs = refreshIntervalSeconds > 0 ? 2 * refreshIntervalSeconds * 1000 + 60_000 : Number.POSITIVE_INFINITY;
  const tooOld = (): boolean => asOf !== null && now() - asOf.getTime() > maxAgeMs;
  const lookedUp = <T>(cache: CatalogueCache, found: T | undefined): T | undefined => {
    lookupListener?.(cache, found === undefined ? 'miss' : lastError !== null || tooOld() ? 'stale' : 'hit');
    return found;
  };
  const log = logger.child({ component: 'catalogue', source: connector.name });

  function install(snapshot: CatalogueSnapshot): void {
    procedures = new Map(snapshot.procedures.map((p) => [p.code, indexProcedure(p)]));
    resort();
    agencies = new Map(snapshot.agencies.map((a) => [a.code, a]));
    sectors = new Map(snapshot.sectors.map((s) => [s.code, s]));
    asOf = snapshot.refreshedAt;
    loaded = true;
    for (const wake of loadWaiters) wake();
    loadWaiters.clear();
  }

  function resort(): void {
    sorted = [...procedures.values()].sort((a, b) => (a.record.code < b.record.code ? -1 : a.record.code > b.record.code ? 1 : 0));
  }

  async function doRefresh(): Promise<RefreshReport | null> {
    const started = performance.now();
    try {
      const [summaries, agencyList, sectorList] = await Promise.all([
        connector.listProcedureSummaries(),
        connector.listAgencies(),
        connector.listSectors(),
      ]);
      log.info({ procedures: summaries.length }, 'catalogue refresh started');
      let done = 0;
      const step = Math.max(1, Math.ceil(summaries.length / 4));
      const results = await mapLimit(summaries, concurrency, async ({ code }) => {
        const record = await connector.getProcedure(code);
        done += 1;
        if (done % step === 0) log.info({ done, total: summaries.length }, 'catalogue refresh progress');
        return record;
      });
      const next: ProcedureRecord[] = [];
      let failed = 0;
      results.forEach((result, i) => {
        if (result instanceof Error || result === null) {
          failed += 1;
          // Keep the copy we had rather than drop a procedure over one failed call.
          const previous = procedures.get(summaries[i]!.code);
          if (previous) next.push(previous.record);
        } else {
          next.push(result);
        }
      });
      // A source that failed most calls is down, not thinned out: keep the old catalogue.
      if (summaries.length > 0 && failed > summaries.length / 2) {
        const firstError = results.find((r): r is Error => r instanceof Error);
        throw isGatewayError(firstError) ? firstError : new GatewayError('UPSTREAM_UNAVAILABLE', `${failed} of ${summaries.length} procedures failed to load`, { source: connector.name });
      }
      const snapshot: CatalogueSnapshot = { refreshedAt: new Date(now()), procedures: next, agencies: agencyList, sectors: sectorList };
      install(snapshot);
      lastError = null;
      const report = { procedures: next.length, failed, agencies: agencyList.length, sectors: sectorList.length, durationMs: Math.round(performance.now() - started) };
      log.info(report, 'catalogue refresh finished');
      if (mirror) {
        await mirror.saveSnapshot(snapshot).catch((err: unknown) => log.error({ err }, 'catalogue mirror could not be saved'));
      }
      return report;
    } catch (err) {
      lastError = isGatewayError(err) ? err : new GatewayError('INTERNAL_SERVER_ERROR', 'catalogue refresh failed', {}, err);
      log.warn({ code: lastError.code, err: lastError.message }, 'catalogue refresh failed; serving the last good copy');
      for (const wake of loadWaiters) wake();
      return null;
    }
  }

  /**
   * One coordinated round: adopt a newer mirror saved by another replica; when the mirror
   * is due for a refresh (none yet, older than the interval, or the first round with the
   * schedule off), refresh under the `catalogue` lease, re-checking once it is held.
   */
  async function coordinatedRound(first: boolean): Promise<void> {
    if (!coordination || !mirror) return;
    const { leases, holder, leaseTtlMs = 60_000 } = coordination;
    const adopt = async (): Promise<Date | null> => {
      const at = await mirror.lastRefreshedAt();
      if (at && (!asOf || at > asOf)) {
        const snapshot = await mirror.loadSnapshot();
        if (snapshot) {
          install(snapshot);
          lastError = null;
          log.info({ procedures: snapshot.procedures.length, asOf: snapshot.refreshedAt }, 'catalogue taken from the refresh of another replica');
        }
      }
      return at;
    };
    const isDue = (at: Date | null): boolean => at === null || (refreshIntervalSeconds === 0 ? first : now() - at.getTime() >= refreshIntervalSeconds * 1000);
    if (!isDue(await adopt())) return;
    await holdLease(leases, { name: 'catalogue', holder, ttlMs: leaseTtlMs }, async () => {
      if (isDue(await adopt())) await catalogue.refresh();
    });
  }

  const catalogue: ProcedureCatalogue = {
    async start() {
      if (mirror) {
        const snapshot = await mirror.loadSnapshot().catch((err: unknown) => {
          log.error({ err }, 'catalogue mirror could not be read');
          return null;
        });
        if (snapshot) {
          install(snapshot);
          log.info({ procedures: snapshot.procedures.length, asOf: snapshot.refreshedAt }, 'catalogue loaded from mirror');
        }
      }
      if (coordination && mirror) {
        const round = (first: boolean): Promise<void> => coordinatedRound(first).catch((err: unknown) => log.error({ err }, 'catalogue refresh round failed'));
        void round(true);
        // Replicas check more often than they refresh, so one that is not refreshing picks up another's refresh soon.
        const pollMs = coordination.pollMs ?? Math.min(60_000, Math.max(1000, refreshIntervalSeconds * 250));
        timer = setInterval(() => void round(false), pollMs);
        timer.unref();
        return;
      }
      void catalogue.refresh();
      if (refreshIntervalSeconds > 0) {
        timer = setInterval(() => void catalogue.refresh(), refreshIntervalSeconds * 1000);
        timer.unref();
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    refresh() {
      running ??= doRefresh().finally(() => {
        running = null;
      });
      return running;
    },
    async whenLoaded(timeoutMs) {
      if (loaded) return;
      if (!running && lastError) throw lastError;
      await new Promise<void>((resolve) => {
        const timeout = setTimeout(resolve, timeoutMs);
        loadWaiters.add(() => {
          clearTimeout(timeout);
          resolve();
        });
      });
      if (!loaded) {
        throw lastError ?? new GatewayError('UPSTREAM_TIMEOUT', `the procedure catalogue of ${connector.name} is still loading`, { source: connector.name });
      }
    },
    freshness: () => {
      if (lastError !== null) return { stale: true, asOf, reason: lastError.code };
      return tooOld() ? { stale: true, asOf, reason: 'UPSTREAM_TIMEOUT' } : { stale: false, asOf, reason: null };
    },
    getProcedure: (code) => lookedUp('procedures', procedures.get(code)?.record),
    putProcedure(record) {
      const existing = procedures.get(record.code);
      // The sorted list holds the same entry objects, so an update in place keeps it valid.
      // The search key is folded again only when what it is made of changed (a live read
      // usually brings the same name and keywords back).
      if (existing && existing.record.name === record.name && existing.record.keywords === record.keywords) existing.record = record;
      else if (existing) Object.assign(existing, indexProcedure(record));
      else {
        procedures.set(record.code, indexProcedure(record));
        resort();
      }
    },
    findProcedures: (query) => sorted.filter(matchProcedure(query)).map((entry) => entry.record),
    getAgency: (code) => lookedUp('agencies', agencies.get(code)),
    listAgencies: () => [...agencies.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    getSector: (code) => lookedUp('sectors', sectors.get(code)),
    listSectors: () => [...sectors.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    observeLookups(listener) {
      lookupListener = listener;
    },
    get size() {
      return procedures.size;
    },
  };
  return catalogue;
}
