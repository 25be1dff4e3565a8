import { randomBytes } from 'node:crypto';

/**
 * The Official Account's tokens as Zalo keeps them: access tokens valid for a time, and
 * one refresh token that works once (each refresh answers a new pair and kills the old
 * refresh token, as Zalo's OAuth v4 does).
 */
export interface TokenRegistry {
  isValidAccessToken(token: string): boolean;
  /** Trades the current refresh token for a new pair, or null when `refreshToken` is not it. */
  refresh(refreshToken: string): { accessToken: string; refreshToken: string; expiresInSeconds: number } | null;
  /** Every access token issued so far stops working now. */
  expireAccessTokens(): void;
  readonly currentRefreshToken: string;
  readonly issued: number;
  readonly refreshes: number;
}

export function createTokenRegistry({ refreshToken, accessToken, ttlSeconds }: { refreshToken: string; accessToken?: string | undefined; ttlSeconds: number }): TokenRegistry {
  const expiry = new Map<string, number>();
  let current = refreshToken;
  let issued = 0;
  let refreshes = 0;
  if (accessToken) expiry.set(accessToken, Date.now() + ttlSeconds * 1000);
  return {
    isValidAccessToken: (token) => (expiry.get(token) ?? 0) > Date.now(),
    refresh(given) {
      if (given !== current) return null;
      refreshes += 1;
      issued += 1;
      const pair = { accessToken: `zat-${issued}-${randomBytes(12).toString('hex')}`, refreshToken: `zrt-${refreshes}-${randomBytes(12).toString('hex')}`, expiresInSeconds: ttlSeconds };
      expiry.set(pair.accessToken, Date.now() + ttlSeconds * 1000);
      current = pair.refreshToken;
      return pair;
    },
    expireAccessTokens() {
      for (const token of expiry.keys()) expiry.set(token, 0);
    },
    get currentRefreshToken() {
      return current;
    },
    get issued() {
      return issued;
    },
    get refreshes() {
      return refreshes;
    },
  };
}
