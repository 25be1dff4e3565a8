import type { Logger } from 'pino';
import type { AuditHeadRepository, AuditRepository, SignedAuditHead } from '../store';
import { signAuditHead, type AuditSigningKey } from './sign-audit-head';

export interface AuditHeadSignerOptions {
  /** Where the chain's head is read (the newest stored entry). */
  audit: Pick<AuditRepository, 'lastEntry'>;
  /** Where signed heads go. */
  heads: Pick<AuditHeadRepository, 'append' | 'latest'>;
  key: AuditSigningKey;
  logger: Logger;
  /** Between two signatures (a head is signed only when the chain grew). @default 300000 */
  intervalMs?: number;
  /** @default () => new Date() */
  now?: () => Date;
}

export interface AuditHeadSigner {
  /** Signs the current head now if it is not signed yet; resolves with what was stored, or null. Failures are logged, never thrown. */
  signNow(): Promise<SignedAuditHead | null>;
  /** Signs the head at once, then every interval. */
  start(): Promise<void>;
  /** Stops the schedule and signs the head one last time (call after the audit writer is closed, before the store). */
  stop(): Promise<void>;
  readonly stats: { signed: number; failed: number; lastSignedAt: Date | null; lastError: string | null };
}

/**
 * Signs the audit chain's head with the operator's key at an interval, so that a chain
 * rebuilt from the database alone (a changed entry and every hash after it recomputed)
 * no longer matches heads signed before it, and `audit:verify` says so. Each signature
 * covers the newest stored entry's id and hash; a head already signed is not signed again.
 * A store failure is logged and retried at the next tick; it never stops the gateway.
 */
export function createAuditHeadSigner({ audit, heads, key, logger, intervalMs = 300_000, now = () => new Date() }: AuditHeadSignerOptions): AuditHeadSigner {
  const stats = { signed: 0, failed: 0, lastSignedAt: null as Date | null, lastError: null as string | null };
  let lastSignedId: string | null | undefined;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<SignedAuditHead | null> | null = null;

  async function signCurrent(): Promise<SignedAuditHead | null> {
    try {
      lastSignedId ??= (await heads.latest())?.entryId ?? null;
      const entry = await audit.lastEntry();
      if (!entry || entry.hash === null || entry.id === lastSignedId) return null;
      const head = signAuditHead({ entryId: entry.id, entryHash: entry.hash, signedAt: now() }, key);
      await heads.append(head);
      lastSignedId = head.entryId;
      stats.signed += 1;
      stats.lastSignedAt = head.signedAt;
      return head;
    } catch (error) {
      stats.failed += 1;
      stats.lastError = error instanceof Error ? error.message : String(error);
      logger.error({ err: error }, 'the audit chain head could not be signed; retrying at the next interval');
      return null;
    }
  }

  const signNow = (): Promise<SignedAuditHead | null> => (running ??= signCurrent().finally(() => (running = null)));

  return {
    signNow,
    async start() {
      await signNow();
      timer = setInterval(() => void signNow(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      await signNow();
    },
    get stats() {
      return { ...stats };
    },
  };
}
