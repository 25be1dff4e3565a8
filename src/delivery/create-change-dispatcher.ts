import { mapLimit } from '../../connectors/kit';
import { GatewayError, isGatewayError } from '../errors';
import type { Logger } from '../log';
import { holdLease, type Delivery, type DeliveryCount, type DeliveryOutcome, type DeliveryPlan, type LeaseFence, type Store } from '../store';
import { backoffDelay } from '../sync';
import { statusEventOf, type StatusChangeEvent } from './status-event';

/** What one try of a delivery gave. */
export type DeliveryAttempt =
  | { kind: 'delivered'; providerId: string | null; duplicate: boolean }
  /** Not delivered. `retryable`: a later try may succeed; `retryAfterMs`: not before this. */
  | { kind: 'failed'; error: string; retryable: boolean; retryAfterMs?: number }
  /** Nothing to send any more (the webhook was deleted, the applicant's consent withdrawn). */
  | { kind: 'cancelled'; reason: string };

/** One consumer of the change log: what it makes of each status change, and how it delivers. */
export interface DeliveryConsumer {
  /** The consumer's name in the store (cursor, deliveries, counts) and in its lease. */
  readonly name: string;
  /** The deliveries and counts of a batch of status-change events, in the batch's order. */
  plan(events: readonly StatusChangeEvent[]): Promise<{ deliveries: DeliveryPlan[]; counts: DeliveryCount[] }>;
  /** Tries one delivery. Throws only for what is not the delivery's fault (the store, a lost lease). */
  deliver(delivery: Delivery): Promise<DeliveryAttempt>;
}

/** How one delivery was settled, for metrics. */
export interface DeliveryEvent {
  consumer: string;
  channel: string;
  outcome: 'sent' | 'retry' | 'failed' | 'cancelled';
  duplicate: boolean;
}

export interface ChangeDispatcherOptions {
  store: Store;
  consumer: DeliveryConsumer;
  logger: Logger;
  /** This replica's name in leases. */
  holder: string;
  /** @default 2 */
  newDossierWindowDays?: number;
  /** Sends in flight. @default 4 */
  concurrency?: number;
  /** Tries before a delivery is dead. @default 6 */
  maxAttempts?: number;
  /** @default 5000 */
  backoffBaseMs?: number;
  /** @default 3600000 */
  backoffMaxMs?: number;
  /** @default 1000 */
  pollMs?: number;
  /** @default 30000 */
  leaseTtlMs?: number;
  /** Changes read, and deliveries taken, per round. @default 200 */
  batchSize?: number;
  /** Told of every outcome written. */
  onOutcome?: (event: DeliveryEvent) => void;
  now?: () => number;
  random?: () => number;
}

/** What one round did. */
export interface DispatchRound {
  /** Changes of the log read and planned. */
  planned: number;
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
  /** True when there was nothing to do (or another replica held the lease). */
  idle: boolean;
}

export interface ChangeDispatcher {
  readonly consumer: string;
  start(): void;
  stop(): Promise<void>;
  /** Runs rounds until one finds nothing to do or `maxRounds` ran; for the CLI and tests. */
  drain(maxRounds?: number): Promise<DispatchRound[]>;
}

/**
 * Delivers one consumer's share of the dossier change log, under one lease per consumer
 * (`delivery:<consumer>`) so one replica at a time plans and sends. A round:
 *
 * 1. plans: reads the changes after the consumer's cursor, keeps the status-change events
 *    (`statusEventOf`), asks the consumer what to deliver for them, and writes those
 *    deliveries, the skip counts and the moved cursor in one transaction (fenced by the
 *    lease): a crash before it loses nothing (the changes are read again), after it makes
 *    nothing twice;
 * 2. sends: takes the deliveries due and tries each (`concurrency` at once), then writes
 *    the outcome (fenced): delivered; failed and retryable → due again after exponential
 *    backoff with full jitter (at least the provider's `retryAfterMs`) until `maxAttempts`
 *    tries; failed for good or out of tries → dead (its fallback released); cancelled.
 *
 * A process killed between a provider taking a message and the outcome being written
 * leaves the delivery pending: it is sent again, with the same tracking id, and the
 * provider answers it as a duplicate (Zalo, SMS) or the receiver de-duplicates on the
 * event id (webhooks). That is what makes a citizen's message once-only across crashes.
 */
export function createChangeDispatcher({
  store,
  consumer,
  logger,
  holder,
  newDossierWindowDays = 2,
  concurrency = 4,
  maxAttempts = 6,
  backoffBaseMs = 5000,
  backoffMaxMs = 3_600_000,
  pollMs = 1000,
  leaseTtlMs = 30_000,
  batchSize = 200,
  onOutcome,
  now = Date.now,
  random = Math.random,
}: ChangeDispatcherOptions): ChangeDispatcher {
  const log = logger.child({ component: 'delivery', consumer: consumer.name });
  const leaseName = `delivery:${consumer.name}`;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<DispatchRound> | null = null;
  let stopped = true;

  /** Plans the next batch of the change log; resolves with how many changes it read. */
  async function planBatch(fence: LeaseFence): Promise<number> {
    const afterSeq = await store.deliveries.cursor(consumer.name, new Date(now()));
    const changes = await store.dossiers.changesAfter(afterSeq, batchSize);
    if (changes.length === 0) return 0;
    const events = changes.flatMap((change) => statusEventOf(change, { newDossierWindowDays }) ?? []);
    const { deliveries, counts } = events.length > 0 ? await consumer.plan(events) : { deliveries: [], counts: [] };
    const throughSeq = changes[changes.length - 1]!.seq;
    const moved = await store.deliveries.plan(consumer.name, { afterSeq, throughSeq, deliveries, counts }, fence, new Date(now()));
    if (!moved) log.warn({ afterSeq, throughSeq }, 'the cursor moved under this planner; its batch was dropped and is read again');
    return changes.length;
  }

  /** The outcome to write for one try. */
  function outcomeOf(delivery: Delivery, attempt: DeliveryAttempt): DeliveryOutcome {
    if (attempt.kind !== 'failed') return attempt;
    const error = attempt.error.slice(0, 1000);
    if (!attempt.retryable || delivery.attempts + 1 >= maxAttempts) return { kind: 'dead', error };
    const wait = Math.max(attempt.retryAfterMs ?? 0, backoffDelay(delivery.attempts, backoffBaseMs, backoffMaxMs, random));
    return { kind: 'retry', at: new Date(now() + wait), error };
  }

  async function sendOne(delivery: Delivery, fence: LeaseFence, round: DispatchRound, lost: () => Error | null): Promise<void> {
    const gone = lost();
    if (gone) throw gone;
    let attempt: DeliveryAttempt;
    try {
      attempt = await consumer.deliver(delivery);
    } catch (err) {
      if (isGatewayError(err) && (err.code === 'LEASE_LOST' || err.code === 'STORE_UNAVAILABLE')) throw err;
      log.error({ err, id: delivery.id }, 'a delivery failed unexpectedly; it is tried again later');
      attempt = { kind: 'failed', error: `INTERNAL_SERVER_ERROR: ${(err as Error).message}`, retryable: true };
    }
    const outcome = outcomeOf(delivery, attempt);
    const settled = await store.deliveries.settle(consumer.name, delivery.id, outcome, fence, new Date(now()));
    if (!settled) return;
    const counted: DeliveryEvent['outcome'] = outcome.kind === 'delivered' ? 'sent' : outcome.kind === 'dead' ? 'failed' : outcome.kind;
    if (counted === 'sent') round.sent += 1;
    else if (counted === 'retry') round.retried += 1;
    else if (counted === 'failed') round.failed += 1;
    else round.cancelled += 1;
    if (outcome.kind === 'dead') log.warn({ id: delivery.id, target: delivery.target, error: outcome.error }, 'a delivery failed for good');
    onOutcome?.({ consumer: consumer.name, channel: delivery.channel, outcome: counted, duplicate: outcome.kind === 'delivered' && outcome.duplicate });
  }

  async function round(): Promise<DispatchRound> {
    const result: DispatchRound = { planned: 0, sent: 0, retried: 0, failed: 0, cancelled: 0, idle: true };
    try {
      await holdLease(store.leases, { name: leaseName, holder, ttlMs: leaseTtlMs }, async ({ fence, lost }) => {
        result.planned = await planBatch(fence);
        const due = await store.deliveries.due(consumer.name, new Date(now()), batchSize);
        const outcomes = await mapLimit(due, concurrency, (delivery) => sendOne(delivery, fence, result, lost));
        const failure = outcomes.find((o): o is Error => o instanceof Error);
        if (failure) throw failure;
        result.idle = result.planned === 0 && due.length === 0;
      });
    } catch (err) {
      if (isGatewayError(err) && err.code === 'LEASE_LOST') log.warn('delivery lease lost; another replica continues');
      else throw err;
    }
    return result;
  }

  function runRound(): Promise<DispatchRound> {
    running ??= round().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      runRound()
        .then((r) => schedule(r.idle ? pollMs : 0))
        .catch((err: unknown) => {
          log.error({ err }, 'delivery round failed');
          schedule(pollMs);
        });
    }, delayMs);
    timer.unref();
  }

  return {
    consumer: consumer.name,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
    async drain(maxRounds = 1000) {
      const rounds: DispatchRound[] = [];
      for (let i = 0; i < maxRounds; i++) {
        const r = await runRound();
        rounds.push(r);
        if (r.idle) break;
      }
      return rounds;
    },
  };
}
