import { checkRevocation, describeCertificate, validateCertificatePath, type CertificateHolder, type OcspQuery, type TrustStore } from '../../kit/pki';
import type { Der } from '../../kit/pki/read-der-blocks';
import type { EdxmlOrgan } from '../edxml';
import { matchesSender } from './match-sender';
import type { SignatureReport, SignatureStatus } from './types';

/** An intact signature, ready to be judged against the trust store. */
export interface IntactSignature {
  certificate: Der;
  /** Other certificates the signature carried (candidate intermediates). */
  carried: Der[];
  /** The signing time the signature claims; null when it claims none (then the check time is used). */
  signedAt: Date | null;
}

export interface JudgeOptions {
  store: TrustStore;
  checkedAt: Date;
  /** Signer clocks ahead of ours by up to this are accepted, and CRLs used this far past nextUpdate without a note. */
  toleranceMs: number;
  ocsp?: OcspQuery;
  /** For an edXML message: the certificate must speak for this organ. Left out for attachments (see verifyMessageSignatures). */
  sender?: EdxmlOrgan;
}

/**
 * The verdict on an intact signature: UNVERIFIABLE for a signing time in the future;
 * UNTRUSTED or EXPIRED from the certificate path at the signing time; REVOKED, or
 * UNVERIFIABLE when revocation could not be learnt; UNTRUSTED when the certificate names
 * another organisation than the sender; VERIFIED otherwise, with what was not checked as
 * the reason.
 */
export async function judgeSignature({ certificate, carried, signedAt }: IntactSignature, { store, checkedAt, toleranceMs, ocsp, sender }: JudgeOptions): Promise<SignatureReport> {
  const holder = describeCertificate(certificate);
  const report = (status: SignatureStatus, reason: string | null): SignatureReport => reportOf(status, reason, holder, signedAt, checkedAt);
  if (signedAt && signedAt.getTime() > checkedAt.getTime() + toleranceMs) {
    return report('UNVERIFIABLE', `the signature claims a signing time in the future (${signedAt.toISOString()}; checked at ${checkedAt.toISOString()})`);
  }
  const at = signedAt ?? checkedAt;
  const path = await validateCertificatePath({ leaf: certificate, carried, store, at });
  if (path.status !== 'TRUSTED') return report(path.status, path.reason);
  const revocation = await checkRevocation({ path: path.path, store, signedAt: at, checkedAt, toleranceMs, ocsp });
  if (revocation.status === 'REVOKED') return report('REVOKED', revocation.reason);
  if (revocation.status === 'UNKNOWN') return report('UNVERIFIABLE', revocation.reason);
  if (sender && !matchesSender(holder, sender)) {
    const named = [holder.organisation && `O=${holder.organisation}`, holder.name && `CN=${holder.name}`].filter(Boolean).join(', ');
    return report('UNTRUSTED', `the certificate (${named}) does not name the sender ${sender.organId}${sender.organName ? ` (${sender.organName})` : ''}`);
  }
  const notes = [...revocation.notes, ...(signedAt ? [] : ['the signature claims no signing time; the certificate was checked at the time of checking'])];
  return report('VERIFIED', notes.length > 0 ? notes.join('; ') : null);
}

/** A report for a signature that was not judged against the trust store (not signed, unverifiable, invalid). */
export function reportWithoutTrust(status: SignatureStatus, reason: string | null, certificate: Der | undefined, signedAt: Date | null, checkedAt: Date): SignatureReport {
  let holder: CertificateHolder | null = null;
  try {
    holder = certificate ? describeCertificate(certificate) : null;
  } catch {
    holder = null;
  }
  return reportOf(status, reason, holder, signedAt, checkedAt);
}

function reportOf(status: SignatureStatus, reason: string | null, holder: CertificateHolder | null, signedAt: Date | null, checkedAt: Date): SignatureReport {
  return {
    status,
    reason,
    signer: holder && { name: holder.name, organisation: holder.organisation, serialNumber: holder.serialNumber, issuer: holder.issuer },
    signedAt: signedAt?.toISOString() ?? null,
    checkedAt: checkedAt.toISOString(),
  };
}
