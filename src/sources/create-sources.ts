import { randomUUID } from 'node:crypto';
import { createDocumentExchangeConnector } from '../../connectors/document-exchange';
import { createNationalProceduresConnector } from '../../connectors/national-procedures';
import { createOneStopConnector } from '../../connectors/one-stop';
import type { Connector, ReadyReport } from '../../connectors/kit';
import { createProcedureCatalogue, type CatalogueMirror } from '../catalogue';
import type { GatewayConfig } from '../config';
import { toNationalProcedureCode, type DossierRecord } from '../domain';
import { createDocumentRegistry } from '../documents';
import { createDossierPlane } from '../dossiers';
import type { Logger } from '../log';
import { printingFromConfig } from '../printing';
import type { Sources } from '../graphql/context';
import type { Store } from '../store';

export interface RunningSources extends Sources {
  /** Every connector, for readiness checks and shutdown. */
  connectors: Connector[];
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
  /** This replica's name in leases. @default a random one per process */
  holder?: string;
  /** Outbox consumers each dossier change is enqueued for. @default [] */
  enqueue?: readonly string[];
}

export function createSources(config: GatewayConfig, logger: Logger, { store, mirror, holder = `replica-${randomUUID().slice(0, 8)}`, enqueue = [] }: SourcesOptions): RunningSources {
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
  const sync = config.sources.dossiers;
  const dossiers = createDossierPlane({
    connectors: provinces,
    store,
    logger,
    nationalCodeOf,
    holder,
    enqueue,
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
  const exchange = config.sources.documentExchange;
  const documentSystems = (exchange?.systems ?? []).map((system) =>
    createDocumentExchangeConnector({
      ...system,
      url: exchange!.url,
      timeoutMs: exchange!.timeoutMs,
      limits: { maxBytes: exchange!.maxMessageBytes, maxDepth: exchange!.maxDepth },
    }),
  );
  const documents = createDocumentRegistry({ connectors: documentSystems, logger, minRefreshIntervalMs: exchange?.minRefreshIntervalMs });
  const connectors: Connector[] = [nationalProcedures, ...provinces, ...documentSystems];
  let closed = false;

  return {
    nationalProcedures,
    catalogue,
    dossiers,
    documents,
    nationalCodeOf,
    printing: printingFromConfig(config),
    connectors,
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
        .then(() => (closed ? undefined : dossiers.start()));
    },
    async close() {
      closed = true;
      catalogue.stop();
      await dossiers.stop();
      await Promise.all(connectors.map((c) => c.close()));
    },
  };
}
