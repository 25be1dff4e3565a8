/**
 * A signed head of the audit hash chain: the operator's signature, made at `signedAt`,
 * over the newest stored entry's id and hash (`src/audit`'s head signer writes them;
 * `npm run audit:verify` checks them). Anyone who can write the store can rebuild the
 * chain from a changed entry on; nobody without the operator's key can sign its new head.
 */
export interface SignedAuditHead {
  /** The entry signed: the chain's head when it was signed. */
  entryId: string;
  /** That entry's `hash`. */
  entryHash: string;
  signedAt: Date;
  /** How the signature was made, e.g. `RSA-SHA256`, `ECDSA-SHA256`. */
  algorithm: string;
  /** The signature, base64, over the head's payload (`src/audit/audit-head-payload.ts`). */
  signature: string;
  /**
   * SHA-256 (hex) of the signing key's public key (SubjectPublicKeyInfo, DER): which of the
   * operator's certificates verifies it. The key rather than the certificate's bytes, which
   * tools re-encode (a PKCS#12 export may write the same certificate slightly differently).
   */
  keyFingerprint: string;
}

/** The signed heads of the audit chain, in the chain's (entry id) order. */
export interface AuditHeadRepository {
  /** Stores a signed head; a head for an entry already signed is ignored (a restart re-signing the same head). */
  append(head: SignedAuditHead): Promise<void>;
  /** The head of the greatest entry id, or null when none is stored. */
  latest(): Promise<SignedAuditHead | null>;
  /** Heads with an entry id after `afterEntryId` (all when null), in entry id order, at most `limit` (1 to 1000). */
  scan(afterEntryId: string | null, limit: number): Promise<SignedAuditHead[]>;
}
