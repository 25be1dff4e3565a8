import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ZaloTokens, ZaloTokenStore } from '../../connectors/zalo-zns';
import { GatewayError } from '../errors';

/**
 * The Official Account's tokens in a file of the data directory (mode 0600), written whole
 * to a temporary file and renamed, so a crash mid-write leaves the previous pair, never
 * half of one. The file remembers the configured refresh token it grew from: when the
 * configuration carries another one (the OA was authorized again by hand), the
 * configuration wins and the file's spent chain is dropped. For one replica; replicas
 * sharing an OA need a store they share (with a lock around the refresh), since each
 * refresh spends the refresh token.
 */
export function createFileTokenStore(file: string, initial: { refreshToken: string } | null): ZaloTokenStore {
  return {
    async load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return initial ? { accessToken: null, refreshToken: initial.refreshToken, accessTokenExpiresAt: null } : null;
        throw new GatewayError('STORE_UNAVAILABLE', `the Zalo token file ${file} cannot be read: ${(err as Error).message}`);
      }
      const parsed = JSON.parse(text) as Partial<ZaloTokens> & { configuredRefreshToken?: unknown };
      if (initial && parsed.configuredRefreshToken !== initial.refreshToken) return { accessToken: null, refreshToken: initial.refreshToken, accessTokenExpiresAt: null };
      if (typeof parsed.refreshToken !== 'string' || parsed.refreshToken === '') throw new GatewayError('CONFIG_INVALID', `the Zalo token file ${file} holds no refresh token`);
      return { accessToken: typeof parsed.accessToken === 'string' ? parsed.accessToken : null, refreshToken: parsed.refreshToken, accessTokenExpiresAt: typeof parsed.accessTokenExpiresAt === 'number' ? parsed.accessTokenExpiresAt : null };
    },
    async save(tokens) {
      mkdirSync(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify({ ...tokens, configuredRefreshToken: initial?.refreshToken ?? null })}\n`, { mode: 0o600 });
      renameSync(temporary, file);
    },
  };
}
