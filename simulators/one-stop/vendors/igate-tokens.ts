import { randomBytes, randomUUID } from 'node:crypto';

/** The body of a successful token call, as Keycloak writes it. */
export interface TokenAnswer {
  access_token: string;
  expires_in: number;
  refresh_expires_in: number;
  refresh_token: string;
  token_type: 'Bearer';
  'not-before-policy': number;
  session_state: string;
  scope: string;
}

export type TokenCheck = { ok: true } | { ok: false; reason: 'missing' | 'unknown' | 'expired'; expiredAt?: number };

export interface TokenStore {
  issue(username: string, clientId: string): TokenAnswer;
  /** A new pair for a live refresh token; null when it is unknown or expired. */
  refresh(refreshToken: string, clientId: string): TokenAnswer | null;
  check(accessToken: string | null): TokenCheck;
  /** Ends every access token now; refresh tokens stay valid. */
  expireAll(): void;
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * Tokens of the simulated Keycloak realm `digo`: JWT-shaped (header, payload, random
 * signature) so clients see what they would see, but checked only by lookup here.
 */
export function createTokenStore({ ttlMs, refreshTtlMs, issuer }: { ttlMs: number; refreshTtlMs: number; issuer: string }): TokenStore {
  const access = new Map<string, number>();
  const refreshes = new Map<string, { expiresAt: number; username: string; clientId: string }>();

  const issue = (username: string, clientId: string): TokenAnswer => {
    const now = Date.now();
    const session = randomUUID();
    const payload = {
      exp: Math.floor((now + ttlMs) / 1000),
      iat: Math.floor(now / 1000),
      jti: randomUUID(),
      iss: issuer,
      typ: 'Bearer',
      azp: clientId,
      session_state: session,
      preferred_username: username,
      scope: 'profile email',
    };
    const token = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'digo-sim' }))}.${base64url(JSON.stringify(payload))}.${base64url(randomBytes(64))}`;
    const refreshToken = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify({ ...payload, typ: 'Refresh', jti: randomUUID(), exp: Math.floor((now + refreshTtlMs) / 1000) }))}.${base64url(randomBytes(32))}`;
    access.set(token, now + ttlMs);
    refreshes.set(refreshToken, { expiresAt: now + refreshTtlMs, username, clientId });
    return {
      access_token: token,
      expires_in: Math.max(1, Math.round(ttlMs / 1000)),
      refresh_expires_in: Math.max(1, Math.round(refreshTtlMs / 1000)),
      refresh_token: refreshToken,
      token_type: 'Bearer',
      'not-before-policy': 0,
      session_state: session,
      scope: 'profile email',
    };
  };

  return {
    issue,
    refresh(refreshToken, clientId) {
      const found = refreshes.get(refreshToken);
      if (!found || found.expiresAt <= Date.now() || found.clientId !== clientId) return null;
      refreshes.delete(refreshToken);
      return issue(found.username, clientId);
    },
    check(token) {
      if (token === null) return { ok: false, reason: 'missing' };
      const expiresAt = access.get(token);
      if (expiresAt === undefined) return { ok: false, reason: 'unknown' };
      if (expiresAt <= Date.now()) return { ok: false, reason: 'expired', expiredAt: expiresAt };
      return { ok: true };
    },
    expireAll() {
      const now = Date.now();
      for (const token of access.keys()) access.set(token, Math.min(access.get(token) as number, now));
    },
  };
}
