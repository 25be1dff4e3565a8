import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadSigningKey, loadTrustMaterial } from '../../connectors/kit/pki';
import { parseConfig, readConfigFile, type GatewayConfig } from '../config';
import { isGatewayError } from '../errors';
import { KEY_FILE, loadDataKeyring } from '../store';
import { EXIT } from './exit-status';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `lienthong check-config --config FILE`: what start-up checks before it opens anything,
 * without opening anything — the file read and validated (environment variables
 * substituted and overrides applied, as at start), the data keys, the audit signing key,
 * the document systems' signing keys and the trust store read. Writes no file: a missing
 * data key file is reported, not made. Prints a summary of what would run; resolves 0 when
 * the configuration would start, 2 with every problem found otherwise.
 */
export function checkConfig(file: string, env: NodeJS.ProcessEnv, { out, err }: Io): number {
  let config: GatewayConfig;
  try {
    config = parseConfig(readConfigFile(file, env), env);
  } catch (error) {
    err(describe(error));
    return EXIT.usage;
  }
  const problems: string[] = [];
  const notes: string[] = [];
  const attempt = (what: () => void): void => {
    try {
      what();
    } catch (error) {
      problems.push(describe(error));
    }
  };

  const keyFile = path.resolve(config.store.dataDir, KEY_FILE);
  if (!config.store.dataKeys && !env.LIENTHONG_DATA_KEY && !existsSync(keyFile)) {
    notes.push(`data keys: none configured; the first start makes ${keyFile} (configure store.dataKeys to keep keys apart from the data)`);
  } else {
    attempt(() => {
      const keys = loadDataKeyring({ configured: config.store.dataKeys, environment: env.LIENTHONG_DATA_KEY, dataDir: config.store.dataDir, create: false });
      notes.push(`data keys: from the ${keys.where}${keys.file ? ` (${keys.file})` : ''}, active ${keys.keyring.activeKeyId}`);
    });
  }
  if (config.auditSigning) attempt(() => loadSigningKey(config.auditSigning!.key, 'auditSigning.key'));
  for (const system of config.sources.documentExchange?.systems ?? []) {
    if (system.signing) attempt(() => loadSigningKey(system.signing!, `sources.documentExchange.systems (${system.name}).signing`));
  }
  attempt(() => {
    const trust = loadTrustMaterial({ caCertificates: config.trust.caCertificates, crls: config.trust.crls });
    notes.push(`trust store: ${trust.certificates.length} CA certificate(s), ${trust.crls.length} CRL(s)`);
  });

  if (problems.length > 0) {
    for (const problem of problems) err(problem);
    return EXIT.usage;
  }
  const { server, store, sources } = config;
  out(`${file}: valid`);
  out(`  listens on ${server.host}:${server.port}, mode ${server.mode}; introspection ${onOff(server.introspection)}, playground ${onOff(server.playground)}`);
  out(`  CORS origins: ${server.cors.origins.length > 0 ? server.cors.origins.join(', ') : 'none'}; compression ${server.compressThresholdBytes > 0 ? `above ${server.compressThresholdBytes} bytes` : 'off'}`);
  if (server.metrics) out(`  metrics on ${server.metricsHost}:${server.metricsPort}`);
  out(`  store: ${store.mongodbUri ? 'MongoDB' : `SQLite in ${store.dataDir}`}; audit kept ${store.auditRetentionDays} days${config.auditSigning ? ', its head signed' : ''}`);
  out(`  sources: national procedures; ${sources.provinces.length} province(s)${sources.provinces.length > 0 ? ` (${sources.provinces.map((p) => `${p.province} ${p.dialect}`).join(', ')})` : ''}`);
  out(`           document exchange: ${sources.documentExchange ? `${sources.documentExchange.systems.length} system(s)` : 'none'}; national portal: ${sources.nationalPortal ? 'pushed to' : 'none'}`);
  for (const note of notes) out(`  ${note}`);
  return EXIT.ok;
}

function onOff(value: boolean): string {
  return value ? 'on' : 'off';
}

function describe(error: unknown): string {
  if (isGatewayError(error)) return error.message.startsWith(error.code) ? error.message : `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
