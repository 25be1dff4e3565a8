import * as pkijs from 'pkijs';
import type { TrustMaterial } from './load-trust-material';

/** A parsed trust store: where certificate paths must end, what helps build them, and the CRLs. */
export interface TrustStore {
  /** Self-signed CA certificates configured as trusted: every accepted path ends at one. */
  readonly anchors: readonly pkijs.Certificate[];
  /** Other configured CA certificates: used to build paths, trusted only through an anchor. */
  readonly intermediates: readonly pkijs.Certificate[];
  /** Configured CRLs, each believed only once its signature verifies with its issuer's key. */
  readonly crls: readonly pkijs.CertificateRevocationList[];
}

/**
 * Parses trust material into a store. A configured certificate is an anchor when it is
 * self-signed (its subject is its issuer and its own key verifies it); any other is an
 * intermediate, so configuring an intermediate alone never makes what it issued trusted.
 */
export async function createTrustStore(material: TrustMaterial): Promise<TrustStore> {
  const anchors: pkijs.Certificate[] = [];
  const intermediates: pkijs.Certificate[] = [];
  for (const der of material.certificates) {
    const certificate = pkijs.Certificate.fromBER(der);
    ((await isSelfSigned(certificate)) ? anchors : intermediates).push(certificate);
  }
  return Object.freeze({ anchors, intermediates, crls: material.crls.map((der) => pkijs.CertificateRevocationList.fromBER(der)) });
}

async function isSelfSigned(certificate: pkijs.Certificate): Promise<boolean> {
  if (!certificate.subject.isEqual(certificate.issuer)) return false;
  return certificate.verify().catch(() => false);
}
