import { AUDIT_TEXT_LIMITS } from '../../store';
import { clampAuditEntry, type AuditRecord } from '../clamp-audit-entry';

const base: AuditRecord = {
  at: new Date('2025-01-01T00:00:00Z'),
  requestId: 'req-1',
  operationName: 'ThuTuc',
  operationType: 'query',
  documentHash: 'ab'.repeat(32),
  outcome: 'success',
  errorCodes: [],
  durationMs: 1,
  clientIp: null,
  records: {},
  sensitiveFields: [],
  principalId: null,
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
    const clamped = clampAuditEntry({ ...base, operationName: 'x\uD800y', clientIp: '\uDC00', principalId: 'cán bộ 😀', sensitiveFields: ['A.b\uDBFF'] });

    expect(clamped).toMatchObject({ operationName: 'x\uFFFDy', clientIp: '\uFFFD', principalId: 'cán bộ 😀', sensitiveFields: ['A.b\uFFFD'] });
  });
});
