import { MAX_AUDIT_PAGE_SIZE, type AuditRepository } from '../store';
import { hashAuditEntry } from './hash-audit-entry';

/**
 * Why the chain is broken at an entry:
 * - `MISSING_HASH`: the entry has no hash (written before the log was chained, or erased);
 * - `PREV_HASH_MISMATCH`: its `prevHash` is not the hash of the entry before it: an entry
 *   before it was deleted or inserted, entries were reordered, or its `prevHash` was changed;
 * - `HASH_MISMATCH`: its `prevHash` is right but its hash is not the hash of its content:
 *   the entry itself (or its hash) was changed.
 */
export type AuditChainBreakReason = 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'MISSING_HASH';

export interface AuditChainVerification {
  /** True when every stored entry is intact and links to the one before it. */
  ok: boolean;
  /** Entries checked: the whole log when ok; otherwise up to and including the broken one. */
  entries: number;
  /** The oldest entry where the chain is broken. */
  firstBreak?: { id: string; at: Date; reason: AuditChainBreakReason };
  /**
   * The newest entry, when the chain is ok and not empty. Write its hash down outside the
   * store: anyone who can write the store can recompute a whole chain, and only a hash kept
   * elsewhere shows that a later chain still contains this one.
   */
  head?: { id: string; at: Date; hash: string };
  /**
   * Set when the oldest stored entry names a previous hash: the entries before it are no
   * longer stored (the retention purge deletes the oldest), so that one link is taken as
   * given. It is the `prevHash` of the oldest entry.
   */
  startsAfter?: string;
}

export interface VerifyAuditChainOptions {
  /** Called every `progressEvery` entries, with how many have been checked and the time of the last one. */
  onProgress?: (progress: { entries: number; at: Date }) => void;
  /** @default 10000 */
  progressEvery?: number;
  /** Entries read per `scanChain` call, 1 to 1000. @default 1000 */
  pageSize?: number;
}

/**
 * Walks the whole audit log oldest link first (`scanChain`, id order: the order the audit
 * writer chained entries in) and checks, for each entry, that it has a hash, that its
 * `prevHash` is the hash of the entry before it, and that its hash is `hashAuditEntry` of
 * its content. Stops at the first break and says where and why. The oldest stored entry's
 * `prevHash` is not checked (see `startsAfter`). Entries appended while it walks are
 * checked too. Store failures reject (STORE_UNAVAILABLE); a broken chain resolves.
 */
export async function verifyAuditChain(
  repository: Pick<AuditRepository, 'scanChain'>,
  { onProgress, progressEvery = 10_000, pageSize = MAX_AUDIT_PAGE_SIZE }: VerifyAuditChainOptions = {},
): Promise<AuditChainVerification> {
  if (!Number.isSafeInteger(progressEvery) || progressEvery < 1) throw new TypeError(`verifyAuditChain: progressEvery must be a positive integer; received ${String(progressEvery)}.`);
  let entries = 0;
  let previous: { id: string; at: Date; hash: string } | undefined;
  let startsAfter: string | undefined;
  let after: string | null = null;
  for (;;) {
    const page = await repository.scanChain(after, pageSize);
    for (const entry of page) {
      entries += 1;
      const reason =
        entry.hash === null
          ? 'MISSING_HASH'
          : previous !== undefined && entry.prevHash !== previous.hash
            ? 'PREV_HASH_MISMATCH'
            : hashAuditEntry(entry) !== entry.hash
              ? 'HASH_MISMATCH'
              : null;
      if (reason !== null) return { ok: false, entries, firstBreak: { id: entry.id, at: entry.at, reason } };
      if (previous === undefined && entry.prevHash !== null) startsAfter = entry.prevHash;
      previous = { id: entry.id, at: entry.at, hash: entry.hash! };
      if (entries % progressEvery === 0) onProgress?.({ entries, at: entry.at });
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.id;
  }
  return { ok: true, entries, ...(previous && { head: previous }), ...(startsAfter !== undefined && { startsAfter }) };
}
