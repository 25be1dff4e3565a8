import { parseConfig, readConfigFile } from '../config';
import { createLogger, type LogFormat } from '../log';
import { serveGateway } from '../serve-gateway';

/**
 * `lienthong start --config FILE`: the gateway in front of the sources FILE names, until
 * SIGINT or SIGTERM. Loads nothing of the demo or the simulators. A bad configuration
 * rejects with CONFIG_INVALID before anything starts.
 */
export async function runStart({ config: file, logFormat }: { config: string; logFormat?: LogFormat }): Promise<number> {
  const config = parseConfig(readConfigFile(file));
  const logger = createLogger({ level: config.log.level, format: logFormat });
  return serveGateway({ config, logger });
}
