import { randomUUID } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, type JWTPayload } from 'jose';
import type { AuthOptions } from '../auth-options';

/** A local token issuer for the demo and the tests: one ES256 key made at start, kept in memory. */
export interface DemoIssuer {
  /** The `iss` of every token it issues. */
  readonly issuer: string;
  /** The `aud` of every token it issues. */
  readonly audience: string;
  /** Its public key as a JWK Set, the key named by its RFC 7638 thumbprint (`kid`). */
  readonly jwks: { keys: JWK[] };
  /** AuthOptions that accept exactly this issuer's tokens. */
  readonly authOptions: AuthOptions;
  /**
   * Signs `claims` (e.g. `client_id`, `sub`, `agency`, `scope`) as an access token with
   * this issuer's `iss`, `aud`, `iat`, a fresh `jti`, and `exp` after `expiresIn`
   * (seconds, or a jose time span such as "12h").
   */
  issue(claims: JWTPayload, options?: { expiresIn?: number | string }): Promise<string>;
}

export interface DemoIssuerOptions {
  /** @default 'urn:lienthong:demo:issuer' */
  issuer?: string;
  /** @default 'urn:lienthong:gateway' */
  audience?: string;
}

/**
 * Creates the demo token issuer: an ES256 key pair generated now (so every demo run has
 * its own key, and tokens of one run are worthless in the next), the private key
 * unexportable. Never for production: there is no login, anyone with the process signs.
 */
export async function createDemoIssuer({ issuer = 'urn:lienthong:demo:issuer', audience = 'urn:lienthong:gateway' }: DemoIssuerOptions = {}): Promise<DemoIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks = { keys: [{ ...publicJwk, kid, alg: 'ES256', use: 'sig' }] };

  return {
    issuer,
    audience,
    jwks,
    authOptions: { issuer, audience, jwks: { keys: jwks.keys }, algorithms: ['ES256'] },
    issue: (claims, { expiresIn = '1h' } = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(typeof expiresIn === 'number' ? Math.floor(Date.now() / 1000) + expiresIn : expiresIn)
        .sign(privateKey),
  };
}
