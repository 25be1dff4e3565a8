import { createNationalProceduresConnector } from '../../connectors/national-procedures';
import type { Connector, ReadyReport } from '../../connectors/kit';
import { createProcedureCatalogue, type CatalogueMirror } from '../catalogue';
import type { GatewayConfig } from '../config';
import type { Logger } from '../log';
import type { Sources } from '../graphql/context';

export interface RunningSources extends Sources {
  /** Every connector, for readiness checks and shutdown. */
  connectors: Connector[];
  /** Checks every source at once; never throws. */
  checkReady(): Promise<ReadyReport[]>;
  /** Starts background work (the catalogue's first load and schedule). */
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
  const connectors: Connector[] = [nationalProcedures];

  return {
    nationalProcedures,
    catalogue,
    connectors,
    async checkReady() {
      const reports = await Promise.all(connectors.map((c) => c.checkReady()));
      const nationalReport = reports.find((r) => r.source === nationalProcedures.name);
      if (nationalReport) {
        const freshness = catalogue.freshness();
        nationalReport.details = { ...nationalReport.details, catalogue: { procedures: catalogue.size, ...freshness } };
      }
      return reports;
    },
    start: () => catalogue.start(),
    async close() {
      catalogue.stop();
      await Promise.all(connectors.map((c) => c.close()));
    },
  };
}
