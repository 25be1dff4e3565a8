/**
 * What the gateway could establish about a signature, strongest claim first:
 * - `VERIFIED`: intact, made with a certificate that chains to a trusted CA, valid and not
 *   revoked at the signing time, naming the sender;
 * - `INVALID`: the signed content or the signature value does not match (changed after
 *   signing), or a signed PDF was modified after its signature;
 * - `UNTRUSTED`: intact, but the certificate does not chain to a trusted CA, or it names
 *   another organisation than the sender;
 * - `EXPIRED`: intact and trusted, but a certificate of the path was not valid at the signing time;
 * - `REVOKED`: intact and trusted, but a certificate of the path was revoked (see checkRevocation);
 * - `NOT_SIGNED`: no signature at all;
 * - `UNVERIFIABLE`: a signature the gateway cannot check (outside the XML-DSig namespace,
 *   placeholder values, an algorithm or reference it does not accept, revocation it could
 *   not learn). Never shown as anything better.
 */
export type SignatureStatus = 'VERIFIED' | 'INVALID' | 'UNTRUSTED' | 'EXPIRED' | 'REVOKED' | 'NOT_SIGNED' | 'UNVERIFIABLE';

/** Every status, strongest claim first (the schema's `SignatureStatus` enum has the same values). */
export const SIGNATURE_STATUSES: readonly SignatureStatus[] = ['VERIFIED', 'INVALID', 'UNTRUSTED', 'EXPIRED', 'REVOKED', 'NOT_SIGNED', 'UNVERIFIABLE'];

/** The holder of the signing certificate, as the certificate names it. */
export interface SignatureSigner {
  /** CN. */
  name: string | null;
  /** O. */
  organisation: string | null;
  serialNumber: string;
  /** The issuing CA's distinguished name. */
  issuer: string;
}

/** The verdict on one signature (a message's, or a signed PDF attachment's). */
export interface SignatureReport {
  status: SignatureStatus;
  /** Why it is not VERIFIED; for VERIFIED, what was not checked or came after signing (null when nothing). */
  reason: string | null;
  /** Null when no certificate could be read. */
  signer: SignatureSigner | null;
  /** The signing time the signature claims (ISO), null when it claims none. */
  signedAt: string | null;
  /** When the gateway checked it (ISO). */
  checkedAt: string;
}

/** Every verdict on one message: its own signature and one per attachment, by content id. */
export interface MessageSignatures {
  document: SignatureReport;
  /**
   * Keyed by `ContentId`. A PDF that carries its own signature gets that signature's
   * verdict; any other attachment is covered by the message's signature (it lies inside
   * what `URI=""` signs) and gets the document's verdict, or NOT_SIGNED when the message is not signed.
   */
  attachments: Record<string, SignatureReport>;
}
