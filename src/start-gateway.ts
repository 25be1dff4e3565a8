import { loadSigningKey } from '../connectors/kit/pki';
import { createAuditHeadSigner, createAuditWriter, type AuditHeadSigner, type AuditWriter } from './audit';
import { createAuthenticator, type AuthOptions } from './auth';
import { mirrorFromStore } from './catalogue';
import type { GatewayConfig } from './config';
import type { Logger } from './log';
import { createGateway, type Gateway, type GatewayOptions } from './server/create-gateway';
import { createSources, type RunningSources } from './sources/create-sources';
import { createStore, loadDataKeyring, type Store } from './store';
import { startTelemetry, type Telemetry } from './telemetry';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

export interface RunningGateway {
  url: string;
  gateway: Gateway;
  sources: RunningSources;
  store: Store;
  audit: AuditWriter;
  /** Signs the audit chain's head at an interval; null without `auditSigning`. */
  auditHeads: AuditHeadSigner | null;
  /** The tracer provider; null unless `telemetry.enabled`. */
  telemetry: Telemetry | null;
  /** Stops accepting requests, drains the ones in flight, writes the audit log out, then closes sources and store. */
  close(): Promise<void>;
}

/**
 * Builds and starts everything a validated config describes, in order: telemetry → store →
 * audit writer → audit head signer → sources (catalogue from its mirror) → HTTP server;
 * and stops them in reverse. `spanExporter` takes the place of OTLP when telemetry is on (tests).
 */
export async function startGateway({ config, logger, spanExporter, playground }: { config: GatewayConfig; logger: Logger; spanExporter?: SpanExporter; playground?: GatewayOptions['playground'] }): Promise<RunningGateway> {
  const { mongodbUri, dataDir, auditRetentionDays, auditFlushIntervalMs, dataKeys } = config.store;
  // Read before the store opens: a bad key stops start-up with CONFIG_INVALID and nothing to undo.
  const operatorKey = config.auditSigning ? loadSigningKey(config.auditSigning.key, 'auditSigning.key') : null;
  const keys = loadDataKeyring({ configured: dataKeys, environment: process.env.LIENTHONG_DATA_KEY, dataDir });
  if (keys.where === 'file') {
    (config.server.mode === 'production' ? logger.warn.bind(logger) : logger.info.bind(logger))(
      { file: keys.file },
      'personal data at rest is sealed with a key kept in the data directory; configure store.dataKeys (or LIENTHONG_DATA_KEY) to keep keys apart from the data',
    );
  }
  const telemetry = startTelemetry({ config: config.telemetry, ...(spanExporter && { exporter: spanExporter }) });
  if (telemetry) logger.info({ otlpUrl: config.telemetry.otlpUrl ?? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or http://localhost:4318/v1/traces', sampleRatio: config.telemetry.sampleRatio }, 'tracing requests and upstream calls');
  const store = await createStore({ mongodbUri, dataDir, auditRetentionDays, dataKeyring: keys.keyring, logger });
  logger.info({ store: store.kind, location: store.location, dataKeys: keys.where }, 'store opened');
  const audit = await createAuditWriter({ repository: store.audit, logger, flushIntervalMs: auditFlushIntervalMs });
  const auditHeads = operatorKey
    ? createAuditHeadSigner({ audit: store.audit, heads: store.auditHeads, key: operatorKey, logger, intervalMs: config.auditSigning!.intervalSeconds * 1000 })
    : null;
  await auditHeads?.start();
  const sources = createSources(config, logger, { store, mirror: mirrorFromStore(store.catalogue) });
  const authenticator = createAuthenticator(config.auth as AuthOptions, logger.child({ component: 'auth' }));
  const gateway = await createGateway({
    config,
    sources,
    logger,
    audit,
    authenticator,
    playground,
    auditLog: { query: async (filter, page) => (await audit.flush(), store.audit.query(filter, page)) },
    telemetry,
    readinessExtras: async () => {
      const ok = await store.ping().then(
        () => true,
        () => false,
      );
      return { ok, store: { kind: store.kind, location: store.location, ok }, audit: audit.stats, ...(auditHeads && { auditHeads: auditHeads.stats }) };
    },
  });
  await sources.start();
  const url = await gateway.listen();
  logger.info({ url }, 'gateway listening');
  return {
    url,
    gateway,
    sources,
    store,
    audit,
    auditHeads,
    telemetry,
    async close() {
      await gateway.close();
      await sources.close();
      await audit.close();
      // Signs the head of everything written, so a graceful stop leaves no unsigned tail.
      await auditHeads?.stop();
      await store.close();
      // Last: the spans of everything above are exported before the provider goes.
      await telemetry?.shutdown();
    },
  };
}
