import { createAuditId } from '../create-audit-id';

describe('createAuditId', () => {
  it('makes 26-character ULIDs whose first ten characters encode the time', () => {
    const id = createAuditId(Date.UTC(2025, 0, 1));
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(id.slice(0, 10)).toBe('01JGFJJZ00');
  });

  it('keeps ids of the same millisecond, and of a clock that steps back, in creation order', () => {
    const now = Date.now() + 60_000;
    const ids = [...Array.from({ length: 5000 }, () => createAuditId(now)), createAuditId(now - 10_000), createAuditId(now + 1)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
