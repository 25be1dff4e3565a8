/** The Official Account's tokens, as the connector keeps them. */
export interface ZaloTokens {
  accessToken: string | null;
  refreshToken: string;
  /** When the access token expires, epoch milliseconds; null when unknown. */
  accessTokenExpiresAt: number | null;
}

/**
 * Persistence of the OA's tokens, supplied by the gateway. `save` must keep the new pair
 * before it resolves: Zalo's refresh tokens work once, so a pair lost after a refresh
 * means the OA must be authorized again by hand. Several replicas sharing one OA need a
 * store shared between them (the connector re-reads it before refreshing, and takes the
 * stored pair if another replica refreshed meanwhile).
 */
export interface ZaloTokenStore {
  load(): Promise<ZaloTokens | null>;
  save(tokens: ZaloTokens): Promise<void>;
}

/** A token store in this process's memory: enough for tests and a single replica that may re-authorize after a restart. */
export function createMemoryTokenStore(initial: ZaloTokens | null): ZaloTokenStore & { readonly current: ZaloTokens | null } {
  let current = initial;
  return {
    load: async () => current,
    save: async (tokens) => {
      current = { ...tokens };
    },
    get current() {
      return current;
    },
  };
}
