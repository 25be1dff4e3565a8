import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, type CryptoKey, type JWTVerifyGetKey } from 'jose';
import { GatewayError } from '../errors';
import type { JwksOptions } from './auth-options';
import { checkPublicKeySet } from './check-public-key-set';

/** The name failures of the remote key set carry as `extensions.source`. */
export const JWKS_SOURCE = 'auth-jwks';

/**
 * The key resolver `jwtVerify` calls with a token's header: jose's remote JWKS set
 * (cached; refetched when a token names an unknown `kid` and the cooldown has passed,
 * which is how key rotation is picked up) or its local set over a file or inline keys.
 *
 * A key the set does not hold surfaces as jose's `JWKSNoMatchingKey` (or
 * `JWKSMultipleMatchingKeys` for a token without `kid`); the authenticator refuses
 * those. A remote set that cannot be fetched is the gateway's problem, not the token's:
 * it becomes UPSTREAM_TIMEOUT, UPSTREAM_BAD_RESPONSE or UPSTREAM_UNAVAILABLE with
 * `source: 'auth-jwks'`, never a 401. A file or inline set is checked here, at
 * start-up: a bad one throws CONFIG_INVALID.
 */
export function createKeySet(options: JwksOptions): JWTVerifyGetKey<CryptoKey> {
  if ('url' in options) return createRemoteKeySet(options.url, options);
  if ('file' in options) return createLocalJWKSet(checkPublicKeySet(readKeySetFile(options.file), options.file));
  return createLocalJWKSet(checkPublicKeySet(options, 'auth.jwks.keys'));
}

function createRemoteKeySet(
  url: string,
  { cooldownMs = 30_000, cacheMaxAgeMs = 600_000, timeoutMs = 5000 }: { cooldownMs?: number; cacheMaxAgeMs?: number; timeoutMs?: number },
): JWTVerifyGetKey<CryptoKey> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GatewayError('CONFIG_INVALID', `auth.jwks.url must be an http(s) URL; got ${JSON.stringify(url)}.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new GatewayError('CONFIG_INVALID', `auth.jwks.url must be an http(s) URL; got ${JSON.stringify(url)}.`);
  const remote = createRemoteJWKSet(parsed, { cooldownDuration: cooldownMs, cacheMaxAge: cacheMaxAgeMs, timeoutDuration: timeoutMs });

  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw keySetUnavailable(error, parsed, timeoutMs);
    }
  };
}

function keySetUnavailable(error: unknown, url: URL, timeoutMs: number): GatewayError {
  const where = `the key set at ${url.origin}${url.pathname}`;
  if (error instanceof errors.JWKSTimeout) {
    return new GatewayError('UPSTREAM_TIMEOUT', `Tokens cannot be verified: ${where} did not answer within ${timeoutMs} ms.`, { source: JWKS_SOURCE }, error);
  }
  if (error instanceof errors.JWKSInvalid) {
    return new GatewayError('UPSTREAM_BAD_RESPONSE', `Tokens cannot be verified: ${where} is not a JWK Set of public keys.`, { source: JWKS_SOURCE }, error);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new GatewayError('UPSTREAM_UNAVAILABLE', `Tokens cannot be verified: ${where} could not be fetched (${detail}).`, { source: JWKS_SOURCE }, error);
}

function readKeySetFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new GatewayError('CONFIG_INVALID', `The key set file ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}.`, {}, error);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new GatewayError('CONFIG_INVALID', `The key set file ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}.`, {}, error);
  }
}
