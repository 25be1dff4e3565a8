import Fastify, { type FastifyInstance } from 'fastify';
import type { GatewayConfig } from '../config';
import type { Logger } from '../log';
import { createGatewayMetrics, type GatewayMetrics, type NotificationOutcome, type NotificationsToday, type OutboxDepth } from '../metrics';
import type { Connector } from '../../connectors/kit';
import type { ProcedureCatalogue } from '../catalogue';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where `/metrics` is served once the gateway listens (e.g. `http://127.0.0.1:9464/metrics`), or null when metrics are off. */
    metricsUrl: string | null;
  }
}

/**
 * `/metrics` in the Prometheus text format, when `server.metrics` is on. It is served on a
 * listener of its own (`server.metricsHost`:`server.metricsPort`, loopback by default),
 * never on the API's port: metrics tell how the gateway and its sources are doing, which
 * is for the operator's Prometheus on an internal network, not for API clients; and a
 * scraper needs no token. The listener opens when the gateway starts listening (a port
 * already taken stops start-up) and closes with it.
 *
 * Returns the metrics the gateway records into (undefined when off), already following
 * every connector's resilience layer, counting the catalogue's lookups (the cache of
 * reference data), reading each province's sync lag from the dossier plane, the outbox
 * depth and today's message counts from the store, and counting the deliveries this
 * replica makes.
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  { server }: GatewayConfig,
  sources: {
    connectors: readonly Connector[];
    dossiers: { provinces(): Promise<ReadonlyArray<{ source: string; lagMs: number | null }>> };
    catalogue?: Pick<ProcedureCatalogue, 'observeLookups'>;
    /** What each outbox consumer (the portal's push, the deliveries) still has to deliver. */
    outboxDepth?: () => Promise<OutboxDepth[]>;
    delivery?: { observe(listener: (outcome: NotificationOutcome) => void): () => void; today(): Promise<NotificationsToday[]> };
  },
  logger: Logger,
): GatewayMetrics | undefined {
  app.decorate('metricsUrl', null);
  if (!server.metrics) return undefined;
  const metrics = createGatewayMetrics({ logger: logger.child({ component: 'metrics' }) });
  metrics.observeSources(sources.connectors);
  // The catalogue is the cache of reference data (procedures, agencies, sectors): every lookup by code counts.
  sources.catalogue?.observeLookups((cache, result) => metrics.recordCache(cache, result));
  metrics.registerSyncLag(async () => (await sources.dossiers.provinces()).flatMap((p) => (p.lagMs === null ? [] : [{ source: p.source, seconds: p.lagMs / 1000 }])));
  if (sources.outboxDepth) metrics.registerOutboxDepth(sources.outboxDepth);
  if (sources.delivery) {
    metrics.observeNotifications(sources.delivery);
    metrics.registerNotificationsToday(() => sources.delivery!.today());
  }
  const listener = Fastify({ logger: false });
  listener.get('/metrics', async (_req, reply) => {
    const text = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(text);
  });
  app.addHook('onReady', async () => {
    const address = await listener.listen({ host: server.metricsHost, port: server.metricsPort });
    app.metricsUrl = `${address}/metrics`;
    logger.info({ url: app.metricsUrl }, 'metrics listening');
  });
  app.addHook('onClose', async () => {
    metrics.close();
    await listener.close();
  });
  return metrics;
}
