import type { AuditHeadRepository, AuditRepository, SignedAuditHead } from '../store';
import { verifyAuditChain, type AuditChainVerification, type VerifyAuditChainOptions } from './verify-audit-chain';
import { verifyAuditHead, type AuditHeadProblem } from './verify-audit-head';

/**
 * Why the signed heads do not vouch for the chain:
 * - `UNKNOWN_CERTIFICATE` / `SIGNATURE_INVALID`: a head not signed by one of the operator's certificates given;
 * - `HASH_MISMATCH`: the entry a head names has another hash now: the chain was changed and
 *   rebuilt from the database after the head was signed;
 * - `ENTRY_MISSING`: a head names an entry that is no longer stored (and retention did not purge it);
 * - `UNSIGNED_TAIL`: the newest entries are covered by no signed head although they are older
 *   than two signing intervals: signed heads were deleted, or the gateway stopped without
 *   signing (a crash; the next start signs them).
 */
export type AuditHeadBreakReason = AuditHeadProblem | 'HASH_MISMATCH' | 'ENTRY_MISSING' | 'UNSIGNED_TAIL';

export interface SignedAuditChainVerification extends AuditChainVerification {
  heads: {
    /** Signed heads checked (those naming entries still stored). */
    checked: number;
    /** The newest head that verified. */
    newest?: { entryId: string; signedAt: Date };
    /** The first head that does not vouch for the chain (for UNSIGNED_TAIL, the first entry no head covers) and when it was signed (or written). */
    firstBad?: { entryId: string; at: Date; reason: AuditHeadBreakReason };
    /** Entries after the newest signed head. */
    unsignedTail?: { entries: number; since: Date };
  };
}

export interface VerifySignedAuditChainOptions extends VerifyAuditChainOptions {
  /** The operator's certificates (DER), current and earlier: from the operator, never from the store. */
  certificates: readonly Uint8Array[];
  /** The signing interval the gateway runs with, in ms. */
  intervalMs: number;
  /** @default new Date() */
  now?: Date;
}

const HEAD_PAGE = 1000;

/**
 * verifyAuditChain, plus the signed heads: walking the chain in id order, and the heads
 * beside it in the same order (both paged, nothing held but a page of each), each head's
 * signature is checked with the operator's certificates and its entry's hash compared with
 * the hash it signed. Because every entry's hash covers the one before it, one head that
 * still matches vouches for every entry up to it; a rebuilt chain matches no head signed
 * after the change. Heads of entries purged by retention are skipped.
 */
export async function verifySignedAuditChain(
  { audit, heads }: { audit: Pick<AuditRepository, 'scanChain'>; heads: Pick<AuditHeadRepository, 'scan'> },
  { certificates, intervalMs, now = new Date(), ...options }: VerifySignedAuditChainOptions,
): Promise<SignedAuditChainVerification> {
  const pending: SignedAuditHead[] = [];
  let cursor: string | null = null;
  let exhausted = false;
  let oldestId: string | undefined;
  let checked = 0;
  let newest: SignedAuditHead | undefined;
  let firstBad: SignedAuditChainVerification['heads']['firstBad'];
  let sinceHead = 0;
  let firstUnsignedAt: Date | null = null;
  let firstUnsignedId: string | null = null;

  const bad = (head: SignedAuditHead, reason: AuditHeadBreakReason) => {
    firstBad ??= { entryId: head.entryId, at: head.signedAt, reason };
  };
  async function peek(): Promise<SignedAuditHead | undefined> {
    if (pending.length === 0 && !exhausted) {
      const page = await heads.scan(cursor, HEAD_PAGE);
      pending.push(...page);
      if (page.length < HEAD_PAGE) exhausted = true;
      else cursor = page[page.length - 1]!.entryId;
    }
    return pending[0];
  }

  const chain = await verifyAuditChain(
    {
      async scanChain(after, limit) {
        const page = await audit.scanChain(after, limit);
        for (const entry of page) {
          oldestId ??= entry.id;
          let signed = false;
          for (let head = await peek(); head && head.entryId <= entry.id; head = await peek()) {
            pending.shift();
            // A head older than the oldest stored entry names an entry retention purged.
            if (head.entryId < entry.id) {
              if (head.entryId > oldestId) bad(head, 'ENTRY_MISSING');
              continue;
            }
            checked += 1;
            const problem = verifyAuditHead(head, certificates) ?? (head.entryHash === entry.hash ? null : 'HASH_MISMATCH');
            if (problem) {
              bad(head, problem);
              continue;
            }
            newest = head;
            signed = true;
          }
          if (signed) {
            sinceHead = 0;
            firstUnsignedAt = null;
            firstUnsignedId = null;
          } else {
            sinceHead += 1;
            firstUnsignedAt ??= entry.at;
            firstUnsignedId ??= entry.id;
          }
        }
        return page;
      },
    },
    options,
  );
  // Heads after the newest stored entry name entries that are gone: the chain was cut short.
  if (chain.ok) for (let head = await peek(); head; pending.shift(), head = await peek()) bad(head, 'ENTRY_MISSING');
  const since = firstUnsignedAt as Date | null;
  const sinceId = firstUnsignedId as string | null;
  if (chain.ok && since !== null && sinceId !== null && since.getTime() < now.getTime() - 2 * intervalMs) {
    firstBad ??= { entryId: sinceId, at: since, reason: 'UNSIGNED_TAIL' };
  }
  return {
    ...chain,
    ok: chain.ok && firstBad === undefined,
    heads: {
      checked,
      ...(newest && { newest: { entryId: newest.entryId, signedAt: newest.signedAt } }),
      ...(firstBad && { firstBad }),
      ...(since && { unsignedTail: { entries: sinceHead, since } }),
    },
  };
}
