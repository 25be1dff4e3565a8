import type { Der } from './read-der-blocks';
import * as pkijs from 'pkijs';
import type { TrustStore } from './create-trust-store';

/** How a signer's certificate stands against the trust store at one moment. */
export type CertificatePathResult =
  | { status: 'TRUSTED'; /** leaf first, anchor last (DER) */ path: Der[] }
  | { status: 'UNTRUSTED' | 'EXPIRED'; reason: string };

export interface ValidateCertificatePathOptions {
  /** The signer's certificate (DER). */
  leaf: Der;
  /** Other certificates the signature carried: candidate intermediates, never trusted by being there. */
  carried?: readonly Der[];
  store: TrustStore;
  /** The moment every certificate of the path must be valid at: the signing time. */
  at: Date;
}

/** pkijs' result code for a certificate of the path outside its validity period at `checkDate`. */
const OUT_OF_VALIDITY = 8;

/**
 * Builds and checks the signer's certificate path to a trust anchor with pkijs'
 * RFC 5280 engine (`CertificateChainValidationEngine`): each certificate's signature by
 * the next, CA basic constraints and key usage, critical extensions, name and policy
 * constraints, and every certificate valid at `at`. Revocation is not looked at here
 * (see checkRevocation), so a path is judged the same with or without CRLs at hand.
 *
 * EXPIRED only when a path to an anchor exists but some certificate of it was not valid
 * at `at` (pkijs finds the path before it checks the dates); UNTRUSTED for everything
 * else: no path to an anchor, a broken constraint, a CA certificate used as a signer.
 */
export async function validateCertificatePath({ leaf, carried = [], store, at }: ValidateCertificatePathOptions): Promise<CertificatePathResult> {
  if (store.anchors.length === 0) return { status: 'UNTRUSTED', reason: 'no trusted CA certificate is configured (trust.caCertificates)' };
  let leafCertificate: pkijs.Certificate;
  try {
    leafCertificate = pkijs.Certificate.fromBER(leaf);
  } catch (error) {
    return { status: 'UNTRUSTED', reason: `the signer's certificate cannot be read: ${(error as Error).message}` };
  }
  const leafBytes = Buffer.from(leaf);
  if (store.anchors.some((anchor) => Buffer.from(anchor.toSchema().toBER()).equals(leafBytes))) {
    return { status: 'UNTRUSTED', reason: 'the signature was made with a trusted root CA certificate itself, which signs certificates, not documents' };
  }
  // pkijs takes the last certificate given as the one to validate, so the leaf goes last
  // and nothing equal to it anywhere before it.
  const helpers = [...store.intermediates, ...carried.map((der) => safeParse(der)).filter((c): c is pkijs.Certificate => c !== null)].filter(
    (certificate) => !Buffer.from(certificate.toSchema().toBER()).equals(leafBytes),
  );
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: [...store.anchors], certs: [...helpers, leafCertificate], checkDate: at });
  const result = await engine.verify();
  if (result.result) {
    const path = (result as { certificatePath?: pkijs.Certificate[] }).certificatePath ?? [];
    return { status: 'TRUSTED', path: path.map((certificate) => new Uint8Array(certificate.toSchema().toBER())) };
  }
  if (result.resultCode === OUT_OF_VALIDITY) return { status: 'EXPIRED', reason: describeValidity(leafCertificate, at) };
  return { status: 'UNTRUSTED', reason: `the signer's certificate does not chain to a trusted CA: ${result.resultMessage}` };
}

function describeValidity(leaf: pkijs.Certificate, at: Date): string {
  const from = leaf.notBefore.value;
  const to = leaf.notAfter.value;
  const when = `at the signing time ${at.toISOString()}`;
  if (to < at) return `the signer's certificate expired on ${to.toISOString()}, before the signing time ${at.toISOString()}`;
  if (from > at) return `the signer's certificate was not yet valid ${when} (valid from ${from.toISOString()})`;
  return `a CA certificate of the signer's chain was not valid ${when}`;
}

function safeParse(der: Der): pkijs.Certificate | null {
  try {
    return pkijs.Certificate.fromBER(der);
  } catch {
    return null;
  }
}
