import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BreakerState, Connector, UpstreamEvent } from '../../connectors/kit';
import type { Logger } from '../log';
import { createOperationLabel } from './create-operation-label';

/** How a GraphQL request ended, as the audit log says it: answered cleanly, answered with errors beside data, or refused. */
export type RequestOutcome = 'success' | 'error' | 'rejected';

/** What a cache lookup found: a fresh entry, nothing, or an entry past its TTL served while it is read again. */
export type CacheResult = 'hit' | 'miss' | 'stale';

/** One province's sync lag: how far its copy in the store is behind the province. */
export interface SyncLag {
  source: string;
  seconds: number;
}

/** Outbox entries of one consumer in one state (e.g. `pending`, `failed`). */
export interface OutboxDepth {
  consumer: string;
  state: string;
  count: number;
}

/** One delivery outcome a dispatcher wrote (a citizen's message, a webhook call). */
export interface NotificationOutcome {
  /** `zalo-zns`, `sms-brandname`, `webhook`. */
  channel: string;
  /** `sent`, `retry`, `failed` (for good), `cancelled`. */
  outcome: string;
  /** Sent, and the provider had taken it before (a send repeated after a crash). */
  duplicate: boolean;
}

/** Today's count (Vietnam time) of one channel and outcome, across every replica. */
export interface NotificationsToday {
  channel: string;
  /** `sent`, `failed`, or why nothing was sent (`NO_CONSENT`, `NO_MOBILE_PHONE`, …). */
  outcome: string;
  count: number;
}

type Reader<T> = () => Iterable<T> | Promise<Iterable<T>>;

/**
 * The gateway's metrics in one prom-client registry of its own (so two gateways in one
 * process never mix their numbers), read in the Prometheus text format by `/metrics`.
 */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** Counts one GraphQL request and observes its duration. */
  recordRequest(request: { operationName: string | null | undefined; type: string | null | undefined; outcome: RequestOutcome; seconds: number }): void;
  /** Counts what a cache lookup found, for the caches of slow-changing reference data. */
  recordCache(cache: string, result: CacheResult): void;
  /**
   * Follows every connector's resilience layer: upstream attempts, errors, latency,
   * retries, calls that joined an identical one, calls refused, and at each scrape the
   * breaker state, calls in flight and in line.
   */
  observeSources(connectors: readonly Connector[]): void;
  /** Where `lienthong_dossier_sync_lag_seconds` is read at each scrape. */
  registerSyncLag(read: Reader<SyncLag>): void;
  /** Where `lienthong_outbox_depth` is read at each scrape. */
  registerOutboxDepth(read: Reader<OutboxDepth>): void;
  /** Counts every delivery outcome `source` reports in `lienthong_notifications_total` (this replica's). */
  observeNotifications(source: { observe(listener: (outcome: NotificationOutcome) => void): () => void }): void;
  /** Where `lienthong_notifications_today` (the store's day counts, every replica's) is read at each scrape. */
  registerNotificationsToday(read: Reader<NotificationsToday>): void;
  /** Stops following the connectors. */
  close(): void;
}

/** `lienthong_breaker_state`'s values. */
export const BREAKER_STATE_VALUES: Readonly<Record<BreakerState, number>> = { closed: 0, halfOpen: 1, open: 2 };

/** Seconds: a fast catalogue answer to a national source at its timeout and beyond. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60];

/**
 * Creates the registry with the gateway's metrics and Node's default ones (process CPU and
 * memory, heap, handles, garbage collection, and event-loop delay from a
 * `monitorEventLoopDelay` histogram sampled every 10 ms). Every label value comes from a
 * bounded set: operation names through createOperationLabel, sources and caches from
 * configuration and code, codes from the error catalogue.
 */
export function createGatewayMetrics({ logger, operationLimit = 200 }: { logger?: Logger; operationLimit?: number } = {}): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const registers = [registry];
  const operationLabel = createOperationLabel(operationLimit);
  const observed: Connector[] = [];
  const stops: Array<() => void> = [];
  let syncLag: Reader<SyncLag> | null = null;
  let outboxDepth: Reader<OutboxDepth> | null = null;
  let notificationsToday: Reader<NotificationsToday> | null = null;

  const requests = new Counter({ name: 'lienthong_graphql_requests_total', help: 'GraphQL requests by operation name, operation type and outcome (success, error: answered with errors, rejected: refused before execution).', labelNames: ['operation', 'type', 'outcome'], registers });
  const requestDuration = new Histogram({ name: 'lienthong_graphql_request_duration_seconds', help: 'Time from a GraphQL request reaching Apollo to its response, by operation name and type.', labelNames: ['operation', 'type'], buckets: DURATION_BUCKETS, registers });
  const upstreamRequests = new Counter({ name: 'lienthong_upstream_requests_total', help: 'Calls to sources by outcome: success, failure (counted against the source by its breaker), error (the source\'s own error answer, or one that could not be read), rejected (never sent: breaker open or source overloaded).', labelNames: ['source', 'outcome'], registers });
  const upstreamDuration = new Histogram({ name: 'lienthong_upstream_request_duration_seconds', help: 'Duration of each attempt sent to a source, answered or not.', labelNames: ['source'], buckets: DURATION_BUCKETS, registers });
  const upstreamErrors = new Counter({ name: 'lienthong_upstream_errors_total', help: 'Failed and refused calls to sources by catalogue code.', labelNames: ['source', 'code'], registers });
  const upstreamRetries = new Counter({ name: 'lienthong_upstream_retries_total', help: 'Attempts that retried an idempotent call to a source.', labelNames: ['source'], registers });
  const upstreamShared = new Counter({ name: 'lienthong_upstream_shared_total', help: 'Calls answered by joining an identical call already in flight to the source, at no upstream cost.', labelNames: ['source'], registers });
  const upstreamRejected = new Counter({ name: 'lienthong_upstream_rejected_total', help: 'Calls refused before reaching a source: BREAKER_OPEN, OVERLOADED (its line was full), QUEUED (the budget ran out in line).', labelNames: ['source', 'reason'], registers });
  new Gauge({
    name: 'lienthong_breaker_state',
    help: 'Circuit breaker state per source: 0 closed, 1 half-open, 2 open.',
    labelNames: ['source'],
    registers,
    collect() {
      for (const connector of observed) this.set({ source: connector.name }, BREAKER_STATE_VALUES[connector.resilience.state()]);
    },
  });
  new Gauge({
    name: 'lienthong_upstream_in_flight',
    help: 'Attempts in flight to each source now.',
    labelNames: ['source'],
    registers,
    collect() {
      for (const connector of observed) this.set({ source: connector.name }, connector.resilience.snapshot().inFlight);
    },
  });
  new Gauge({
    name: 'lienthong_upstream_queued',
    help: 'Calls waiting for a place under each source\'s concurrency cap now.',
    labelNames: ['source'],
    registers,
    collect() {
      for (const connector of observed) this.set({ source: connector.name }, connector.resilience.snapshot().queued);
    },
  });
  const cache = new Counter({ name: 'lienthong_cache_requests_total', help: 'Lookups in the caches of slow-changing reference data by result: hit, miss, stale (served past its TTL while it is read again).', labelNames: ['cache', 'result'], registers });
  new Gauge({
    name: 'lienthong_dossier_sync_lag_seconds',
    help: 'How far each province\'s dossiers in the store are behind the province: seconds since its last complete sync pass.',
    labelNames: ['source'],
    registers,
    async collect() {
      this.reset();
      for (const { source, seconds } of await readSafely(syncLag, 'lienthong_dossier_sync_lag_seconds')) this.set({ source }, seconds);
    },
  });
  new Gauge({
    name: 'lienthong_outbox_depth',
    help: 'Outbox entries waiting per consumer and state.',
    labelNames: ['consumer', 'state'],
    registers,
    async collect() {
      this.reset();
      for (const { consumer, state, count } of await readSafely(outboxDepth, 'lienthong_outbox_depth')) this.set({ consumer, state }, count);
    },
  });

  const notifications = new Counter({
    name: 'lienthong_notifications_total',
    help: 'Deliveries of status changes tried by this replica, by channel (zalo-zns, sms-brandname, webhook) and outcome: sent, retry (failed, tried again later), failed (for good), cancelled (nothing to send any more), duplicate (sent again after a crash; the provider had it).',
    labelNames: ['channel', 'outcome'],
    registers,
  });
  new Gauge({
    name: 'lienthong_notifications_today',
    help: 'Citizens\' messages and webhook calls of today (Vietnam time), every replica\'s, by channel and outcome: sent, failed, or why nothing was sent (NO_CONSENT, NO_MOBILE_PHONE, STATUS_NOT_ANNOUNCED, NO_CHANNEL; channel none).',
    labelNames: ['channel', 'outcome'],
    registers,
    async collect() {
      this.reset();
      for (const { channel, outcome, count } of await readSafely(notificationsToday, 'lienthong_notifications_today')) this.inc({ channel, outcome }, count);
    },
  });

  /** A reader's values, or none when it has none or fails (a scrape must not fail with it). */
  async function readSafely<T>(read: Reader<T> | null, metric: string): Promise<Iterable<T>> {
    if (!read) return [];
    try {
      return await read();
    } catch (err) {
      logger?.warn({ err, metric }, 'a metric could not be read');
      return [];
    }
  }

  function record(event: UpstreamEvent): void {
    const { source } = event;
    switch (event.type) {
      case 'attempt':
        upstreamRequests.inc({ source, outcome: event.outcome });
        upstreamDuration.observe({ source }, event.durationMs / 1000);
        if (event.code !== null) upstreamErrors.inc({ source, code: event.code });
        if (event.retry) upstreamRetries.inc({ source });
        return;
      case 'rejected':
        upstreamRequests.inc({ source, outcome: 'rejected' });
        upstreamErrors.inc({ source, code: event.code });
        upstreamRejected.inc({ source, reason: event.reason });
        return;
      case 'shared':
        upstreamShared.inc({ source });
        return;
      case 'breaker':
        // Read at each scrape; a state held between two scrapes shows in the attempts and refusals.
        return;
    }
  }

  return {
    registry,
    recordRequest({ operationName, type, outcome, seconds }) {
      const operation = operationLabel(operationName);
      const kind = type ?? 'unknown';
      requests.inc({ operation, type: kind, outcome });
      requestDuration.observe({ operation, type: kind }, seconds);
    },
    recordCache(name, result) {
      cache.inc({ cache: name, result });
    },
    observeSources(connectors) {
      for (const connector of connectors) {
        observed.push(connector);
        stops.push(connector.resilience.observe(record));
      }
    },
    registerSyncLag(read) {
      syncLag = read;
    },
    registerOutboxDepth(read) {
      outboxDepth = read;
    },
    observeNotifications(source) {
      stops.push(
        source.observe(({ channel, outcome, duplicate }) => {
          notifications.inc({ channel, outcome });
          if (duplicate) notifications.inc({ channel, outcome: 'duplicate' });
        }),
      );
    },
    registerNotificationsToday(read) {
      notificationsToday = read;
    },
    close() {
      for (const stop of stops.splice(0)) stop();
      observed.length = 0;
    },
  };
}
