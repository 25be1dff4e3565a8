import type { OcspQuery, TrustStore } from '../../kit/pki';
import { parseEdxml, type EdxmlDocument, type EdxmlLimits } from '../edxml';
import { checkPdfSignature } from './check-pdf-signature';
import { checkXmlSignature } from './check-xml-signature';
import { isPdf } from './find-pdf-signatures';
import { judgeSignature, reportWithoutTrust } from './judge-signature';
import type { MessageSignatures, SignatureReport } from './types';

/** How strictly signatures are judged (the `trust` section of the config). */
export interface VerificationSettings {
  /** Accept SHA-1 (legacy signers). @default false */
  allowSha1?: boolean;
  /** Clock tolerance in ms (see JudgeOptions.toleranceMs). @default 300000 */
  toleranceMs?: number;
  /** Bounds the message is parsed within. */
  limits?: EdxmlLimits;
}

export interface VerifyMessageOptions extends VerificationSettings {
  store: TrustStore;
  ocsp?: OcspQuery;
  /** @default new Date() */
  now?: Date;
}

/**
 * Every verdict on one edXML message, from its raw bytes: the message's enveloped
 * XML-DSig signature (checkXmlSignature, then judgeSignature with the sender's organ
 * and the sender's TraceHeader time as the signing time), and one per attachment: a
 * signed PDF by its own signatures (checkPdfSignature, judged without the sender rule,
 * since a forwarded PDF is often signed by another agency), any other attachment by the
 * message's verdict, which covers it.
 *
 * CPU-bound and synchronous in parts (XML canonicalization and digests over the whole
 * message): call it through the signature service's worker pool, not on the event loop.
 * @throws GatewayError EDXML_INVALID / PAYLOAD_TOO_LARGE when the bytes are not a message.
 */
export async function verifyMessageSignatures(bytes: Buffer, { store, ocsp, now = new Date(), allowSha1 = false, toleranceMs = 300_000, limits }: VerifyMessageOptions): Promise<MessageSignatures> {
  const message = parseEdxml(bytes, limits);
  const checkedAt = now;
  const xml = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const judge = { store, checkedAt, toleranceMs, ocsp };
  const check = checkXmlSignature(xml, { allowSha1 });
  const organ = message.kind === 'document' ? message.document.from : message.status.from;
  const signedAt = signingTimeOf(message.kind === 'document' ? message.document : null, organ.organId, message.kind === 'status' ? message.status.timestamp : null);

  const document: SignatureReport =
    check.outcome === 'INTACT'
      ? await judgeSignature({ ...check, signedAt }, { ...judge, sender: organ })
      : check.outcome === 'NOT_SIGNED'
        ? reportWithoutTrust('NOT_SIGNED', null, undefined, null, checkedAt)
        : reportWithoutTrust(check.outcome, check.reason, check.certificate, signedAt, checkedAt);

  const attachments: Record<string, SignatureReport> = {};
  for (const attachment of message.kind === 'document' ? message.document.attachments : []) {
    if (!attachment.content) {
      attachments[attachment.contentId] = reportWithoutTrust('UNVERIFIABLE', `the attachment's content could not be read: ${attachment.error?.message ?? 'none'}`, undefined, null, checkedAt);
      continue;
    }
    const pdf = isPdf(attachment.content) ? checkPdfSignature(attachment.content, { allowSha1 }) : ({ outcome: 'NOT_SIGNED' } as const);
    if (pdf.outcome === 'INTACT') attachments[attachment.contentId] = await judgeSignature(pdf, judge);
    else if (pdf.outcome !== 'NOT_SIGNED') attachments[attachment.contentId] = reportWithoutTrust(pdf.outcome, pdf.reason, pdf.certificate, pdf.signedAt, checkedAt);
    else attachments[attachment.contentId] = coveredByMessage(document);
  }
  return { document, attachments };
}

/** An attachment without a signature of its own lies inside what the message's signature covers (`URI=""`). */
function coveredByMessage(document: SignatureReport): SignatureReport {
  if (document.status === 'NOT_SIGNED') return document;
  const covered = 'covered by the message signature';
  return { ...document, reason: document.reason ? `${covered}: ${document.reason}` : covered };
}

/**
 * The signing time of an edXML message, our reading: XML-DSig carries none, so it is the
 * sender's own TraceHeader timestamp (inside what the signature covers), else the first
 * TraceHeader's, else a status message's Timestamp. Null when the message has none.
 */
function signingTimeOf(document: EdxmlDocument | null, sender: string, statusTimestamp: string | null): Date | null {
  const trace = document?.traces.find((t) => t.organId === sender) ?? document?.traces[0];
  const text = trace?.timestamp ?? statusTimestamp;
  const time = text ? new Date(text) : null;
  return time && !Number.isNaN(time.getTime()) ? time : null;
}
