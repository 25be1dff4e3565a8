import { SignJWT, base64url, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import pino from 'pino';
import type { AcceptedAlgorithm } from '../auth-options';
import type { AuthLogger } from '../create-authenticator';

/** Test helpers: keys, tokens signed with jose itself, a logger that records. */

export const ISSUER = 'https://sso.test.invalid/realms/lienthong';
export const AUDIENCE = 'lienthong-gateway';

export interface TestKey {
  alg: AcceptedAlgorithm;
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public key as published in a JWKS. */
  jwk: JWK;
}

export async function createTestKey(alg: AcceptedAlgorithm, kid = `${alg.toLowerCase()}-1`): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Claims of a typical valid token: our issuer and audience, an hour to live. */
export function validClaims(extra: JWTPayload = {}): JWTPayload {
  const now = nowSeconds();
  return { iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 3600, client_id: 'one-stop-h56', sub: 'officer-1', jti: 'jti-1', agency: '000.00.00.H56', scope: 'procedures:read dossiers:read', ...extra };
}

/** Signs `claims` as they are (no defaults added) with `key`; `header` overrides the protected header. */
export function sign(key: TestKey, claims: JWTPayload = validClaims(), header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header }).sign(key.privateKey);
}

/** A compact JWS from raw parts, for tokens jose would refuse to make. */
export function compact(header: Record<string, unknown>, claims: JWTPayload, signature = ''): string {
  return `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(claims))}.${signature}`;
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/** A pino logger at warn that keeps every line as parsed JSON, plus each line's raw text. */
export function recordingLogger(): { logger: AuthLogger; lines: Array<Record<string, unknown>>; raw: string[] } {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const logger = pino(
    { level: 'warn' },
    {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return { logger, lines, raw };
}
