import type { Connector } from '../../connectors/kit';
import type { GatewayConfig } from '../config';
import type { Logger } from '../log';
import type { Notifications } from '../notifications';
import type { AgencyScope, DeliveryDayCount, Store } from '../store';
import { vietnamDayOfMs } from '../domain';
import { createChangeFeed, type ChangeFeed } from './change-feed';
import { CITIZENS_CONSUMER, createCitizenMessages } from './citizen-messages';
import { createChangeDispatcher, type ChangeDispatcher, type DeliveryEvent } from './create-change-dispatcher';
import { WEBHOOKS_CONSUMER, createWebhookCalls } from './webhook-calls';
import { createWebhookRegistry, type WebhookRegistry } from './webhook-registry';

/** Everything that delivers the dossier change log: citizens' messages, webhooks, subscriptions. */
export interface DeliveryEngine {
  /** This process's status-change events for GraphQL subscriptions. */
  readonly feed: ChangeFeed;
  readonly webhooks: WebhookRegistry;
  /** Citizens' messages; null without a `notifications` section. */
  readonly citizens: ChangeDispatcher | null;
  readonly webhookCalls: ChangeDispatcher;
  /** The configured citizen channels, most preferred first. */
  readonly channels: readonly string[];
  /** The notification channels' connectors, for readiness checks and shutdown (closed with the other sources' connectors). */
  readonly connectors: readonly Connector[];
  /** Citizens' messages counted per day, channel and outcome, in `scope`, over Vietnam-time days. */
  statistics(scope: AgencyScope, fromDay: number, toDay: number): Promise<DeliveryDayCount[]>;
  /** Today's counts of every consumer (Vietnam time), every agency. */
  today(): Promise<Array<{ consumer: string; channel: string; outcome: string; count: number }>>;
  /** Deliveries waiting per consumer and state, for `lienthong_outbox_depth`. */
  depth(): Promise<Array<{ consumer: string; state: string; count: number }>>;
  /** Told of every outcome this process writes; returns a function that stops it. */
  observe(listener: (event: DeliveryEvent) => void): () => void;
  start(): void;
  /** Stops the dispatchers (the sends in flight finish), the purge, and every subscription stream. */
  stop(): Promise<void>;
}

export interface DeliveryEngineOptions {
  config: GatewayConfig;
  store: Store;
  logger: Logger;
  /** This replica's name in leases. */
  holder: string;
  /** The citizens' channels (`notificationsFromConfig`); null when none is configured. */
  notifications: Notifications | null;
}

const PURGE_BATCH = 5000;
const HOUR_MS = 3_600_000;

/**
 * Builds the delivery engine a configuration describes (`delivery`, `notifications`):
 * one dispatcher per consumer of the change log (citizens' messages when channels are
 * configured, webhook calls always), the subscription feed, the webhook registry, and an
 * hourly purge of deliveries settled more than `retentionDays` ago. Nothing runs until
 * `start`.
 */
export function createDelivery({ config, store, logger, holder, notifications }: DeliveryEngineOptions): DeliveryEngine {
  const options = config.delivery;
  const listeners = new Set<(event: DeliveryEvent) => void>();
  const onOutcome = (event: DeliveryEvent): void => {
    for (const listener of listeners) listener(event);
  };
  const common = { store, logger, holder, onOutcome, newDossierWindowDays: options.newDossierWindowDays, pollMs: options.pollMs, batchSize: options.batchSize, leaseTtlMs: options.leaseTtlSeconds * 1000 };
  const citizens = notifications
    ? createChangeDispatcher({
        ...common,
        consumer: createCitizenMessages({ store, notifications }),
        concurrency: options.citizens.concurrency,
        maxAttempts: options.citizens.retries.maxAttempts,
        backoffBaseMs: options.citizens.retries.backoffBaseMs,
        backoffMaxMs: options.citizens.retries.backoffMaxMs,
      })
    : null;
  const hooks = options.webhooks;
  const webhookCalls = createChangeDispatcher({
    ...common,
    consumer: createWebhookCalls({ store, logger, timeoutMs: hooks.timeoutMs, allowLoopback: hooks.allowLoopback }),
    concurrency: hooks.concurrency,
    maxAttempts: hooks.retries.maxAttempts,
    backoffBaseMs: hooks.retries.backoffBaseMs,
    backoffMaxMs: hooks.retries.backoffMaxMs,
  });
  const feed = createChangeFeed({
    store,
    logger,
    pollMs: options.subscriptions.pollMs,
    newDossierWindowDays: options.newDossierWindowDays,
    maxQueued: options.subscriptions.maxQueued,
    maxSubscribers: options.subscriptions.maxSubscriptions,
    maxPerConnection: options.subscriptions.maxPerConnection,
    maxPerPrincipal: options.subscriptions.maxPerPrincipal,
  });
  const consumers = [...(citizens ? [CITIZENS_CONSUMER] : []), WEBHOOKS_CONSUMER];
  let purgeTimer: NodeJS.Timeout | null = null;

  async function purge(): Promise<void> {
    const before = new Date(Date.now() - options.retentionDays * 24 * HOUR_MS);
    let deleted = 0;
    for (let n = PURGE_BATCH; n === PURGE_BATCH; deleted += n) n = await store.deliveries.purgeSettled(before, PURGE_BATCH);
    if (deleted > 0) logger.info({ deleted, before }, 'purged settled deliveries');
  }

  return {
    feed,
    webhooks: createWebhookRegistry({ store, maxPerAgency: hooks.maxPerAgency, allowHttp: hooks.allowHttp, allowLoopback: hooks.allowLoopback }),
    citizens,
    webhookCalls,
    channels: notifications?.policy.channels ?? [],
    connectors: notifications?.connectors ?? [],
    statistics: (scope, fromDay, toDay) => store.deliveries.dayCounts(CITIZENS_CONSUMER, scope, fromDay, toDay),
    async today() {
      const day = vietnamDayOfMs(Date.now());
      const rows = await Promise.all(consumers.map(async (consumer) => (await store.deliveries.dayCounts(consumer, null, day, day)).map((r) => ({ consumer, channel: r.channel, outcome: r.outcome, count: r.count }))));
      return rows.flat();
    },
    async depth() {
      const rows = await Promise.all(
        consumers.map(async (consumer) => {
          const d = await store.deliveries.depth(consumer);
          return [
            { consumer, state: 'pending', count: d.pending },
            { consumer, state: 'held', count: d.held },
            { consumer, state: 'dead', count: d.dead },
          ];
        }),
      );
      return rows.flat();
    },
    observe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      citizens?.start();
      webhookCalls.start();
      purgeTimer ??= setInterval(() => {
        purge().catch((err: unknown) => logger.error({ err }, 'settled deliveries could not be purged'));
      }, HOUR_MS);
      purgeTimer.unref();
    },
    async stop() {
      if (purgeTimer) clearInterval(purgeTimer);
      purgeTimer = null;
      feed.close();
      await Promise.all([citizens?.stop(), webhookCalls.stop()]);
    },
  };
}
