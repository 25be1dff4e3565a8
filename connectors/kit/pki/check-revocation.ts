import * as pkijs from 'pkijs';
import { describeCertificate } from './describe-certificate';
import type { TrustStore } from './create-trust-store';
import type { Der } from './read-der-blocks';
import { formatName } from './read-name';

/** What an online responder said about one certificate (see createOcspClient). */
export type OcspAnswer =
  | { status: 'GOOD' }
  | { status: 'REVOKED'; revokedAt: Date; reason?: number }
  | { status: 'UNKNOWN'; reason: string };

/** Asks an OCSP responder about `certificate`, issued by `issuer` (both DER). Never throws: failures are UNKNOWN. */
export type OcspQuery = (certificate: Der, issuer: Der) => Promise<OcspAnswer>;

export interface RevocationResult {
  /**
   * REVOKED: a certificate of the path was revoked before the signing time, or for a
   * compromised key at any time. UNKNOWN: a configured OCSP responder was the only
   * source for a certificate and gave no answer. GOOD otherwise, `notes` saying what was
   * not checked or what came after the signing.
   */
  status: 'GOOD' | 'REVOKED' | 'UNKNOWN';
  reason: string | null;
  notes: string[];
}

export interface CheckRevocationOptions {
  /** The validated path, leaf first, anchor last (DER). */
  path: readonly Der[];
  store: TrustStore;
  signedAt: Date;
  checkedAt: Date;
  /** How far past its nextUpdate a CRL is still used without a note, in ms. */
  toleranceMs: number;
  /** Asked when no configured CRL covers a certificate. */
  ocsp?: OcspQuery;
}

/** CRLReason values of RFC 5280 §5.3.1, by number. */
export const CRL_REASONS: Readonly<Record<number, string>> = {
  0: 'unspecified',
  1: 'keyCompromise',
  2: 'cACompromise',
  3: 'affiliationChanged',
  4: 'superseded',
  5: 'cessationOfOperation',
  6: 'certificateHold',
  8: 'removeFromCRL',
  9: 'privilegeWithdrawn',
  10: 'aACompromise',
};
const REMOVE_FROM_CRL = 8;
/** Reasons that make every signature of the key suspect, whatever time it claims. */
const COMPROMISE: ReadonlySet<number> = new Set([1, 2, 10]);
const REASON_CODE = '2.5.29.21';
const KEY_USAGE = '2.5.29.15';

/**
 * Checks every certificate of a path but the anchor against revocation: the configured
 * CRLs first (closed networks: CRLs on disk are enough), each believed only when its
 * signature verifies with the key of the certificate's issuer in the path; then, for a
 * certificate no CRL covers, the OCSP responder when one is configured.
 *
 * Our reading of revocation for signed documents: a certificate revoked after the signing
 * time does not undo the signature (it is noted), unless the reason is a key or CA
 * compromise, since whoever holds a compromised key can claim any signing time. The
 * signing time itself is the signer's claim (edXML carries no trusted timestamp).
 */
export async function checkRevocation({ path, store, signedAt, checkedAt, toleranceMs, ocsp }: CheckRevocationOptions): Promise<RevocationResult> {
  const notes: string[] = [];
  for (let i = 0; i < path.length - 1; i += 1) {
    const certificate = pkijs.Certificate.fromBER(path[i]!);
    const issuer = pkijs.Certificate.fromBER(path[i + 1]!);
    const who = i === 0 ? `the signer's certificate (serial ${describeCertificate(path[i]!).serialNumber})` : `CA certificate ${formatName(certificate.subject)}`;
    const issuerName = formatName(issuer.subject);
    const crl = await freshestCrl(certificate, issuer, store);
    let revocation: { at: Date; reason?: number } | null = null;
    if (crl) {
      revocation = revocationIn(crl, certificate);
      if (crl.nextUpdate && crl.nextUpdate.value.getTime() + toleranceMs < checkedAt.getTime()) {
        notes.push(`the CRL of ${issuerName} used for ${who} is past its nextUpdate (${crl.nextUpdate.value.toISOString()})`);
      }
    } else if (ocsp) {
      const answer = await ocsp(path[i]!, path[i + 1]!);
      if (answer.status === 'UNKNOWN') {
        return { status: 'UNKNOWN', reason: `revocation of ${who} could not be checked: no CRL of ${issuerName} is configured and the OCSP responder gave no answer (${answer.reason})`, notes };
      }
      if (answer.status === 'REVOKED') revocation = { at: answer.revokedAt, reason: answer.reason };
    } else {
      notes.push(`revocation of ${who} not checked: no CRL of ${issuerName} is configured and no OCSP responder`);
      continue;
    }
    if (revocation === null) continue;
    const why = revocation.reason === undefined ? '' : ` (${CRL_REASONS[revocation.reason] ?? `reason ${revocation.reason}`})`;
    if (revocation.at.getTime() <= signedAt.getTime() || (revocation.reason !== undefined && COMPROMISE.has(revocation.reason))) {
      return { status: 'REVOKED', reason: `${who} was revoked on ${revocation.at.toISOString()}${why}; the signature claims ${signedAt.toISOString()}`, notes };
    }
    notes.push(`${who} was revoked on ${revocation.at.toISOString()}${why}, after the signing time`);
  }
  return { status: 'GOOD', reason: null, notes };
}

/** The CRL entry for `certificate`, with its date and reason; null when it is not listed (or only as removeFromCRL). */
function revocationIn(crl: pkijs.CertificateRevocationList, certificate: pkijs.Certificate): { at: Date; reason?: number } | null {
  const entry = crl.revokedCertificates?.find((revoked) => revoked.userCertificate.isEqual(certificate.serialNumber));
  if (!entry) return null;
  const code = entry.crlEntryExtensions?.extensions.find((extension) => extension.extnID === REASON_CODE)?.parsedValue as { valueBlock?: { valueDec?: number } } | undefined;
  const reason = code?.valueBlock?.valueDec;
  return reason === REMOVE_FROM_CRL ? null : { at: entry.revocationDate.value, ...(reason !== undefined && { reason }) };
}

/** Signature checks already made, per CRL and issuer certificate: a CRL of many MB is verified once. */
const verified = new WeakMap<pkijs.CertificateRevocationList, WeakMap<pkijs.Certificate, boolean>>();
const issuerCache = new Map<string, pkijs.Certificate>();

/**
 * The newest CRL of `issuer` whose signature verifies with its key, if any is configured.
 * An issuer whose key usage leaves out cRLSign cannot vouch for a CRL.
 */
async function freshestCrl(certificate: pkijs.Certificate, issuer: pkijs.Certificate, store: TrustStore): Promise<pkijs.CertificateRevocationList | null> {
  if (!maySignCrls(issuer)) return null;
  // The same issuer arrives as a new object per call; one instance per certificate keeps the cache useful.
  const issuerKey = Buffer.from(issuer.tbsView).toString('base64');
  if (issuerCache.size > 1000) issuerCache.clear();
  const canonical = issuerCache.get(issuerKey) ?? (issuerCache.set(issuerKey, issuer), issuer);
  let best: pkijs.CertificateRevocationList | null = null;
  for (const crl of store.crls) {
    if (!crl.issuer.isEqual(certificate.issuer)) continue;
    let checks = verified.get(crl);
    if (!checks) verified.set(crl, (checks = new WeakMap()));
    if (!checks.has(canonical)) checks.set(canonical, await crl.verify({ issuerCertificate: canonical }).catch(() => false));
    if (!checks.get(canonical)) continue;
    if (!best || crl.thisUpdate.value > best.thisUpdate.value) best = crl;
  }
  return best;
}

function maySignCrls(issuer: pkijs.Certificate): boolean {
  const usage = issuer.extensions?.find((extension) => extension.extnID === KEY_USAGE)?.parsedValue as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
  const bits = usage?.valueBlock?.valueHexView;
  return !bits || bits.length === 0 || (bits[0]! & 0x02) !== 0;
}
