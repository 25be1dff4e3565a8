import type { GatewayConfig } from '../config';
import { createPrinting, type Printing } from './create-printing';
import { findVietnameseFont } from './find-vietnamese-font';
import { loadLookupKey } from './load-lookup-key';

/**
 * Printing as a validated configuration describes it: the portal's page pattern, the
 * public address of the status lookup (by default this gateway's own address), the
 * lookup key (config, environment, or a key file in the data directory) and the font of
 * PDF sheets (a configured font is checked now, so a wrong one stops start-up; the
 * system's fonts are searched when a first PDF is asked for).
 */
export function printingFromConfig(config: Pick<GatewayConfig, 'printing' | 'server' | 'store'>, environment: NodeJS.ProcessEnv = process.env): Printing {
  const { printing, server, store } = config;
  const host = server.host === '0.0.0.0' || server.host === '::' ? '127.0.0.1' : server.host;
  return createPrinting({
    procedurePageUrl: printing.procedurePageUrl,
    publicBaseUrl: printing.publicBaseUrl ?? `http://${host}:${server.port}`,
    lookupKey: loadLookupKey({ configured: printing.lookupKey, environment: environment.LIENTHONG_LOOKUP_KEY, dataDir: store.dataDir }).key,
    fontFile: printing.fontFile === undefined ? once(() => findVietnameseFont(undefined)) : constant(findVietnameseFont(printing.fontFile)),
  });
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

function constant<T>(value: T): () => T {
  return () => value;
}
