/**
 * A login session shared by every call of a connector: one login at a time (callers that
 * arrive meanwhile wait for it), a failed login never kept (the next call logs in again),
 * and a session the source reported expired dropped only if it is still the current one
 * (a call that saw an older session must not throw away the one another call just made).
 */
export interface Session {
  current(): Promise<string>;
  /** Forget `token`, which the source said has expired, unless a newer session replaced it. */
  expired(token: string): Promise<void>;
}

export function createSession(login: () => Promise<string>): Session {
  let session: Promise<string> | null = null;
  return {
    current() {
      if (!session) {
        const made = login();
        session = made;
        made.catch(() => {
          if (session === made) session = null;
        });
      }
      return session;
    },
    async expired(token) {
      const held = session;
      if (held && (await held.catch(() => null)) === token && session === held) session = null;
    },
  };
}
