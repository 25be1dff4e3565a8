import { createDocumentExchangeConnector, createSignatureService, type SignatureService } from '../../connectors/document-exchange';
import { loadSigningKey, loadTrustMaterial } from '../../connectors/kit/pki';
import { createNationalProceduresConnector } from '../../connectors/national-procedures';
import { createOneStopConnector } from '../../connectors/one-stop';
import type { Connector, ReadyReport } from '../../connectors/kit';
import { createProcedureCatalogue, type CatalogueMirror } from '../catalogue';
import type { GatewayConfig } from '../config';
import { toNationalProcedureCode, type DossierRecord } from '../domain';
import { createDocumentRegistry } from '../documents';
import { createDossierIndex } from '../dossiers';
import type { Logger } from '../log';
import type { Sources } from '../graphql/context';

export interface RunningSources extends Sources {
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
export function createSources(config: GatewayConfig, logger: Logger, { mirror }: { mirror?: CatalogueMirror } = {}): RunningSources {
  const national = config.sources.nationalProcedures;
  const nationalProcedures = createNationalProceduresConnector(national);
  const catalogue = createProcedureCatalogue({
    connector: nationalProcedures,
    logger,
    mirror,
    concurrency: national.catalogue.concurrency,
    refreshIntervalSeconds: national.catalogue.refreshIntervalSeconds,
  });
  const provinces = config.sources.provinces.map((options) => createOneStopConnector(options));
  const dossiers = createDossierIndex({
    connectors: provinces,
    logger,
    syncIntervalSeconds: config.sources.dossiers.syncIntervalSeconds,
    windowDays: config.sources.dossiers.windowDays,
  });
  const aliasesBySource = new Map(config.sources.provinces.map((p) => [p.name, { ...national.procedureCodeAliases, ...p.procedureCodeAliases }]));
  const nationalCodeOf = (dossier: DossierRecord): string | null =>
    dossier.procedureCode === null ? null : toNationalProcedureCode(dossier.procedureCode, aliasesBySource.get(dossier.source) ?? national.procedureCodeAliases);
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
      limits: { maxBytes: exchange!.maxMessageBytes, maxDepth: exchange!.maxDepth },
      ...(signatures && { signatures }),
    }),
  );
  const documents = createDocumentRegistry({ connectors: documentSystems, logger, minRefreshIntervalMs: exchange?.minRefreshIntervalMs, unverified: config.trust.unverified });
  const connectors: Connector[] = [nationalProcedures, ...provinces, ...documentSystems];
  let closed = false;

  return {
    nationalProcedures,
    catalogue,
    dossiers,
    documents,
    nationalCodeOf,
    connectors,
    signatures,
    async checkReady() {
      const reports = await Promise.all(connectors.map((c) => c.checkReady()));
      const freshness = catalogue.freshness();
      const byName = new Map(dossiers.provinces().map((p) => [p.source, p]));
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
      dossiers.stop();
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
