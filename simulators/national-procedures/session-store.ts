import { randomBytes } from 'node:crypto';

export interface SessionStore {
  /** Issues a new random session token valid for the store's lifetime. */
  create(): string;
  /** True while `session` was issued here, has not expired and was not cleared. */
  isValid(session: unknown): boolean;
  /** Forgets every session at once. */
  clear(): void;
}

/**
 * Sessions of the adapter (our reading: a fixed lifetime counted from login, not renewed
 * by use). Expired tokens are dropped lazily, on the next login.
 */
export function createSessionStore(ttlMs: number, now: () => number = Date.now): SessionStore {
  const expiries = new Map<string, number>();
  return {
    create() {
      const time = now();
      for (const [token, expiry] of expiries) if (expiry <= time) expiries.delete(token);
      const token = randomBytes(16).toString('hex');
      expiries.set(token, time + ttlMs);
      return token;
    },
    isValid(session) {
      if (typeof session !== 'string') return false;
      const expiry = expiries.get(session);
      return expiry !== undefined && expiry > now();
    },
    clear: () => expiries.clear(),
  };
}
