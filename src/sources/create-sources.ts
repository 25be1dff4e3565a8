import { randomUUID } from 'node:crypto';
import { createDocumentExchangeConnector, createSignatureService, type SignatureService } from '../../connectors/document-exchange';
import { loadSigningKey, loadTrustMaterial } from '../../connectors/kit/pki';
import { createNationalProceduresConnector } from '../../connectors/national-procedures';
import { createNationalPortalConnector, type NationalPortalConnector } from '../../connectors/national-portal';
import { createOneStopConnector } from '../../connectors/one-stop';
import type { Connector, ReadyReport } from '../../connectors/kit';
import { createProcedureCatalogue, type CatalogueMirror } from '../catalogue';
import type { GatewayConfig } from '../config';
import { toNationalProcedureCode, type DossierRecord } from '../domain';
import { createDelivery, type DeliveryEngine } from '../delivery';
import { createDocumentRegistry } from '../documents';
import { createDossierPlane } from '../dossiers';
import type { Logger } from '../log';
import { notificationsFromConfig } from '../notifications';
import { printingFromConfig } from '../printing';
import type { Sources } from '../graphql/context';
import type { Store } from '../store';
import { createPortalPusher, createSyncAdmin, PORTAL_CONSUMER, type PortalPusher } from '../sync';

export interface RunningSources extends Sources {
  /** The national portal's connector, when one is configured. */
  nationalPortal: NationalPortalConnector | null;
  /** The push that keeps the portal in step, when the portal is configured and pushing is on. */
  pusher: PortalPusher | null;
  /** Status changes to subscriptions, webhooks and citizens (`delivery`, `notifications`). */
  delivery: DeliveryEngine;
  /** What each outbox consumer still has to deliver, per state: the portal's push, then the deliveries. */
  outboxDepth(): Promise<Array<{ consumer: string; state: string; count: number }>>;
  /** Every connector, for readiness checks and shutdown. */
  connectors: Connector[];
  /** Verifies received documents' signatures and signs sent ones; null without a document exchange. */
  signatures: SignatureService | null;
  /** Checks every source at once; never throws. */
  checkReady(): Promise<ReadyReport[]>;
  /** Starts background work (the catalogue's and the provinces' first reads and schedules). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Builds every configured connector and the state kept over them, from a validated config. */
export interface SourcesOptions {
  /** The store the dossiers and the catalogue's mirror live in, shared by every replica. */
  store: Store;
  mirror?: CatalogueMirror;
  /** This replica's name in leases. @default LIENTHONG_REPLICA_NAME, else a random one per process */
  holder?: string;
}

export function createSources(config: GatewayConfig, logger: Logger, { store, mirror, holder = process.env.LIENTHONG_REPLICA_NAME || `replica-${randomUUID().slice(0, 8)}` }: SourcesOptions): RunningSources {
  const national = config.sources.nationalProcedures;
  const nationalProcedures = createNationalProceduresConnector(national);
  const catalogue = createProcedureCatalogue({
    connector: nationalProcedures,
    logger,
    mirror,
    concurrency: national.catalogue.concurrency,
    refreshIntervalSeconds: national.catalogue.refreshIntervalSeconds,
    ...(mirror ? { coordination: { leases: store.leases, holder } } : {}),
  });
  const provinces = config.sources.provinces.map((options) => createOneStopConnector(options));
  const aliasesBySource = new Map(config.sources.provinces.map((p) => [p.name, { ...national.procedureCodeAliases, ...p.procedureCodeAliases }]));
  const nationalCodeOf = (dossier: DossierRecord): string | null =>
    dossier.procedureCode === null ? null : toNationalProcedureCode(dossier.procedureCode, aliasesBySource.get(dossier.source) ?? national.procedureCodeAliases);
  const portalConfig = config.sources.nationalPortal;
  const nationalPortal = portalConfig ? createNationalPortalConnector(portalConfig) : null;
  const pushing = nationalPortal !== null && portalConfig!.push.enabled;
  const sync = config.sources.dossiers;
  const dossiers = createDossierPlane({
    connectors: provinces,
    store,
    logger,
    nationalCodeOf,
    holder,
    enqueue: pushing ? [PORTAL_CONSUMER] : [],
    ...(pushing && portalConfig!.push.receivedSince ? { enqueueSinceMs: Date.parse(`${portalConfig!.push.receivedSince}T00:00:00+07:00`) } : {}),
    syncIntervalSeconds: sync.syncIntervalSeconds,
    windowDays: sync.windowDays,
    backfillWindowDays: sync.backfillWindowDays,
    overlapMs: sync.overlapSeconds * 1000,
    reconcileIntervalMs: sync.reconcileIntervalHours * 3_600_000,
    reconcilePagesPerPass: sync.reconcileIntervalHours > 0 ? sync.reconcilePagesPerPass : 0,
    leaseTtlMs: sync.leaseTtlSeconds * 1000,
    stepsRecentDays: sync.stepsRecentDays,
    prefetch: sync.prefetchPages,
  });
  const push = portalConfig?.push;
  const pusher: PortalPusher | null =
    pushing && push
      ? createPortalPusher({
          store,
          portal: nationalPortal!,
          logger,
          sources: provinces.map((p) => p.name),
          holder,
          ratePerSecond: push.ratePerSecond,
          concurrency: push.concurrency,
          maxAttempts: push.maxAttempts,
          backoffBaseMs: push.backoffBaseMs,
          backoffMaxMs: push.backoffMaxMs,
          pollMs: push.pollMs,
          leaseTtlMs: push.leaseTtlSeconds * 1000,
          claimMs: push.claimSeconds * 1000,
        })
      : null;
  const syncAdmin = createSyncAdmin({ store, dossiers, provinces: provinces.map((p) => ({ name: p.name, province: p.province })), portal: nationalPortal, pusher });
  const exchange = config.sources.documentExchange;
  // Keys and trust files are read first: a bad one stops start-up before any worker starts.
  const systems = (exchange?.systems ?? []).map(({ signing, ...system }) => ({
    ...system,
    ...(signing && { signingKey: loadSigningKey(signing, `sources.documentExchange.systems (${system.name}).signing`) }),
  }));
  const signatures = exchange ? createSignatureServiceFrom(config, { maxBytes: exchange.maxMessageBytes, maxDepth: exchange.maxDepth }, logger) : null;
  const documentSystems = systems.map((system) =>
    createDocumentExchangeConnector({
      ...system,
      url: exchange!.url,
      timeoutMs: exchange!.timeoutMs,
      connections: exchange!.connections,
      resilience: exchange!.resilience,
      limits: { maxBytes: exchange!.maxMessageBytes, maxDepth: exchange!.maxDepth },
      ...(signatures && { signatures }),
    }),
  );
  const documents = createDocumentRegistry({ connectors: documentSystems, logger, minRefreshIntervalMs: exchange?.minRefreshIntervalMs, maxAttachmentBytes: exchange?.maxAttachmentMemoryBytes, unverified: config.trust.unverified });
  const notifications = notificationsFromConfig(config.notifications, { dataDir: config.store.dataDir });
  const delivery = createDelivery({ config, store, logger, holder, notifications });
  const connectors: Connector[] = [nationalProcedures, ...provinces, ...documentSystems, ...(nationalPortal ? [nationalPortal] : []), ...delivery.connectors];
  let closed = false;

  return {
    nationalProcedures,
    catalogue,
    dossiers,
    documents,
    nationalCodeOf,
    nationalPortal,
    pusher,
    delivery,
    async outboxDepth() {
      const [portal, deliveries] = await Promise.all([pushing ? store.outbox.depth(PORTAL_CONSUMER) : Promise.resolve([]), delivery.depth()]);
      const sum = (state: 'pending' | 'dead') => portal.reduce((n, source) => n + source[state], 0);
      return [...(pushing ? [{ consumer: PORTAL_CONSUMER, state: 'pending', count: sum('pending') }, { consumer: PORTAL_CONSUMER, state: 'dead', count: sum('dead') }] : []), ...deliveries];
    },
    syncAdmin,
    printing: printingFromConfig(config),
    connectors,
    signatures,
    async checkReady() {
      const [reports, provinceStates] = await Promise.all([Promise.all(connectors.map((c) => c.checkReady())), dossiers.provinces()]);
      const freshness = catalogue.freshness();
      const byName = new Map(provinceStates.map((p) => [p.source, p]));
      for (const report of reports) {
        if (report.source === nationalProcedures.name) report.details = { ...report.details, catalogue: { procedures: catalogue.size, ...freshness } };
        const province = byName.get(report.source);
        if (province) report.details = { ...report.details, dossiers: province };
      }
      return reports;
    },
    async start() {
      await catalogue.start();
      // The catalogue's first read goes first: procedures are what a new gateway is asked
      // for first, and the provinces' full read would otherwise slow it several times over.
      // Dossier queries wait for the provinces as before (dossiers.waitMs).
      void catalogue
        .whenLoaded(60_000)
        .catch(() => undefined)
        .then(() => {
          if (closed) return;
          dossiers.start();
          pusher?.start();
          delivery.start();
        });
    },
    async close() {
      closed = true;
      catalogue.stop();
      await pusher?.stop();
      await delivery.stop();
      await dossiers.stop();
      await Promise.all(connectors.map((c) => c.close()));
      await signatures?.close();
    },
  };
}

/** The signature service the `trust` section describes; its files are read now, so a bad one stops start-up. */
function createSignatureServiceFrom({ trust }: GatewayConfig, limits: { maxBytes: number; maxDepth: number }, logger: Logger): SignatureService {
  const material = loadTrustMaterial({ caCertificates: trust.caCertificates, crls: trust.crls });
  const facts = { caCertificates: material.certificates.length, crls: material.crls.length, ocsp: trust.ocspUrl ?? null, unverified: trust.unverified, workers: trust.workers };
  if (material.certificates.length === 0) logger.warn(facts, 'no trusted CA certificate is configured (trust.caCertificates): every intact document signature will be UNTRUSTED');
  else logger.info(facts, 'document signatures are verified against the trust store');
  return createSignatureService({
    trust: material,
    allowSha1: trust.allowSha1,
    clockToleranceSeconds: trust.clockToleranceSeconds,
    ...(trust.ocspUrl && { ocspUrl: trust.ocspUrl }),
    ocspTimeoutMs: trust.ocspTimeoutMs,
    workers: trust.workers,
    limits,
  });
}
