import type { OneStopConnector } from '../../connectors/one-stop';
import { newestFirstKey, type DossierRecord } from '../domain';
import { GatewayError, isGatewayError, type ErrorCode } from '../errors';
import type { Logger } from '../log';

/** How current one province's copy is. */
export interface ProvinceFreshness {
  source: string;
  province: string;
  /** True once a sync has succeeded. */
  loaded: boolean;
  stale: boolean;
  asOf: Date | null;
  reason: ErrorCode | null;
  dossiers: number;
  /** Vendor status codes with no mapping in the configured table, and how often each was seen. */
  unmappedStatuses: Readonly<Record<string, number>>;
}

export interface DossierIndexOptions {
  connectors: readonly OneStopConnector[];
  logger: Logger;
  /** Seconds between syncs of every province; 0 disables the schedule. @default 300 */
  syncIntervalSeconds?: number;
  /** How far back dossiers are read, in days of reception date. @default 1200 */
  windowDays?: number;
}

export interface DossierIndex {
  start(): Promise<void>;
  stop(): void;
  /** Re-reads every province; never throws (failures are in freshness). */
  syncAll(): Promise<void>;
  /** Resolves once every province has been tried once, or after `timeoutMs`. */
  whenTried(timeoutMs: number): Promise<void>;
  provinces(): ProvinceFreshness[];
  /** Every dossier of every loaded province, newest received first, ties by code. */
  all(): readonly DossierRecord[];
  get(code: string): DossierRecord | undefined;
  /** Keeps a record read live, so list answers see the newest copy too. */
  put(record: DossierRecord): void;
  /** The connector of the province a dossier code's agency belongs to. */
  connectorFor(dossierCode: string): OneStopConnector | undefined;
  /** A catalogue error per province that could not be read, for partial answers. */
  unavailable(): GatewayError[];
}

/**
 * The key dossier lists are ordered by, ascending: newest first by reception date (or,
 * before reception, submission date), then by code, undated ones last. One string key
 * serves both sorting and keyset cursors.
 */
export function dossierSortKey(d: DossierRecord): string {
  return newestFirstKey(d.receivedAt ?? d.submittedAt, d.code);
}

interface ProvinceState {
  connector: OneStopConnector;
  records: Map<string, DossierRecord>;
  syncedAt: Date | null;
  lastError: GatewayError | null;
  tried: boolean;
}

/**
 * The gateway's copy of every configured province's dossiers. The one-stop systems can
 * only list by reception date and page (and some not even filter by status or agency), so
 * filtering across provinces with one stable order, paging with a constant number of
 * upstream calls and the published statistics all need the dossiers at hand. Each
 * province is read in full at start and on a schedule, in memory only (they hold personal
 * data, which the gateway does not persist); a province that fails keeps its last copy,
 * marked stale, and one that never answered is reported as unavailable.
 */
export function createDossierIndex({ connectors, logger, syncIntervalSeconds = 300, windowDays = 1200 }: DossierIndexOptions): DossierIndex {
  const states = connectors.map<ProvinceState>((connector) => ({ connector, records: new Map(), syncedAt: null, lastError: null, tried: false }));
  const byProvince = new Map(states.map((s) => [s.connector.province, s]));
  let merged: DossierRecord[] = [];
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const waiters = new Set<() => void>();
  const log = logger.child({ component: 'dossier-index' });

  function remerge(): void {
    // Keys computed once per record, not once per comparison.
    merged = states
      .flatMap((s) => [...s.records.values()])
      .map((d) => ({ key: dossierSortKey(d), d }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ d }) => d);
  }

  async function syncOne(state: ProvinceState): Promise<void> {
    const { connector } = state;
    const to = new Date(Date.now() + 86_400_000);
    const from = new Date(to.getTime() - windowDays * 86_400_000);
    const started = performance.now();
    try {
      const records = await connector.listDossiers({ from, to }, (progress) => {
        log.info({ source: connector.name, ...progress }, 'province sync progress');
      });
      // Visible at once, before the steps below: a province's list should not wait for them.
      const previous = state.records;
      state.records = new Map(records.map((r) => [r.code, r]));
      state.syncedAt = new Date();
      state.lastError = null;
      remerge();
      // Provinces that list dossiers without their steps get them now (in place), so lists
      // that ask for steps cost no call per dossier; unchanged dossiers keep earlier steps.
      const steps = await connector.fillSteps(records, previous);
      if (steps.read + steps.failed > 0) log.info({ source: connector.name, ...steps }, 'province steps read');
      log.info({ source: connector.name, dossiers: records.length, durationMs: Math.round(performance.now() - started), unmappedStatuses: connector.unmappedStatuses() }, 'province synced');
    } catch (err) {
      state.lastError = isGatewayError(err) ? err : new GatewayError('INTERNAL_SERVER_ERROR', `sync of ${connector.name} failed`, { source: connector.name }, err);
      log.warn({ source: connector.name, code: state.lastError.code, err: state.lastError.message }, 'province sync failed; keeping its last copy');
    }
  }

  const index: DossierIndex = {
    async start() {
      void index.syncAll();
      if (syncIntervalSeconds > 0) {
        timer = setInterval(() => void index.syncAll(), syncIntervalSeconds * 1000);
        timer.unref();
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    syncAll() {
      running ??= Promise.all(states.map(syncOne))
        .then(() => {
          remerge();
          // Tried only now: whenTried must not resolve before the merged list holds the data.
          for (const s of states) s.tried = true;
          for (const wake of waiters) wake();
          waiters.clear();
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
    async whenTried(timeoutMs) {
      if (states.every((s) => s.tried)) return;
      await new Promise<void>((resolve) => {
        const timeout = setTimeout(resolve, timeoutMs);
        waiters.add(() => {
          clearTimeout(timeout);
          resolve();
        });
      });
    },
    provinces: () =>
      states.map((s) => ({
        source: s.connector.name,
        province: s.connector.province,
        loaded: s.syncedAt !== null,
        stale: s.lastError !== null,
        asOf: s.syncedAt,
        reason: s.lastError?.code ?? null,
        dossiers: s.records.size,
        unmappedStatuses: s.connector.unmappedStatuses(),
      })),
    all: () => merged,
    get(code) {
      return byProvince.get(provinceOfDossierCode(code) ?? '')?.records.get(code);
    },
    put(record) {
      const state = byProvince.get(provinceOfDossierCode(record.code) ?? '');
      if (!state) return;
      const before = state.records.get(record.code);
      state.records.set(record.code, record);
      // A live read may move the record (reception date set since the sync): re-sort then.
      if (before && dossierSortKey(before) === dossierSortKey(record)) merged = merged.map((d) => (d.code === record.code ? record : d));
      else remerge();
    },
    connectorFor: (code) => byProvince.get(provinceOfDossierCode(code) ?? '')?.connector,
    unavailable: () =>
      states
        .filter((s) => s.syncedAt === null && s.lastError !== null)
        .map((s) => new GatewayError(s.lastError!.code, `province ${s.connector.province} (${s.connector.name}) could not be read: ${s.lastError!.message}; its dossiers are missing from this answer`, { ...s.lastError!.extensions, source: s.connector.name, province: s.connector.province })),
  };
  return index;
}

/** The level-1 unit (`H56`) of the agency a dossier code starts with, or null. */
export function provinceOfDossierCode(code: string): string | null {
  const match = /^\d{3}\.\d{2}\.\d{2}\.([A-Z]\d{2})-\d{6}-\d{4,}$/.exec(code.trim());
  return match ? (match[1] as string) : null;
}
