import type { DossierRecord } from '../domain';
import { GatewayError, isGatewayError } from '../errors';
import type { Logger } from '../log';
import { holdLease, type LeaseFence, type Store } from '../store';
import type { DossierFeed } from './dossier-feed';
import { runProvincePass, type PassOptions, type PassProgress } from './province-pass';
import type { PassSignal } from './read-listing';
import { parseSyncState, toCheckpoint, type PassReport, type ProvinceSyncState } from './sync-state';

export interface ProvinceSyncOptions extends Partial<PassOptions> {
  feed: DossierFeed;
  store: Store;
  logger: Logger;
  /** This replica's name in leases (unique per process). */
  holder: string;
  nationalCodeOf: (record: DossierRecord) => string | null;
  /** Outbox consumers each change is enqueued for. @default [] */
  enqueue?: readonly string[];
  /** Only changes of dossiers listed since this instant are enqueued. @default every change */
  enqueueSinceMs?: number;
  /** A pass starts when the last one (by any replica) is this old. @default 300000 */
  intervalMs?: number;
  /** After a failed pass, the next try waits this long (doubling up to `intervalMs`). @default 15000 */
  retryMs?: number;
  /** The lease's lifetime; it is renewed every third of it while a pass runs. @default 30000 */
  leaseTtlMs?: number;
  /** How often a replica checks whether a pass is due. @default 2000 */
  pollMs?: number;
  now?: () => number;
}

export interface ProvinceSync {
  readonly source: string;
  start(): void;
  /** Stops the schedule and waits for a running pass to stop at its next page. */
  stop(): Promise<void>;
  /**
   * Runs one pass now if the lease can be had (whether or not one is due), and resolves
   * with its report; null when another replica holds the lease. `onProgress` hears after
   * every page written.
   */
  runOnce(onProgress?: (progress: PassProgress) => void): Promise<PassReport | null>;
  /** The checkpoint as last read from the store. */
  state(): Promise<ProvinceSyncState>;
}

export const PASS_DEFAULTS: PassOptions = {
  windowDays: 1200,
  backfillWindowDays: 30,
  overlapMs: 120_000,
  stepsRecentDays: 30,
  prefetch: 3,
  concurrency: 8,
  reconcileIntervalMs: 86_400_000,
  reconcilePagesPerPass: 20,
};

/**
 * Keeps one province's dossiers in the store, once per interval across every replica
 * sharing the store: a replica runs a pass only under the province's lease (fenced: a
 * holder that stalls past its lease has every later write refused), and only when the
 * last pass recorded in the checkpoint, by whichever replica, is `intervalMs` old. A
 * replica that dies mid-pass leaves its lease to expire; the next holder continues from
 * the checkpoint of the last page written.
 */
export function createProvinceSync({ feed, store, logger, holder, nationalCodeOf, enqueue = [], enqueueSinceMs, intervalMs = 300_000, retryMs = 15_000, leaseTtlMs = 30_000, pollMs = 2000, now = Date.now, ...overrides }: ProvinceSyncOptions): ProvinceSync {
  const options: PassOptions = { ...PASS_DEFAULTS, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  const leaseName = `sync:${feed.name}`;
  const log = logger.child({ component: 'province-sync', source: feed.name });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<PassReport | null> | null = null;
  let stopping = false;
  let started = false;
  let failures = 0;
  let current: AbortablePass | null = null;

  async function loadState(): Promise<ProvinceSyncState> {
    return parseSyncState((await store.dossiers.loadCheckpoint(feed.name))?.state);
  }

  function isDue(state: ProvinceSyncState): boolean {
    if (state.phase === 'backfill' || !state.lastPass) return true;
    const wait = state.lastPass.ok ? intervalMs : Math.min(intervalMs, retryMs * 2 ** Math.min(failures, 6));
    return now() - state.lastPass.at >= wait;
  }

  /** One pass, the lease held: reads what is due, then writes the report with the checkpoint. */
  async function passUnderLease(fence: LeaseFence, signal: AbortablePass, force: boolean, onProgress?: (progress: PassProgress) => void): Promise<PassReport | null> {
    const state = await loadState();
    if (!force && !isDue(state)) return null;
    const started = now();
    let report: PassReport;
    let next: ProvinceSyncState = state;
    try {
      const result = await runProvincePass({ feed, store, logger: log, options, nationalCodeOf, enqueue, ...(enqueueSinceMs !== undefined ? { enqueueSinceMs } : {}), ...(onProgress ? { onProgress } : {}), fence, signal, now }, state);
      next = result.state;
      report = { at: now(), ok: true, error: null, message: null, durationMs: now() - started, ...result.tally };
      failures = 0;
    } catch (err) {
      if (isGatewayError(err) && err.code === 'LEASE_LOST') throw err;
      const error = isGatewayError(err) ? err : new GatewayError('INTERNAL_SERVER_ERROR', `sync of ${feed.name} failed`, { source: feed.name }, err);
      failures += 1;
      log.warn({ code: error.code, err: error.message }, 'province sync pass failed; it resumes from its last page');
      // The pass wrote its progress page by page: what to keep is the stored checkpoint.
      next = await loadState();
      report = { at: now(), ok: false, error: error.code, message: error.message, durationMs: now() - started, read: 0, created: 0, updated: 0, unchanged: 0, open: 0 };
    }
    next.lastPass = report;
    if (report.ok) next.lastSuccessAt = report.at;
    await store.dossiers.apply({ dossiers: [], checkpoint: { source: feed.name, state: toCheckpoint(next) }, fence });
    if (report.ok && (report.created > 0 || report.updated > 0 || report.read > 0)) log.info({ ...report }, 'province sync pass');
    return report;
  }

  async function pass(force: boolean, onProgress?: (progress: PassProgress) => void): Promise<PassReport | null> {
    const signal = new AbortablePass();
    try {
      return await holdLease(
        store.leases,
        {
          name: leaseName,
          holder,
          ttlMs: leaseTtlMs,
          onLost: (error) => signal.abort(error),
          onRenewError: (err) => log.warn({ err }, 'could not renew the sync lease; the pass stops if it expires'),
        },
        async ({ fence }) => {
          current = signal;
          try {
            return await passUnderLease(fence, signal, force, onProgress);
          } finally {
            current = null;
          }
        },
      );
    } catch (err) {
      if (isGatewayError(err) && err.code === 'LEASE_LOST') {
        log.warn({ err: err.message }, 'sync lease lost; another replica continues this province');
        return null;
      }
      throw err;
    }
  }

  function runExclusive(force: boolean, onProgress?: (progress: PassProgress) => void): Promise<PassReport | null> {
    running ??= pass(force, onProgress).finally(() => {
      running = null;
    });
    return running;
  }

  const schedule = (): void => {
    if (stopping) return;
    timer = setTimeout(() => {
      void (async () => {
        try {
          if (isDue(await loadState())) await runExclusive(false);
        } catch (err) {
          log.error({ err }, 'province sync failed unexpectedly');
        } finally {
          schedule();
        }
      })();
    }, pollMs);
    timer.unref();
  };

  return {
    source: feed.name,
    start() {
      if (started) return;
      started = true;
      stopping = false;
      void runExclusive(false)
        .catch((err: unknown) => log.error({ err }, 'province sync failed unexpectedly'))
        .finally(schedule);
    },
    async stop() {
      stopping = true;
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      current?.abort(new GatewayError('LEASE_LOST', 'the gateway is stopping', { lease: leaseName }));
      await running?.catch(() => undefined);
    },
    runOnce: (onProgress) => runExclusive(true, onProgress),
    state: loadState,
  };
}

/** A pass's stop switch: checked between pages, so a pass stops cleanly at a page boundary. */
class AbortablePass implements PassSignal {
  private reason: Error | null = null;
  get aborted(): boolean {
    return this.reason !== null;
  }
  abort(reason: Error): void {
    this.reason ??= reason;
  }
  throwIfAborted(): void {
    if (this.reason) throw this.reason;
  }
}
