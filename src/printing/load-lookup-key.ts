import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GatewayError } from '../errors';

/** The key file a data directory holds when no lookup key is configured. */
export const LOOKUP_KEY_FILE = 'lookup-key';

/**
 * The key of the per-dossier lookup secrets, from the first source that has one: the
 * configuration (`printing.lookupKey`, base64 of at least 32 bytes), the environment
 * (`LIENTHONG_LOOKUP_KEY`), or a key file in the data directory made on first use (mode
 * 0600). Replicas must share it, or a link printed by one fails on another: production
 * configures it. Changing it voids every printed link.
 */
export function loadLookupKey({ configured, environment, dataDir }: { configured?: string | undefined; environment?: string | undefined; dataDir: string }): { key: Buffer; where: 'config' | 'environment' | 'file' } {
  if (configured) return { key: decode(configured, 'printing.lookupKey'), where: 'config' };
  if (environment) return { key: decode(environment, 'LIENTHONG_LOOKUP_KEY'), where: 'environment' };
  const file = path.resolve(dataDir, LOOKUP_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  return { key: decode(readFileSync(file, 'utf8'), file), where: 'file' };
}

function decode(value: string, where: string): Buffer {
  const text = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) throw new GatewayError('CONFIG_INVALID', `${where} must be base64`);
  const key = Buffer.from(text, 'base64');
  if (key.length < 32) throw new GatewayError('CONFIG_INVALID', `${where} must hold at least 32 bytes; it holds ${key.length}`);
  return key;
}
