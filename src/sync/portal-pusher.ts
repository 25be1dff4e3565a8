import type { PushDossierInput, PushResult } from '../../connectors/national-portal';
import { isPermanentPushFailure } from '../../connectors/national-portal';
import { mapLimit } from '../../connectors/kit';
import type { DossierRecord } from '../domain';
import { recordOf } from '../dossiers';
import { GatewayError, isGatewayError } from '../errors';
import type { Logger } from '../log';
import { holdLease, type LeaseFence, type OutboxEntry, type Store } from '../store';
import { backoffDelay } from './backoff';
import { createRateLimiter, type RateLimiter } from './rate-limiter';

/** The outbox consumer the national portal's push reads. */
export const PORTAL_CONSUMER = 'portal';

/** What the pusher needs of the portal connector. */
export interface PortalTarget {
  pushDossier(input: PushDossierInput): Promise<PushResult>;
}

export interface PortalPusherOptions {
  store: Store;
  portal: PortalTarget;
  logger: Logger;
  /** The provinces (configured source names) whose changes are pushed. */
  sources: readonly string[];
  /** This replica's name in leases. */
  holder: string;
  /** Pushes per second for the whole portal; each province gets an equal share, so replicas never exceed it together. @default 20 */
  ratePerSecond?: number;
  /** Pushes in flight per province. @default 4 */
  concurrency?: number;
  /** Tries of a refused dossier before it becomes a dead letter. @default 3 */
  maxAttempts?: number;
  /** @default 2000 */
  backoffBaseMs?: number;
  /** @default 600000 */
  backoffMaxMs?: number;
  /** @default 1000 */
  pollMs?: number;
  /** @default 30000 */
  leaseTtlMs?: number;
  /** Entries taken from the outbox at a time. @default 100 */
  batchSize?: number;
  /** How long a dossier being pushed stays out of other pushers' reach; must outlast one push. @default 60000 */
  claimMs?: number;
  now?: () => number;
  random?: () => number;
}

/** What one round of one province did. */
export interface PushRound {
  source: string;
  pushed: number;
  created: number;
  updated: number;
  retried: number;
  dead: number;
  /** True when the round found nothing due (or could not take the lease). */
  idle: boolean;
}

export interface PortalPusher {
  start(): void;
  stop(): Promise<void>;
  /**
   * Pushes what is due for one province (or every one) until nothing due is left or
   * `maxRounds` rounds ran, under the province's lease; for the CLI and tests.
   */
  drain(source?: string, maxRounds?: number): Promise<PushRound[]>;
  /** Pushes in flight on this replica, per province. */
  inFlight(): Record<string, number>;
}

/**
 * Keeps the National Public Service Portal in step with the provinces: it delivers the
 * outbox the sync fills (one entry per changed dossier, at its latest version) under one
 * lease per province, so two replicas never push the same dossier at once, and always
 * pushes a dossier's latest stored state: an older version can never land after a newer
 * one from here (an entry is completed only at the version pushed; a change made
 * meanwhile stays due). A push the portal refuses is retried `maxAttempts` times, then
 * kept as a dead letter with the portal's reason, without blocking the others; any other
 * failure is retried with exponential backoff and full jitter, for as long as it takes.
 */
export function createPortalPusher({
  store,
  portal,
  logger,
  sources,
  holder,
  ratePerSecond = 20,
  concurrency = 4,
  maxAttempts = 3,
  backoffBaseMs = 2000,
  backoffMaxMs = 600_000,
  pollMs = 1000,
  leaseTtlMs = 30_000,
  batchSize = 100,
  claimMs = 60_000,
  now = Date.now,
  random = Math.random,
}: PortalPusherOptions): PortalPusher {
  const log = logger.child({ component: 'portal-pusher' });
  const limiters = new Map<string, RateLimiter>(sources.map((s) => [s, createRateLimiter(ratePerSecond / Math.max(1, sources.length), now)]));
  const flying = new Map<string, number>(sources.map((s) => [s, 0]));
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<PushRound>>();
  let stopped = true;

  async function pushOne(source: string, entry: OutboxEntry, fence: LeaseFence, round: PushRound): Promise<void> {
    const stored = await store.dossiers.get(entry.code);
    if (!stored) {
      // Gone from the store (never expected): nothing left to push.
      await store.outbox.complete(PORTAL_CONSUMER, entry.code, entry.version, fence, new Date(now()));
      return;
    }
    const dossier: DossierRecord = { ...recordOf(stored), agencyCode: stored.facts.agencyCode };
    await limiters.get(source)!.take();
    // Write ahead: the attempt is counted before the portal hears of it, so that if this
    // process dies mid-push, the next deliverer knows the portal may hold the dossier.
    const note = `push started ${new Date(now()).toISOString()} by ${holder}`;
    if (!(await store.outbox.claim(PORTAL_CONSUMER, entry.code, entry.version, new Date(now() + claimMs), note, fence, new Date(now())))) return;
    flying.set(source, (flying.get(source) ?? 0) + 1);
    try {
      // Never tried (no attempt, no note of a push started): a first version is new to the
      // portal; a later one is most likely known — a guess the connector corrects with one
      // more call when wrong ("already exists" → update, "does not exist" → create). Tried
      // before, or a push was started by a deliverer that died: the portal is asked.
      const knownToPortal = entry.attempts > 0 || entry.lastError !== null ? undefined : stored.version > 1;
      const result = await portal.pushDossier({ dossier, nationalProcedureCode: stored.facts.procedure, ...(knownToPortal === undefined ? {} : { knownToPortal }) });
      // Completed at the version pushed: a newer change made meanwhile stays due.
      await store.outbox.complete(PORTAL_CONSUMER, entry.code, stored.version, fence, new Date(now()));
      round.pushed += 1;
      if (result.outcome === 'created') round.created += 1;
      else round.updated += 1;
    } catch (err) {
      if (isGatewayError(err) && err.code === 'LEASE_LOST') throw err;
      const error = isGatewayError(err) ? err : new GatewayError('INTERNAL_SERVER_ERROR', `push of ${entry.code} failed`, { source }, err);
      const permanent = isPermanentPushFailure(error);
      const reason = `${error.code}: ${error.message}`.slice(0, 1000);
      if (permanent && entry.attempts + 1 >= maxAttempts) {
        await store.outbox.fail(PORTAL_CONSUMER, entry.code, entry.version, { kind: 'dead', error: reason }, fence, new Date(now()));
        round.dead += 1;
        log.warn({ source, code: entry.code, reason }, 'dossier refused by the portal; kept as a dead letter');
      } else {
        const at = new Date(now() + backoffDelay(entry.attempts, backoffBaseMs, backoffMaxMs, random));
        await store.outbox.fail(PORTAL_CONSUMER, entry.code, entry.version, { kind: 'retry', at, error: reason }, fence, new Date(now()));
        round.retried += 1;
      }
    } finally {
      flying.set(source, (flying.get(source) ?? 1) - 1);
    }
  }

  /** One round: take the lease, push a batch of what is due, let the lease go. */
  async function round(source: string): Promise<PushRound> {
    const result: PushRound = { source, pushed: 0, created: 0, updated: 0, retried: 0, dead: 0, idle: true };
    if ((await store.outbox.paused(PORTAL_CONSUMER)).includes(source)) return result;
    const due = await store.outbox.due(PORTAL_CONSUMER, source, new Date(now()), batchSize);
    if (due.length === 0) return result;
    try {
      await holdLease(store.leases, { name: `push:${PORTAL_CONSUMER}:${source}`, holder, ttlMs: leaseTtlMs }, async ({ fence, lost }) => {
        result.idle = false;
        // Re-read under the lease: another replica may have pushed these meanwhile.
        const entries = await store.outbox.due(PORTAL_CONSUMER, source, new Date(now()), batchSize);
        const outcomes = await mapLimit(entries, concurrency, async (entry) => {
          const gone = lost();
          if (gone) throw gone;
          await pushOne(source, entry, fence, result);
        });
        const failure = outcomes.find((o): o is Error => o instanceof Error);
        if (failure) throw failure;
      });
    } catch (err) {
      if (isGatewayError(err) && err.code === 'LEASE_LOST') log.warn({ source }, 'push lease lost; another replica continues');
      else throw err;
    }
    return result;
  }

  function runRound(source: string): Promise<PushRound> {
    let current = running.get(source);
    if (!current) {
      current = round(source).finally(() => running.delete(source));
      running.set(source, current);
    }
    return current;
  }

  function schedule(source: string, delayMs: number): void {
    if (stopped) return;
    const timer = setTimeout(() => {
      runRound(source)
        .then((r) => schedule(source, r.idle ? pollMs : 0))
        .catch((err: unknown) => {
          log.error({ err, source }, 'portal push round failed');
          schedule(source, pollMs);
        });
    }, delayMs);
    timer.unref();
    timers.set(source, timer);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      for (const source of sources) schedule(source, 0);
    },
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running.values()]);
    },
    async drain(only, maxRounds = 1000) {
      const rounds: PushRound[] = [];
      for (const source of only ? [only] : sources) {
        for (let i = 0; i < maxRounds; i++) {
          const r = await runRound(source);
          if (r.idle) break;
          rounds.push(r);
        }
      }
      return rounds;
    },
    inFlight: () => Object.fromEntries(flying),
  };
}
