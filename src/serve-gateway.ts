import type { GatewayConfig } from './config';
import type { Logger } from './log';
import type { GatewayOptions } from './server/create-gateway';
import { startGateway, type RunningGateway } from './start-gateway';

export interface ServeOptions {
  config: GatewayConfig;
  logger: Logger;
  /** Lines printed under the addresses once the gateway listens (the demo's sources and tokens). @default [] */
  banner?: (running: RunningGateway) => string[];
  /** The playground's principals and tabs: the demo's only. */
  playground?: GatewayOptions['playground'];
  /** Stopped after the gateway, on the way out (the demo's simulators). */
  onStopped?: () => Promise<void>;
  /** Where the banner goes. @default stdout */
  print?: (text: string) => void;
  /** Longest a graceful stop may take before the process gives up on it. @default 10000 */
  stopTimeoutMs?: number;
}

/**
 * Starts the gateway, prints where it listens, and runs until SIGINT or SIGTERM, then stops
 * gracefully: no new requests, the ones in flight answered, the audit log written out,
 * sources and store closed. Resolves with the exit status once stopped: 0, or 1 when the
 * stop failed or took longer than `stopTimeoutMs`.
 */
export async function serveGateway({ config, logger, banner = () => [], playground, onStopped, print = (text) => process.stdout.write(text), stopTimeoutMs = 10_000 }: ServeOptions): Promise<number> {
  const running = await startGateway({ config, logger, ...(playground && { playground }) });
  const { url } = running;
  const { server } = config;
  const lines = [
    '',
    `lienthong is listening on ${url}`,
    ...(server.playground ? [`  Playground:       ${url}/ (works offline)`] : []),
    `  GraphQL endpoint: ${url}/graphql`,
    `  Readiness:        ${url}/readyz`,
    ...(server.metrics ? [`  Metrics:          http://${server.metricsHost}:${server.metricsPort}/metrics`] : []),
    ...banner(running),
    '  Ctrl-C stops it gracefully.',
    '',
  ];
  logger.flush();
  print(`${lines.join('\n')}\n`);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  logger.info({ signal }, 'shutting down');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), stopTimeoutMs).unref();
  });
  const stopped = (async () => {
    await running.close();
    await onStopped?.();
    return 'stopped' as const;
  })();
  try {
    const outcome = await Promise.race([stopped, timedOut]);
    if (outcome === 'timeout') logger.error({ stopTimeoutMs }, 'graceful stop took too long; exiting');
    return outcome === 'stopped' ? 0 : 1;
  } catch (err) {
    logger.error({ err }, 'graceful stop failed');
    return 1;
  } finally {
    clearTimeout(timer);
    logger.flush();
  }
}
