import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GatewayError } from '../errors';
import { checkKeyring, type DataKeyring } from './seal';

/** The key file a data directory holds when no key is configured: `{ active, keys: { id: base64 } }`. */
export const KEY_FILE = 'data-keys.json';

export interface DataKeySources {
  /** Keys from the configuration (`store.dataKeys`), values in base64. */
  configured?: { active: string; keys: Record<string, string> } | undefined;
  /** LIENTHONG_DATA_KEY: one key in base64, id `env`. */
  environment?: string | undefined;
  /** Where the key file is kept (and made, when `create`) when neither is given. */
  dataDir: string;
  /** Make a key file when none exists. @default true */
  create?: boolean;
}

/**
 * The keyring that seals personal data at rest, from the first source that has one: the
 * configuration, the environment, or a key file in the data directory (made on first use
 * with mode 0600, as the demo does). A key file beside the database protects a copied
 * database file, not a copied data directory: production configures its keys (`where`
 * says which source was used, for the start-up log).
 */
export function loadDataKeyring({ configured, environment, dataDir, create = true }: DataKeySources): { keyring: DataKeyring; where: 'config' | 'environment' | 'file'; file?: string } {
  if (configured) return { keyring: checkKeyring(decode(configured, 'store.dataKeys')), where: 'config' };
  if (environment) return { keyring: checkKeyring(decode({ active: 'env', keys: { env: environment } }, 'LIENTHONG_DATA_KEY')), where: 'environment' };
  const file = path.resolve(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    if (!create) throw new GatewayError('CONFIG_INVALID', `no data key is configured and ${file} does not exist`);
    try {
      mkdirSync(dataDir, { recursive: true });
      writeDataKeyFile(file, { active: 'k1', keys: { k1: randomBytes(32).toString('base64') } });
    } catch (err) {
      // A data directory that cannot be made or written is the store's to report, with the path, not a stack trace.
      throw new GatewayError('STORE_UNAVAILABLE', `cannot make the data key file ${file}: ${(err as Error).message}`, {}, err);
    }
  }
  return { keyring: readDataKeyFile(file), where: 'file', file };
}

/** Reads a key file written by `writeDataKeyFile`. */
export function readDataKeyFile(file: string): DataKeyring {
  let parsed: { active?: unknown; keys?: unknown };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as { active?: unknown; keys?: unknown };
  } catch (err) {
    throw new GatewayError('CONFIG_INVALID', `the data key file ${file} cannot be read: ${(err as Error).message}`);
  }
  if (typeof parsed.active !== 'string' || typeof parsed.keys !== 'object' || parsed.keys === null) {
    throw new GatewayError('CONFIG_INVALID', `the data key file ${file} must hold {"active": "<id>", "keys": {"<id>": "<base64>"}}`);
  }
  return checkKeyring(decode({ active: parsed.active, keys: parsed.keys as Record<string, string> }, file));
}

/** Writes a key file readable by its owner only. */
export function writeDataKeyFile(file: string, content: { active: string; keys: Record<string, string> }): void {
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
}

function decode({ active, keys }: { active: string; keys: Record<string, string> }, where: string): DataKeyring {
  const decoded = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(keys)) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value.trim())) throw new GatewayError('CONFIG_INVALID', `${where}: key ${id} must be base64`);
    decoded.set(id, Buffer.from(value.trim(), 'base64'));
  }
  return { activeKeyId: active, keys: decoded };
}
