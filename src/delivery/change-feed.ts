import { GatewayError } from '../errors';
import type { Logger } from '../log';
import type { Store } from '../store';
import { statusEventOf, type StatusChangeEvent } from './status-event';

export interface ChangeFeedOptions {
  store: Store;
  logger: Logger;
  /** How often the change log is read while anyone listens. @default 500 */
  pollMs?: number;
  /** Changes read per call. @default 500 */
  batchSize?: number;
  /** @default 2 */
  newDossierWindowDays?: number;
  /** Events waiting for one subscriber; more are not read for it. @default 1000 */
  maxQueued?: number;
  /** How long the feed waits for a subscriber with no room for the next batch before dropping it. @default 10000 */
  slowSubscriberMs?: number;
  /** Subscribers at once on this process. @default 10000 */
  maxSubscribers?: number;
  /** Subscribers at once of one connection (`SubscriberOwner.connection`). @default 20 */
  maxPerConnection?: number;
  /** Subscribers at once of one principal across this process's connections (`SubscriberOwner.principal`). @default 50 */
  maxPerPrincipal?: number;
}

/** Whose a subscription is, for the per-connection and per-principal caps. */
export interface SubscriberOwner {
  /** The connection it runs on, by identity (the WebSocket connection; never an id a client chose). */
  connection: object;
  /** The token's subject (else its client); null counts against no principal's cap. */
  principal: string | null;
}

/** This process's status-change events, fanned out to its subscribers. */
export interface ChangeFeed {
  /**
   * The events `accept` lets through, from about now on, in change-log order. The stream
   * ends with RATE_LIMITED when the subscriber keeps `maxQueued` events waiting for longer
   * than `slowSubscriberMs`,
   * and ends when it is returned or the feed closes. Throws RATE_LIMITED (`extensions.limit`
   * naming the cap) when the process has `maxSubscribers` already, or the owner's connection
   * `maxPerConnection`, or its principal `maxPerPrincipal`: one client cannot take the slots
   * every other subscriber needs, nor multiply each event's executions.
   */
  subscribe(accept: (event: StatusChangeEvent) => boolean, owner?: SubscriberOwner): AsyncIterableIterator<StatusChangeEvent>;
  readonly subscribers: number;
  /** Ends every stream and stops reading. */
  close(): void;
}

interface Listener {
  accept(event: StatusChangeEvent): boolean;
  owner: SubscriberOwner | null;
  queue: StatusChangeEvent[];
  error: Error | null;
  done: boolean;
  wake: (() => void) | null;
}

/**
 * One reader of the dossier change log per process, for GraphQL subscriptions: while
 * anyone listens it reads the changes after the last one it read (`changesAfter` by seq,
 * so it works on every replica of a shared store), keeps the status-change events
 * (`statusEventOf`), and hands each to the subscribers whose `accept` takes it (the
 * caller's jurisdiction and filter, decided before anything is queued). It starts at the
 * log's head when its first subscriber arrives, and stops reading when the last leaves.
 * Each subscriber has a bounded queue: the next batch is read only once every queue has
 * room for it, and a subscriber that has made no room within `slowSubscriberMs` is
 * dropped, so one that does not keep up never grows the process's memory nor holds the
 * others back for long.
 */
export function createChangeFeed({
  store,
  logger,
  pollMs = 500,
  batchSize: asked = 500,
  newDossierWindowDays = 2,
  maxQueued = 1000,
  slowSubscriberMs = 10_000,
  maxSubscribers = 10_000,
  maxPerConnection = 20,
  maxPerPrincipal = 50,
}: ChangeFeedOptions): ChangeFeed {
  // A batch always fits in a queue with room for one.
  const batchSize = Math.max(1, Math.min(asked, maxQueued));
  const log = logger.child({ component: 'change-feed' });
  const listeners = new Set<Listener>();
  // Open subscriptions per owner; an entry leaves with its last subscription, so neither grows with the connections ever made.
  const perConnection = new Map<object, number>();
  const perPrincipal = new Map<string, number>();
  let reading: Promise<void> | null = null;
  let closed = false;
  let sleeper: { timer: NodeJS.Timeout; resolve: () => void } | null = null;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        sleeper = null;
        resolve();
      }, ms);
      timer.unref();
      sleeper = { timer, resolve };
    });

  function countOwner(owner: SubscriberOwner, by: 1 | -1): void {
    const connection = (perConnection.get(owner.connection) ?? 0) + by;
    if (connection > 0) perConnection.set(owner.connection, connection);
    else perConnection.delete(owner.connection);
    if (owner.principal === null) return;
    const principal = (perPrincipal.get(owner.principal) ?? 0) + by;
    if (principal > 0) perPrincipal.set(owner.principal, principal);
    else perPrincipal.delete(owner.principal);
  }

  /** The cap `owner` has reached, as a refusal; null when it may subscribe again. */
  function refusalOf(owner: SubscriberOwner | undefined): GatewayError | null {
    if (listeners.size >= maxSubscribers) return new GatewayError('RATE_LIMITED', `this gateway process has ${maxSubscribers} subscriptions open, the most it keeps; try again later`, { limit: 'maxSubscriptions' });
    if (!owner) return null;
    if ((perConnection.get(owner.connection) ?? 0) >= maxPerConnection) {
      return new GatewayError('RATE_LIMITED', `this connection has ${maxPerConnection} subscriptions open, the most one connection may; complete one first`, { limit: 'maxPerConnection' });
    }
    if (owner.principal !== null && (perPrincipal.get(owner.principal) ?? 0) >= maxPerPrincipal) {
      return new GatewayError('RATE_LIMITED', `this caller has ${maxPerPrincipal} subscriptions open on this gateway process, the most one caller may; complete one first`, { limit: 'maxPerPrincipal' });
    }
    return null;
  }

  function end(listener: Listener, error: Error | null): void {
    if (listeners.delete(listener) && listener.owner) countOwner(listener.owner, -1);
    listener.error ??= error;
    listener.done = true;
    listener.wake?.();
  }

  function publish(event: StatusChangeEvent): void {
    for (const listener of listeners) {
      if (!listener.accept(event)) continue;
      listener.queue.push(event);
      listener.wake?.();
    }
  }

  /** Waits until every subscriber has room for a whole batch; drops those that made none in time. */
  async function makeRoom(): Promise<void> {
    const deadline = Date.now() + slowSubscriberMs;
    for (;;) {
      const full = [...listeners].filter((l) => l.queue.length + batchSize > maxQueued);
      if (full.length === 0 || closed) return;
      if (Date.now() >= deadline) {
        const error = (): GatewayError =>
          new GatewayError('RATE_LIMITED', `the subscriber kept ${maxQueued} events waiting for ${slowSubscriberMs} ms and was dropped; subscribe again to continue from now`, { limit: 'maxQueued' });
        for (const listener of full) end(listener, error());
        return;
      }
      await sleep(Math.min(pollMs, 50));
    }
  }

  async function read(): Promise<void> {
    let cursor = await store.deliveries.changeLogHead();
    while (listeners.size > 0 && !closed) {
      try {
        await makeRoom();
        const changes = await store.dossiers.changesAfter(cursor, batchSize);
        for (const change of changes) {
          const event = statusEventOf(change, { newDossierWindowDays });
          if (event) publish(event);
          cursor = change.seq;
        }
        if (changes.length < batchSize) await sleep(pollMs);
      } catch (err) {
        log.error({ err }, 'the change log could not be read for subscribers; trying again');
        await sleep(pollMs);
      }
    }
  }

  function startReading(): void {
    reading ??= read()
      .catch((err: unknown) => log.error({ err }, 'the change feed stopped'))
      .finally(() => {
        reading = null;
        // A subscriber that arrived while the last round was ending still needs a reader.
        if (listeners.size > 0 && !closed) startReading();
      });
  }

  return {
    subscribe(accept, owner) {
      const refused = refusalOf(owner);
      if (refused) throw refused;
      const listener: Listener = { accept, owner: owner ?? null, queue: [], error: null, done: closed, wake: null };
      // A feed that is closing hands out streams that are already over.
      if (!closed) {
        listeners.add(listener);
        if (listener.owner) countOwner(listener.owner, 1);
        startReading();
      }
      const iterator: AsyncIterableIterator<StatusChangeEvent> = {
        async next() {
          for (;;) {
            const event = listener.queue.shift();
            if (event) return { value: event, done: false };
            if (listener.error) {
              const error = listener.error;
              listener.error = null;
              throw error;
            }
            if (listener.done) return { value: undefined, done: true };
            await new Promise<void>((resolve) => {
              listener.wake = resolve;
            });
            listener.wake = null;
          }
        },
        async return() {
          end(listener, null);
          listener.queue.length = 0;
          return { value: undefined, done: true };
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },
    get subscribers() {
      return listeners.size;
    },
    close() {
      closed = true;
      for (const listener of [...listeners]) end(listener, null);
      if (sleeper) {
        clearTimeout(sleeper.timer);
        sleeper.resolve();
      }
    },
  };
}
