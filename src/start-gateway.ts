import type { GatewayConfig } from './config';
import type { Logger } from './log';
import { createGateway, type Gateway } from './server/create-gateway';
import { createSources, type RunningSources } from './sources/create-sources';

export interface RunningGateway {
  url: string;
  gateway: Gateway;
  sources: RunningSources;
  /** Stops accepting requests, drains the ones in flight, then stops sources. */
  close(): Promise<void>;
}

/** Builds and starts everything a validated config describes, and listens. */
export async function startGateway({ config, logger }: { config: GatewayConfig; logger: Logger }): Promise<RunningGateway> {
  const sources = createSources(config, logger);
  const gateway = await createGateway({ config, sources, logger });
  await sources.start();
  const url = await gateway.listen();
  logger.info({ url }, 'gateway listening');
  return {
    url,
    gateway,
    sources,
    async close() {
      await gateway.close();
      await sources.close();
    },
  };
}
