import { continueAuditIdsAfter, createAuditId } from '../create-audit-id';

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

describe('continueAuditIdsAfter', () => {
  it('makes new ids sort after a stored id made by a clock ahead of this one', () => {
    const ahead = createAuditId(Date.now() + 3_600_000);
    const stored = `${ahead.slice(0, 10)}ZZZZZZZZZZZZZZZY`;

    expect(continueAuditIdsAfter(stored)).toBe(true);
    const next = [createAuditId(), createAuditId(Date.now() - 1000)];

    expect(next[0]! > stored).toBe(true);
    expect(next[1]! > next[0]!).toBe(true);
    expect(next[0]!.slice(0, 10)).toBe(stored.slice(0, 10));
  });

  it('changes nothing for an id older than those already made here', () => {
    const made = createAuditId();

    expect(continueAuditIdsAfter(createAuditId(Date.UTC(2020, 0, 1)))).toBe(true);

    expect(createAuditId() > made).toBe(true);
  });

  it('refuses, changing nothing, an id that is not a ULID', () => {
    const made = createAuditId();
    expect(continueAuditIdsAfter('E000001')).toBe(false);
    expect(continueAuditIdsAfter('8ZZZZZZZZZZZZZZZZZZZZZZZZZ')).toBe(false);
    expect(continueAuditIdsAfter(made.toLowerCase())).toBe(false);
    expect(createAuditId() > made).toBe(true);
  });
});
