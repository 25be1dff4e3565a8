import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildEdxmlDocument, type EdxmlAttachment, type EdxmlDocument } from '../../edxml';

const FIXTURES = path.join(__dirname, '../../fixtures');

/** `yyyy/MM/dd HH:mm:ss` in Vietnam time, as edXML writes TraceHeader timestamps. */
export function edxmlTime(date: Date): string {
  const t = new Date(date.getTime() + 7 * 3600_000).toISOString();
  return `${t.slice(0, 4)}/${t.slice(5, 7)}/${t.slice(8, 10)} ${t.slice(11, 19)}`;
}

/** An ISO date-time in Vietnam time (the model's form). */
function isoVietnam(date: Date): string {
  return `${new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

/**
 * The Government Office SDK's sample document byte for byte (CRLF, tabs, mixed `edXML:`
 * and unprefixed elements), with its placeholder `Signature` taken out and its
 * TraceHeader timestamp set to `signedAt`: real-world mess to sign and verify.
 * Its sender is 002.00.20.H13 (UBND xã Hòa Tiến …) and its TraceHeader names 000.00.00.G22.
 */
export function unsignedSdkSample(signedAt = new Date()): string {
  return readFileSync(path.join(FIXTURES, 'edoc_new.vpcp-sdk.edxml'), 'utf8')
    .replace(/<Signature>[\s\S]*<\/Signature>\s*/, '')
    .replace('<edXML:Timestamp>2018/09/28 00:00:00</edXML:Timestamp>', `<edXML:Timestamp>${edxmlTime(signedAt)}</edXML:Timestamp>`);
}

/** The SDK's sample as it comes, its placeholder signature included. */
export function sdkSample(): string {
  return readFileSync(path.join(FIXTURES, 'edoc_new.vpcp-sdk.edxml'), 'utf8');
}

export interface TestDocumentOptions {
  /** @default '000.00.00.H41' (UBND Tỉnh Nghệ An, the test PKI's `agency`) */
  from?: string;
  fromName?: string;
  /** @default now */
  sentAt?: Date;
  attachments?: Array<Pick<EdxmlAttachment, 'name' | 'contentType' | 'content'>>;
  subject?: string;
}

/** A document message as the gateway builds it (buildEdxmlDocument), unsigned. */
export function buildTestDocument({ from = '000.00.00.H41', fromName = 'UBND Tỉnh Nghệ An', sentAt = new Date(), attachments = [], subject = 'Báo cáo tình hình giải quyết thủ tục hành chính quý III' }: TestDocumentOptions = {}): string {
  const document: EdxmlDocument = {
    from: { organId: from, organName: fromName },
    to: [{ organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' }],
    documentId: `${from},2026/11/20,125/UBND-VX`,
    code: { codeNumber: '125', codeNotation: 'UBND-VX' },
    promulgationInfo: { place: 'Nghệ An', date: '2026-11-20' },
    documentType: { type: 1, typeName: 'Công văn' },
    subject,
    signerInfo: { position: 'Chủ tịch', fullName: 'Nguyễn Văn A' },
    toPlaces: [],
    otherInfo: { priority: 0, appendixes: [] },
    responseFor: [],
    traces: [{ organId: from, timestamp: isoVietnam(sentAt) }],
    business: { businessDocType: 'NEW', replacementInfo: [] },
    attachments: attachments.map((a, i) => ({ ...a, contentId: `cid:${i + 1}`, size: a.content?.length })),
    signature: { present: false, xmldsigNamespace: false, enveloped: false, hasX509Certificate: false, verification: 'NOT_VERIFIED' },
  };
  return buildEdxmlDocument(document);
}
