import { AUDIT_TEXT_LIMITS } from '../../store';
import { clampAuditEntry, type AuditRecord } from '../clamp-audit-entry';

const base: AuditRecord = {
  at: new Date('2025-01-01T00:00:00Z'),
  requestId: 'req-1',
  access: 'graphql',
  operationName: 'ThuTuc',
  operationType: 'query',
  documentHash: 'ab'.repeat(32),
  attachment: null,
  outcome: 'success',
  errorCodes: [],
  refusalReason: null,
  durationMs: 1,
  clientIp: null,
  records: {},
  sensitiveFields: [],
  subject: null,
  tokenId: null,
  clientId: null,
  agencyCode: null,
};

describe('clampAuditEntry', () => {
  it('cuts every client-supplied text to the store limit and leaves shorter text and nulls alone', () => {
    const clamped = clampAuditEntry({ ...base, operationName: 'A'.repeat(10_000), requestId: 'r'.repeat(5000), errorCodes: ['E'.repeat(300), 'OK'] });

    expect(clamped.operationName).toBe('A'.repeat(AUDIT_TEXT_LIMITS.operationName));
    expect(clamped.requestId).toHaveLength(AUDIT_TEXT_LIMITS.requestId);
    expect(clamped.errorCodes).toEqual(['E'.repeat(AUDIT_TEXT_LIMITS.errorCode), 'OK']);
    expect(clamped.clientIp).toBeNull();
    expect(clampAuditEntry(base)).toEqual(base);
  });

  it('never splits a surrogate pair at the limit, keeping one code unit less instead', () => {
    const limit = AUDIT_TEXT_LIMITS.operationName;
    const clamped = clampAuditEntry({ ...base, operationName: `${'a'.repeat(limit - 1)}😀tail` });

    expect(clamped.operationName).toBe('a'.repeat(limit - 1));
  });

  it('replaces unpaired surrogates, which no store can hold, with U+FFFD and keeps pairs', () => {
    const clamped = clampAuditEntry({ ...base, operationName: 'x\uD800y', clientIp: '\uDC00', subject: 'cán bộ 😀', sensitiveFields: ['A.b\uDBFF'] });

    expect(clamped).toMatchObject({ operationName: 'x\uFFFDy', clientIp: '\uFFFD', subject: 'cán bộ 😀', sensitiveFields: ['A.b\uFFFD'] });
  });

  it('cuts and repairs what a download\'s path and a token\'s claims bring, too', () => {
    const long = 'x'.repeat(AUDIT_TEXT_LIMITS.attachmentPart + 10);
    const clamped = clampAuditEntry({
      ...base,
      access: 'attachment',
      documentHash: null,
      attachment: { documentId: long, contentId: 'cid:\uD800' },
      subject: 's'.repeat(AUDIT_TEXT_LIMITS.subject + 1),
      tokenId: 't'.repeat(AUDIT_TEXT_LIMITS.tokenId + 1),
      clientId: 'c'.repeat(AUDIT_TEXT_LIMITS.clientId + 1),
      refusalReason: 'r'.repeat(AUDIT_TEXT_LIMITS.refusalReason + 1),
    });

    expect(clamped.attachment).toEqual({ documentId: 'x'.repeat(AUDIT_TEXT_LIMITS.attachmentPart), contentId: 'cid:\uFFFD' });
    expect([clamped.subject, clamped.tokenId, clamped.clientId, clamped.refusalReason].map((text) => text?.length)).toEqual([
      AUDIT_TEXT_LIMITS.subject,
      AUDIT_TEXT_LIMITS.tokenId,
      AUDIT_TEXT_LIMITS.clientId,
      AUDIT_TEXT_LIMITS.refusalReason,
    ]);
  });
});
