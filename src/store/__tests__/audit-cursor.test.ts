import { decodeAuditCursor, encodeAuditCursor } from '../audit-cursor';

describe('audit cursor', () => {
  it('decodes to the time and id of the entry it was made from', () => {
    const cursor = encodeAuditCursor({ at: new Date('2025-01-02T03:04:05.678Z'), id: '01JBX3Q2W9:ZK' });
    expect(decodeAuditCursor(cursor)).toEqual({ atMs: Date.parse('2025-01-02T03:04:05.678Z'), id: '01JBX3Q2W9:ZK' });
  });

  it('is opaque: base64url, without the id in clear', () => {
    const cursor = encodeAuditCursor({ at: new Date(0), id: 'E000123' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('E000123');
  });

  it.each(['', 'abc', 'a1:12:x', Buffer.from('a2:12:x').toString('base64url'), Buffer.from('a1:nope:x').toString('base64url'), '%%%'])(
    'rejects %j with BAD_USER_INPUT',
    (cursor) => {
      expect(() => decodeAuditCursor(cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    },
  );
});
