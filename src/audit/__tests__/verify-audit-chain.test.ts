import type { AuditEntry, AuditRepository } from '../../store';
import { createAuditId } from '../create-audit-id';
import { hashAuditEntry } from '../hash-audit-entry';
import { verifyAuditChain } from '../verify-audit-chain';

/** A chain of `length` entries made by the rule itself, not by the writer. */
function chain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prevHash: string | null = null;
  for (let n = 0; n < length; n += 1) {
    const entry: AuditEntry = {
      id: createAuditId(),
      version: 2,
      at: new Date(Date.UTC(2025, 0, 1) + n * 1000),
      requestId: `req-${n}`,
      access: 'graphql',
      operationName: 'ThuTucTheoMa',
      operationType: 'query',
      documentHash: 'ab'.repeat(32),
      attachment: null,
      outcome: 'success',
      errorCodes: [],
      refusalReason: null,
      durationMs: n,
      clientIp: '10.0.0.1',
      records: { Procedure: n },
      sensitiveFields: [],
      subject: `can-bo-${n % 3}`,
      tokenId: `jti-${n}`,
      clientId: 'one-stop-h56',
      agencyCode: '000.00.00.H56',
      prevHash,
      hash: null,
    };
    entry.hash = hashAuditEntry(entry);
    prevHash = entry.hash;
    entries.push(entry);
  }
  return entries;
}

/** `scanChain` over an array, in the array's order (as a store would give its rows back, tampered or not). */
function stored(entries: AuditEntry[]): Pick<AuditRepository, 'scanChain'> & { calls: number } {
  const repository = {
    calls: 0,
    async scanChain(after: string | null, limit: number) {
      repository.calls += 1;
      const start = after === null ? 0 : entries.findIndex((each) => each.id === after) + 1;
      return entries.slice(start, start + limit).map((each) => ({ ...each }));
    },
  };
  return repository;
}

describe('verifyAuditChain', () => {
  it('accepts an untouched log, read page by page, and names its head', async () => {
    const entries = chain(25);
    const repository = stored(entries);

    const result = await verifyAuditChain(repository, { pageSize: 10 });

    expect(result).toEqual({ ok: true, entries: 25, head: { id: entries[24]!.id, at: entries[24]!.at, hash: entries[24]!.hash } });
    expect(repository.calls).toBe(3);
  });

  it('accepts an empty log', async () => {
    expect(await verifyAuditChain(stored([]))).toEqual({ ok: true, entries: 0 });
  });

  it('reports progress every progressEvery entries', async () => {
    const entries = chain(25);
    const progress: Array<{ entries: number; at: Date }> = [];

    await verifyAuditChain(stored(entries), { pageSize: 7, progressEvery: 10, onProgress: (each) => progress.push(each) });

    expect(progress).toEqual([
      { entries: 10, at: entries[9]!.at },
      { entries: 20, at: entries[19]!.at },
    ]);
  });

  it('finds a changed field at the changed entry (HASH_MISMATCH)', async () => {
    const entries = chain(10);
    entries[6] = { ...entries[6]!, operationName: 'HoSoCongDan' };

    expect(await verifyAuditChain(stored(entries), { pageSize: 4 })).toEqual({
      ok: false,
      entries: 7,
      firstBreak: { id: entries[6]!.id, at: entries[6]!.at, reason: 'HASH_MISMATCH' },
    });
  });

  it('finds a changed hash at its entry, and a changed prevHash as PREV_HASH_MISMATCH', async () => {
    const hashChanged = chain(5);
    hashChanged[2] = { ...hashChanged[2]!, hash: 'f'.repeat(64) };
    const prevChanged = chain(5);
    prevChanged[2] = { ...prevChanged[2]!, prevHash: 'f'.repeat(64) };

    expect((await verifyAuditChain(stored(hashChanged))).firstBreak).toMatchObject({ id: hashChanged[2]!.id, reason: 'HASH_MISMATCH' });
    expect((await verifyAuditChain(stored(prevChanged))).firstBreak).toMatchObject({ id: prevChanged[2]!.id, reason: 'PREV_HASH_MISMATCH' });
  });

  it('finds a deleted entry at the one after it (PREV_HASH_MISMATCH)', async () => {
    const entries = chain(10);
    entries.splice(4, 1);
    const next = entries[4]!;

    expect((await verifyAuditChain(stored(entries))).firstBreak).toEqual({ id: next.id, at: next.at, reason: 'PREV_HASH_MISMATCH' });
  });

  it('finds two swapped entries at the first of them (PREV_HASH_MISMATCH)', async () => {
    const entries = chain(10);
    [entries[3], entries[4]] = [entries[4]!, entries[3]!];

    expect((await verifyAuditChain(stored(entries))).firstBreak).toMatchObject({ id: entries[3]!.id, reason: 'PREV_HASH_MISMATCH' });
  });

  it('finds an entry without a hash (MISSING_HASH), even the first one', async () => {
    const middle = chain(5);
    middle[3] = { ...middle[3]!, hash: null };
    const first = chain(5);
    first[0] = { ...first[0]!, hash: null };

    expect((await verifyAuditChain(stored(middle))).firstBreak).toMatchObject({ id: middle[3]!.id, reason: 'MISSING_HASH' });
    expect((await verifyAuditChain(stored(first))).firstBreak).toMatchObject({ id: first[0]!.id, reason: 'MISSING_HASH' });
  });

  it('finds a forged entry inserted with a right hash at the entry after it', async () => {
    const entries = chain(6);
    const forged: AuditEntry = { ...entries[2]!, id: 'FORGED', requestId: 'forged', prevHash: entries[2]!.hash };
    forged.hash = hashAuditEntry(forged);
    entries.splice(3, 0, forged);

    expect((await verifyAuditChain(stored(entries))).firstBreak).toMatchObject({ id: entries[4]!.id, reason: 'PREV_HASH_MISMATCH' });
  });

  it('takes the first link of a log whose oldest entries were purged as given, and says so', async () => {
    const entries = chain(10).slice(4);

    expect(await verifyAuditChain(stored(entries))).toMatchObject({ ok: true, entries: 6, startsAfter: entries[0]!.prevHash });
  });

  it('cannot tell a chain recomputed after the tampered entry, except by its head', async () => {
    const original = chain(5);
    const rewritten = original.map((each) => ({ ...each }));
    rewritten[2]!.operationName = 'HoSoCongDan';
    for (let n = 2; n < rewritten.length; n += 1) {
      rewritten[n]!.prevHash = rewritten[n - 1]!.hash;
      rewritten[n]!.hash = hashAuditEntry(rewritten[n]!);
    }

    const before = await verifyAuditChain(stored(original));
    const after = await verifyAuditChain(stored(rewritten));

    expect(after.ok).toBe(true);
    expect(after.head!.hash).not.toBe(before.head!.hash);
  });
});
