import { createHash, sign, X509Certificate, type KeyObject } from 'node:crypto';
import type { SignedAuditHead } from '../store';
import { auditHeadPayload, type AuditHeadFacts } from './audit-head-payload';

/** The operator's key: a private key and its certificate (DER). `connectors/kit/pki`'s loadSigningKey gives one. */
export interface AuditSigningKey {
  privateKey: KeyObject;
  certificate: Uint8Array;
}

/**
 * Signs a head of the audit chain with the operator's key (node:crypto): RSA PKCS#1 v1.5
 * or ECDSA (DER signature), always over SHA-256 of auditHeadPayload. The fingerprint of
 * the certificate's public key goes with it, so the verifier knows which certificate to use.
 */
export function signAuditHead(facts: AuditHeadFacts, { privateKey, certificate }: AuditSigningKey): SignedAuditHead {
  const family = privateKey.asymmetricKeyType === 'ec' ? 'ECDSA' : privateKey.asymmetricKeyType === 'rsa' ? 'RSA' : null;
  if (!family) throw new TypeError(`signAuditHead: the operator's key must be RSA or EC; it is ${privateKey.asymmetricKeyType}`);
  return {
    entryId: facts.entryId,
    entryHash: facts.entryHash,
    signedAt: facts.signedAt,
    algorithm: `${family}-SHA256`,
    signature: sign('sha256', auditHeadPayload(facts), privateKey).toString('base64'),
    keyFingerprint: keyFingerprint(certificate),
  };
}

/** SHA-256 of a certificate's public key (SubjectPublicKeyInfo, DER), lowercase hex. */
export function keyFingerprint(certificate: Uint8Array): string {
  const spki = new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('hex');
}
