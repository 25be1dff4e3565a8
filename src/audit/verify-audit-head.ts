import { verify, X509Certificate } from 'node:crypto';
import type { SignedAuditHead } from '../store';
import { auditHeadPayload } from './audit-head-payload';
import { keyFingerprint } from './sign-audit-head';

/** Why a signed head does not verify. */
export type AuditHeadProblem = 'UNKNOWN_CERTIFICATE' | 'SIGNATURE_INVALID';

/**
 * Checks a signed head's signature with the operator's certificate it names, among
 * `certificates` (DER: the current one and earlier ones, given by the operator, never
 * read from the store). Returns null when it verifies.
 */
export function verifyAuditHead(head: SignedAuditHead, certificates: readonly Uint8Array[]): AuditHeadProblem | null {
  const certificate = certificates.find((c) => keyFingerprint(c) === head.keyFingerprint);
  if (!certificate) return 'UNKNOWN_CERTIFICATE';
  try {
    return verify('sha256', auditHeadPayload(head), new X509Certificate(certificate).publicKey, Buffer.from(head.signature, 'base64')) ? null : 'SIGNATURE_INVALID';
  } catch {
    return 'SIGNATURE_INVALID';
  }
}
