import { createHash, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Der } from '../../kit/pki/read-der-blocks';
import { findPdfSignatures, parsePdfDate, type PdfSignatureField } from './find-pdf-signatures';

/** What the signatures of a PDF say by themselves, before any certificate is trusted. */
export type PdfSignatureCheck =
  | { outcome: 'NOT_SIGNED' }
  | { outcome: 'UNVERIFIABLE' | 'INVALID'; reason: string; certificate?: Der; signedAt: Date | null }
  /** The last signature covers the whole file and every signature is intact. */
  | { outcome: 'INTACT'; certificate: Der; carried: Der[]; signedAt: Date | null; signatures: number };

export interface CheckPdfSignatureOptions {
  /** Accept SHA-1 digests (legacy signers). @default false */
  allowSha1?: boolean;
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
} as const;
const DIGEST_OIDS: Readonly<Record<string, { hash: string; legacy: boolean }>> = {
  '2.16.840.1.101.3.4.2.1': { hash: 'sha256', legacy: false },
  '2.16.840.1.101.3.4.2.2': { hash: 'sha384', legacy: false },
  '2.16.840.1.101.3.4.2.3': { hash: 'sha512', legacy: false },
  '1.3.14.3.2.26': { hash: 'sha1', legacy: true },
};
/** Signature algorithms with the hash they fix; rsaEncryption takes the SignerInfo's digest. */
const SIGNATURE_OIDS: Readonly<Record<string, { key: 'rsa' | 'ec'; hash?: string }>> = {
  [OID.rsaEncryption]: { key: 'rsa' },
  '1.2.840.113549.1.1.11': { key: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { key: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { key: 'rsa', hash: 'sha512' },
  '1.2.840.113549.1.1.5': { key: 'rsa', hash: 'sha1' },
  [OID.rsaPss]: { key: 'rsa' },
  '1.2.840.10045.4.3.2': { key: 'ec', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { key: 'ec', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { key: 'ec', hash: 'sha512' },
};
/** Sub-filters of detached CMS over the byte range (ISO 32000-1 §12.8.3.3, PAdES). */
const DETACHED = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);

/**
 * Checks the signatures of a PDF (the common case: signed with a USB token, in the
 * Adobe/PAdES way): each signature field's CMS SignedData (pkijs), its `messageDigest`
 * attribute against a digest of exactly the `/ByteRange` bytes, and its signature over
 * the signed attributes with the signer's key (node:crypto). The last signature must
 * cover the file to its last byte: bytes after it (an incremental update nobody signed,
 * or anything appended) are INVALID, "modified after signing". Incremental updates that a
 * later signature covers (a second signer, as when the clerk adds the agency's signature
 * after the leader's) are part of what that later signer signed.
 *
 * The signer and signing time reported are the last signature's; the signing time is its
 * `signingTime` attribute, else the field's `/M`, both the signer's own claim.
 */
export function checkPdfSignature(pdf: Buffer, { allowSha1 = false }: CheckPdfSignatureOptions = {}): PdfSignatureCheck {
  const fields = findPdfSignatures(pdf);
  if (fields.length === 0) return { outcome: 'NOT_SIGNED' };
  const results = fields.map((field) => checkField(pdf, field, allowSha1));
  const index = results.findIndex((result) => result.outcome !== 'INTACT');
  if (index !== -1) {
    const failed = results[index] as Exclude<FieldCheck, { outcome: 'INTACT' }>;
    return { ...failed, reason: `${failed.reason}${fields.length > 1 ? ` (signature ${index + 1} of ${fields.length})` : ''}` };
  }
  const last = results[results.length - 1] as Extract<FieldCheck, { outcome: 'INTACT' }>;
  const end = Math.max(...fields.map(({ byteRange: [, , c, d] }) => c + d));
  if (end < pdf.length) {
    return {
      outcome: 'INVALID',
      reason: `modified after signing: ${pdf.length - end} bytes follow the last signed byte (${describeAppended(pdf.subarray(end))})`,
      certificate: last.certificate,
      signedAt: last.signedAt,
    };
  }
  return { outcome: 'INTACT', certificate: last.certificate, carried: last.carried, signedAt: last.signedAt, signatures: fields.length };
}

type FieldCheck = Exclude<PdfSignatureCheck, { outcome: 'NOT_SIGNED' | 'INTACT' }> | { outcome: 'INTACT'; certificate: Der; carried: Der[]; signedAt: Date | null };

function checkField(pdf: Buffer, field: PdfSignatureField, allowSha1: boolean): FieldCheck {
  const claimed = parsePdfDate(field.claimedTime);
  const unverifiable = (reason: string, certificate?: Der): FieldCheck => ({ outcome: 'UNVERIFIABLE', reason, certificate, signedAt: claimed });
  if (field.problem) return { outcome: 'INVALID', reason: `the PDF signature is malformed: ${field.problem}`, signedAt: claimed };
  if (field.subFilter !== null && !DETACHED.has(field.subFilter)) return unverifiable(`the PDF signature's /SubFilter ${field.subFilter} is not accepted (adbe.pkcs7.detached or ETSI.CAdES.detached)`);

  let signedData: pkijs.SignedData;
  try {
    const asn1 = asn1js.fromBER(field.contents);
    if (asn1.offset === -1) throw new Error(asn1.result.error);
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
    if (contentInfo.contentType !== OID.signedData) throw new Error(`content type ${contentInfo.contentType} is not SignedData`);
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (error) {
    return unverifiable(`the PDF signature's CMS cannot be read: ${(error as Error).message}`);
  }
  if (signedData.signerInfos.length !== 1) return unverifiable(`the PDF signature has ${signedData.signerInfos.length} signers; one is expected`);
  if (signedData.encapContentInfo.eContent) return unverifiable('the PDF signature embeds its content (not a detached signature over the byte range)');
  const signerInfo = signedData.signerInfos[0]!;
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const signer = findSigner(signerInfo, certificates);
  if (!signer) return unverifiable("the PDF signature does not carry the signer's certificate");
  const certificate = new Uint8Array(signer.toSchema().toBER(false));
  const carried = certificates.filter((c) => c !== signer).map((c) => new Uint8Array(c.toSchema().toBER(false)));

  const digest = DIGEST_OIDS[signerInfo.digestAlgorithm.algorithmId];
  if (!digest) return unverifiable(`the PDF signature's digest algorithm ${signerInfo.digestAlgorithm.algorithmId} is not accepted`, certificate);
  if (digest.legacy && !allowSha1) return unverifiable('the PDF signature uses SHA-1, refused unless trust.allowSha1 is set for legacy signers', certificate);
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const messageDigest = attributes.find((a) => a.type === OID.messageDigest)?.values[0] as asn1js.OctetString | undefined;
  if (!signerInfo.signedAttrs || !messageDigest) return unverifiable('the PDF signature has no signed messageDigest attribute', certificate);
  const signingTime = (attributes.find((a) => a.type === OID.signingTime)?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined)?.toDate() ?? null;
  const signedAt = signingTime ?? claimed;

  const [a, b, c, d] = field.byteRange;
  const actual = createHash(digest.hash).update(pdf.subarray(a, a + b)).update(pdf.subarray(c, c + d)).digest();
  if (!actual.equals(Buffer.from(messageDigest.valueBlock.valueHexView))) {
    return { outcome: 'INVALID', reason: 'the PDF was changed after it was signed: its signed bytes no longer match the digest in its signature', certificate, signedAt };
  }
  const method = SIGNATURE_OIDS[signerInfo.signatureAlgorithm.algorithmId];
  if (!method) return unverifiable(`the PDF signature's algorithm ${signerInfo.signatureAlgorithm.algorithmId} is not accepted`, certificate);
  const publicKey = new X509Certificate(certificate).publicKey;
  const keyType = publicKey.asymmetricKeyType === 'rsa-pss' ? 'rsa' : publicKey.asymmetricKeyType;
  if (keyType !== method.key) return unverifiable(`the PDF signature's algorithm needs an ${method.key.toUpperCase()} key; the certificate holds a ${publicKey.asymmetricKeyType} key`, certificate);
  let hash = method.hash ?? digest.hash;
  let keyOptions: Record<string, unknown> = { key: publicKey };
  if (signerInfo.signatureAlgorithm.algorithmId === OID.rsaPss) {
    const params = new pkijs.RSASSAPSSParams({ schema: signerInfo.signatureAlgorithm.algorithmParams });
    hash = DIGEST_OIDS[params.hashAlgorithm.algorithmId]?.hash ?? 'sha1';
    keyOptions = { key: publicKey, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: params.saltLength };
  }
  if (hash === 'sha1' && !allowSha1) return unverifiable('the PDF signature is made over SHA-1, refused unless trust.allowSha1 is set for legacy signers', certificate);
  const valid = verify(hash, Buffer.from(signerInfo.signedAttrs.encodedValue), keyOptions as never, Buffer.from(signerInfo.signature.valueBlock.valueHexView));
  if (!valid) return { outcome: 'INVALID', reason: "the PDF signature's value does not verify with the signer's certificate", certificate, signedAt };
  return { outcome: 'INTACT', certificate, carried, signedAt };
}

/** The certificate the SignerInfo names (issuer and serial number, or subject key identifier). */
function findSigner(signerInfo: pkijs.SignerInfo, certificates: pkijs.Certificate[]): pkijs.Certificate | undefined {
  const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber | asn1js.Primitive;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  }
  const keyId = Buffer.from((sid as asn1js.Primitive).valueBlock.valueHexView);
  return certificates.find((c) => {
    const ski = c.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue as asn1js.OctetString | undefined;
    return ski !== undefined && Buffer.from(ski.valueBlock.valueHexView).equals(keyId);
  });
}

function describeAppended(tail: Buffer): string {
  const text = tail.toString('latin1');
  if (/\bxref\b|\btrailer\b|%%EOF/.test(text)) return 'an incremental update that no signature covers';
  return 'bytes appended to the file';
}
