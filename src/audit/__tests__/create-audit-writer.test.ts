import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { GatewayError } from '../../errors';
import { AUDIT_TEXT_LIMITS, createStore, type AuditEntry, type Store } from '../../store';
import { createAuditId, createAuditWriter, hashAuditEntry, verifyAuditChain, type AuditWriter, type AuditWriterOptions } from '../index';

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

const WARN = 40;
const ERROR = 50;

function captureLogger() {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines, at: (level: number) => lines.filter((line) => line.level === level) };
}

/** A repository keeping batches in memory; `failNext` makes that many appends fail first. */
function memoryRepository() {
  const batches: AuditEntry[][] = [];
  const repository = {
    batches,
    failNext: 0,
    failWith: () => new GatewayError('STORE_UNAVAILABLE', 'The SQLite store cannot be used: disk I/O error', { store: 'sqlite' }) as unknown,
    get entries() {
      return batches.flat();
    },
    async lastEntry(): Promise<AuditEntry | null> {
      return [...repository.entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).at(-1) ?? null;
    },
    async append(entries: AuditEntry[]): Promise<void> {
      if (repository.failNext > 0) {
        repository.failNext -= 1;
        throw repository.failWith();
      }
      batches.push([...entries]);
    },
  };
  return repository;
}

function entry(n: number, overrides: Partial<AuditEntry> = {}): Omit<AuditEntry, 'id' | 'version'> {
  return {
    at: new Date(),
    requestId: `req-${n}`,
    access: 'graphql',
    operationName: 'ThuTucTheoMa',
    operationType: 'query',
    documentHash: 'ab'.repeat(32),
    attachment: null,
    outcome: 'success',
    errorCodes: [],
    refusalReason: null,
    durationMs: 3,
    clientIp: '10.0.0.1',
    records: { Procedure: 1 },
    sensitiveFields: [],
    subject: null,
    tokenId: null,
    clientId: null,
    agencyCode: null,
    prevHash: null,
    hash: null,
    ...overrides,
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const writers: AuditWriter[] = [];
const stores: Store[] = [];

async function writer(options: Partial<AuditWriterOptions> & Pick<AuditWriterOptions, 'repository' | 'logger'>): Promise<AuditWriter> {
  const created = await createAuditWriter({ retryDelayMs: 5, maxRetryDelayMs: 20, ...options });
  writers.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(writers.splice(0).map((each) => each.close()));
  await Promise.all(stores.splice(0).map((each) => each.close()));
});

describe('audit writer', () => {
  it('records without touching the store, then writes what waited as one batch after the interval', async () => {
    const repository = memoryRepository();
    const audit = await writer({ repository, logger: captureLogger().logger, flushIntervalMs: 40 });

    for (let n = 0; n < 3; n += 1) audit.record(entry(n));
    expect(repository.batches).toHaveLength(0);
    expect(audit.stats).toMatchObject({ recorded: 3, buffered: 3, written: 0 });

    await waitFor(() => repository.batches.length > 0);
    expect(repository.batches.map((batch) => batch.length)).toEqual([3]);
    expect(audit.stats).toMatchObject({ recorded: 3, buffered: 0, written: 3 });
  });

  it('gives entries ULIDs that sort in the order they were recorded', async () => {
    const repository = memoryRepository();
    const audit = await writer({ repository, logger: captureLogger().logger });

    for (let n = 0; n < 300; n += 1) audit.record(entry(n));
    await audit.flush();

    const ids = repository.entries.map((each) => each.id);
    expect(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(repository.entries.map((each) => each.requestId)).toEqual(Array.from({ length: 300 }, (_, n) => `req-${n}`));
  });

  it('writes a full batch at once, on a later tick, without waiting for the interval', async () => {
    const repository = memoryRepository();
    const audit = await writer({ repository, logger: captureLogger().logger, flushIntervalMs: 60_000, maxBatch: 10 });

    for (let n = 0; n < 25; n += 1) audit.record(entry(n));
    expect(repository.batches).toHaveLength(0);

    await waitFor(() => repository.entries.length === 20);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(repository.batches.map((batch) => batch.length)).toEqual([10, 10]);
    await audit.flush();
    expect(repository.batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
  });

  it('flushes everything on close and loses nothing', async () => {
    const repository = memoryRepository();
    const audit = await writer({ repository, logger: captureLogger().logger, flushIntervalMs: 60_000 });

    for (let n = 0; n < 1234; n += 1) audit.record(entry(n));
    await audit.close();

    expect(repository.entries).toHaveLength(1234);
    expect(new Set(repository.entries.map((each) => each.id)).size).toBe(1234);
    expect(repository.batches.every((batch) => batch.length <= 500)).toBe(true);
    expect(audit.stats).toMatchObject({ recorded: 1234, written: 1234, buffered: 0, dropped: 0 });
  });

  it('keeps entries while the store fails, retries with backoff, and loses or duplicates nothing when it recovers', async () => {
    const repository = memoryRepository();
    const { logger, at } = captureLogger();
    const audit = await writer({ repository, logger, flushIntervalMs: 10, maxBatch: 20 });
    repository.failNext = 4;

    for (let n = 0; n < 30; n += 1) audit.record(entry(n));
    await new Promise((resolve) => setTimeout(resolve, 15));
    for (let n = 30; n < 50; n += 1) audit.record(entry(n));
    await audit.flush();

    expect(repository.entries.map((each) => each.requestId)).toEqual(Array.from({ length: 50 }, (_, n) => `req-${n}`));
    expect(audit.stats).toMatchObject({ written: 50, failedWrites: 4, dropped: 0, lastError: expect.stringContaining('disk I/O error') });
    expect(at(WARN).map((line) => [line.msg, line.attempt])).toEqual([1, 2, 3, 4].map((attempt) => ['audit write failed; entries kept, retrying', attempt]));
  });

  it('retries a batch the store wrote but could not confirm without storing it twice', async () => {
    const store = await createStore({ sqliteFile: ':memory:' });
    stores.push(store);
    let lostAcknowledgements = 1;
    const repository = {
      lastEntry: () => store.audit.lastEntry(),
      async append(entries: AuditEntry[]) {
        await store.audit.append(entries);
        if (lostAcknowledgements-- > 0) throw new GatewayError('STORE_UNAVAILABLE', 'connection reset after the write');
      },
    };
    const audit = await writer({ repository, logger: captureLogger().logger });

    for (let n = 0; n < 7; n += 1) audit.record(entry(n));
    await audit.flush();

    const stored = await store.audit.query({}, { first: 100 });
    expect(stored.totalCount).toBe(7);
    expect(audit.stats).toMatchObject({ written: 7, failedWrites: 1 });
    expect(await verifyAuditChain(store.audit)).toMatchObject({ ok: true, entries: 7 });
  });

  it('writes the neighbours of an entry the store refuses, and logs the refused entry in full', async () => {
    const store = await createStore({ sqliteFile: ':memory:' });
    stores.push(store);
    const { logger, at } = captureLogger();
    const audit = await writer({ repository: store.audit, logger });

    audit.record(entry(1));
    audit.record(entry(2, { outcome: 'maybe' as AuditEntry['outcome'] }));
    audit.record(entry(3));
    await audit.flush();

    const stored = await store.audit.query({}, { first: 100 });
    expect(stored.items.map((each) => each.requestId).sort()).toEqual(['req-1', 'req-3']);
    expect(audit.stats).toMatchObject({ written: 2, rejected: 1, dropped: 0 });
    const [first, third] = await store.audit.scanChain(null, 10);
    expect(third!.prevHash).toBe(first!.hash);
    expect(await verifyAuditChain(store.audit)).toMatchObject({ ok: true, entries: 2 });
    expect(at(ERROR)).toEqual([
      expect.objectContaining({ msg: 'the store refused an audit entry; it is logged here instead', entry: expect.objectContaining({ requestId: 'req-2', outcome: 'maybe' }) }),
    ]);
  });

  it('cuts an oversized client-supplied operation name so the operation stays in the log', async () => {
    const store = await createStore({ sqliteFile: ':memory:' });
    stores.push(store);
    const audit = await writer({ repository: store.audit, logger: captureLogger().logger });

    audit.record(entry(1, { operationName: 'A'.repeat(100_000), requestId: 'r'.repeat(5000) }));
    await audit.flush();

    const [stored] = (await store.audit.query({}, { first: 1 })).items;
    expect(stored!.operationName).toHaveLength(AUDIT_TEXT_LIMITS.operationName);
    expect(stored!.requestId).toHaveLength(AUDIT_TEXT_LIMITS.requestId);
    expect(audit.stats.rejected).toBe(0);
    expect(stored!.hash).toBe(hashAuditEntry(stored!));
  });

  describe('hash chain', () => {
    it('chains every entry to the one written before it, across batches, the first ever to null', async () => {
      const repository = memoryRepository();
      const audit = await writer({ repository, logger: captureLogger().logger, maxBatch: 10 });

      for (let n = 0; n < 25; n += 1) audit.record(entry(n));
      await audit.flush();

      const written = repository.entries;
      expect(repository.batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
      expect(written[0]!.prevHash).toBeNull();
      written.forEach((each, n) => {
        expect(each.hash).toBe(hashAuditEntry(each));
        if (n > 0) expect(each.prevHash).toBe(written[n - 1]!.hash);
      });
      expect(new Set(written.map((each) => each.hash)).size).toBe(25);
    });

    it('replaces any prevHash and hash the caller passes', async () => {
      const repository = memoryRepository();
      const audit = await writer({ repository, logger: captureLogger().logger });

      audit.record({ ...entry(1), prevHash: 'forged', hash: 'forged' } as Omit<AuditEntry, 'id'>);
      await audit.flush();

      const [written] = repository.entries;
      expect(written).toMatchObject({ prevHash: null, hash: hashAuditEntry(written!) });
    });

    it('continues the chain of a store reopened after a restart, with ids after the stored ones', async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-audit-'));
      try {
        const before = await createStore({ dataDir });
        const first = await createAuditWriter({ repository: before.audit, logger: captureLogger().logger, maxBatch: 7 });
        for (let n = 0; n < 30; n += 1) first.record(entry(n));
        await first.close();
        const lastBefore = await before.audit.lastEntry();
        await before.close();

        const after = await createStore({ dataDir });
        stores.push(after);
        const second = await writer({ repository: after.audit, logger: captureLogger().logger, maxBatch: 7 });
        for (let n = 30; n < 50; n += 1) second.record(entry(n));
        await second.flush();

        const chain = await after.audit.scanChain(null, 100);
        expect(chain.map((each) => each.requestId)).toEqual(Array.from({ length: 50 }, (_, n) => `req-${n}`));
        expect(chain[29]).toEqual(lastBefore);
        expect(chain[30]!.prevHash).toBe(lastBefore!.hash);
        expect(await verifyAuditChain(after.audit)).toMatchObject({ ok: true, entries: 50, head: { id: chain[49]!.id, hash: chain[49]!.hash } });
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('gives ids after the newest stored id even when this clock is behind the one that wrote it', async () => {
      const store = await createStore({ sqliteFile: ':memory:' });
      stores.push(store);
      const future = { ...entry(0), id: createAuditId(Date.now() + 3_600_000), version: 2 as const, prevHash: null, hash: null as string | null };
      future.hash = hashAuditEntry(future);
      await store.audit.append([future]);

      const audit = await writer({ repository: store.audit, logger: captureLogger().logger });
      for (let n = 1; n <= 3; n += 1) audit.record(entry(n));
      await audit.flush();

      const chain = await store.audit.scanChain(null, 10);
      expect(chain.map((each) => each.requestId)).toEqual(['req-0', 'req-1', 'req-2', 'req-3']);
      expect(await verifyAuditChain(store.audit)).toMatchObject({ ok: true, entries: 4 });
    });

    it('leaves out, and logs, an entry holding a value with no JSON form, and chains its neighbours', async () => {
      const store = await createStore({ sqliteFile: ':memory:' });
      stores.push(store);
      const { logger, at } = captureLogger();
      const audit = await writer({ repository: store.audit, logger });

      audit.record(entry(1));
      audit.record(entry(2, { records: new Map([['Procedure', 1]]) as unknown as Record<string, number> }));
      audit.record(entry(3));
      await audit.flush();

      expect(audit.stats).toMatchObject({ written: 2, rejected: 1 });
      expect(at(ERROR).map((line) => line.msg)).toEqual(['an audit entry has a value with no JSON form, so it cannot be hashed; it is logged here instead']);
      expect(await verifyAuditChain(store.audit)).toMatchObject({ ok: true, entries: 2 });
    });

    it('hashes text as the store gives it back: cut, and with unpaired surrogates replaced', async () => {
      const store = await createStore({ sqliteFile: ':memory:' });
      stores.push(store);
      const audit = await writer({ repository: store.audit, logger: captureLogger().logger });

      audit.record(entry(1, { operationName: `${'A'.repeat(AUDIT_TEXT_LIMITS.operationName - 1)}😀`, requestId: 'r\uD800', clientIp: '\uDC00::1' }));
      await audit.flush();

      const [stored] = await store.audit.scanChain(null, 1);
      expect(stored).toMatchObject({ operationName: 'A'.repeat(AUDIT_TEXT_LIMITS.operationName - 1), requestId: 'r\uFFFD', clientIp: '\uFFFD::1' });
      expect(await verifyAuditChain(store.audit)).toMatchObject({ ok: true, entries: 1 });
    });

    it('is not created while the store cannot say where the chain ends', async () => {
      const repository = memoryRepository();
      repository.lastEntry = async () => {
        throw new GatewayError('STORE_UNAVAILABLE', 'The SQLite store cannot be used: database is locked');
      };

      await expect(createAuditWriter({ repository, logger: captureLogger().logger })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    });
  });

  it('drops new entries when the buffer is full, counting them and saying so in the log', async () => {
    const repository = memoryRepository();
    const { logger, at } = captureLogger();
    const audit = await writer({ repository, logger, flushIntervalMs: 10, maxBatch: 5, maxBuffered: 10 });
    repository.failNext = Number.POSITIVE_INFINITY;

    for (let n = 0; n < 15; n += 1) audit.record(entry(n));
    expect(audit.stats).toMatchObject({ recorded: 10, buffered: 10, dropped: 5 });
    expect(at(ERROR).map((line) => line.msg)).toEqual(['audit buffer full: new entries are dropped, and counted, until the store catches up']);

    repository.failNext = 0;
    await audit.flush();

    expect(repository.entries.map((each) => each.requestId)).toEqual(Array.from({ length: 10 }, (_, n) => `req-${n}`));
    expect(at(ERROR)[1]).toMatchObject({ msg: 'audit buffer overflowed: 5 entries were dropped and are not in the audit log', dropped: 5 });
  });

  it('gives up on close after closeTimeoutMs when the store stays down, and reports what it lost', async () => {
    const repository = memoryRepository();
    const { logger, at } = captureLogger();
    const audit = await writer({ repository, logger, closeTimeoutMs: 60 });
    repository.failNext = Number.POSITIVE_INFINITY;

    for (let n = 0; n < 3; n += 1) audit.record(entry(n));
    const started = Date.now();
    await audit.close();

    expect(Date.now() - started).toBeLessThan(1000);
    expect(audit.stats).toMatchObject({ recorded: 3, written: 0, buffered: 0, dropped: 3 });
    expect(at(ERROR).at(-1)).toMatchObject({ msg: 'audit writer closed with 3 entries it could not write; they are not in the audit log', lost: 3 });
  });

  it('never throws from record: not for a malformed entry, not after close', async () => {
    const repository = memoryRepository();
    const { logger, at } = captureLogger();
    const audit = await writer({ repository, logger });

    expect(() => audit.record(null as unknown as AuditEntry)).not.toThrow();
    await audit.close();
    expect(() => audit.record(entry(1))).not.toThrow();

    expect(audit.stats).toMatchObject({ recorded: 0, dropped: 2 });
    expect(at(ERROR).map((line) => line.msg)).toEqual([
      'audit entry could not be recorded; dropped',
      'audit entry recorded after the writer was closed; dropped',
    ]);
  });

  it('refuses options that cannot work, saying which', async () => {
    const repository = memoryRepository();
    const { logger } = captureLogger();
    await expect(createAuditWriter({ repository, logger, maxBatch: 0 })).rejects.toThrow(/maxBatch must be a positive integer; received 0/);
    await expect(createAuditWriter({ repository, logger, maxBatch: 100, maxBuffered: 10 })).rejects.toThrow(/maxBuffered \(10\) must be at least maxBatch \(100\)/);
  });
});
