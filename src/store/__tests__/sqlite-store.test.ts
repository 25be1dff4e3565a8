import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AuditEntry, AuditFilter, CatalogueSnapshot, Store } from '../index';
import { createStore } from '../index';
import { encodeAuditCursor } from '../audit-cursor';
import { parseAuditQuery } from '../parse-audit-query';
import { buildAuditSql, LAST_ENTRY_SQL, SCAN_CHAIN_FROM_START_SQL, SCAN_CHAIN_SQL } from '../sqlite/audit';
import { openSqliteDatabase } from '../sqlite/open-sqlite-database';

let root: string;
const stores: Store[] = [];

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'lienthong-sqlite-'));
});

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  rmSync(root, { recursive: true, force: true });
});

async function open(dataDir = root, sqliteFile?: string): Promise<Store> {
  const store = await createStore({ dataDir, sqliteFile });
  stores.push(store);
  return store;
}

describe('SQLite store', () => {
  it('creates a missing data directory and names the file it uses', async () => {
    const dataDir = path.join(root, 'nested', 'data');

    const store = await open(dataDir);

    expect(store.kind).toBe('sqlite');
    expect(store.location).toBe(path.join(dataDir, 'lienthong.db'));
  });

  it('keeps the file, its log and its shared memory readable by their owner only, a file found readable by others included', async () => {
    const dataDir = path.join(root, 'perm');
    const store = await open(dataDir);
    await store.audit.append([entry(1)]);
    const file = path.join(dataDir, 'lienthong.db');
    expect([file, `${file}-wal`, `${file}-shm`].map((f) => (statSync(f).mode & 0o777).toString(8))).toEqual(['600', '600', '600']);

    const old = path.join(root, 'old.db');
    writeFileSync(old, '', { mode: 0o644 });
    openSqliteDatabase(old).close();
    expect((statSync(old).mode & 0o777).toString(8)).toBe('600');
  });

  it('runs in memory when sqliteFile is :memory:', async () => {
    const store = await open(root, ':memory:');
    await store.audit.append([entry(1)]);

    expect(store.location).toBe(':memory:');
    expect((await store.audit.query({}, { first: 1 })).totalCount).toBe(1);
  });

  it('opens connections in WAL mode with synchronous=FULL, a busy timeout and foreign keys', () => {
    const db = openSqliteDatabase(path.join(root, 'pragmas.db'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('records each migration once and does not run it again on reopen', async () => {
    const store = await open();
    await store.close();
    await open();

    const db = new Database(path.join(root, 'lienthong.db'), { readonly: true });
    const rows = db.prepare('SELECT repository, version, name FROM schema_migration ORDER BY repository, version').all();
    db.close();

    expect(rows).toEqual([
      { repository: 'audit', version: 1, name: 'create audit_entry and audit_error_code' },
      { repository: 'audit', version: 2, name: 'audit_entry: version, access, attachment, refusal reason, subject, token id; principal_id renamed client_id' },
      { repository: 'auditHeads', version: 1, name: 'create audit_head' },
      { repository: 'catalogue', version: 1, name: 'create catalogue_snapshot, catalogue_item and catalogue_current' },
      { repository: 'deliveries', version: 1, name: 'create delivery, delivery_cursor and delivery_day' },
      { repository: 'dossiers', version: 1, name: 'create dossier, dossier_sealed, dossier_rollup, dossier_change, outbox and sync_checkpoint' },
      { repository: 'dossiers', version: 2, name: 'dossier_source_count: dossiers per source, kept by every batch' },
      { repository: 'leases', version: 1, name: 'create lease' },
      { repository: 'outbox', version: 1, name: 'create outbox_day and outbox_control' },
      { repository: 'webhooks', version: 1, name: 'create webhook' },
    ]);
  });

  it('refuses, with STORE_UNAVAILABLE, a file whose schema a newer build wrote', async () => {
    await (await open()).close();
    const db = new Database(path.join(root, 'lienthong.db'));
    db.prepare("INSERT INTO schema_migration VALUES ('audit', 7, 'from the future', 0)").run();
    db.close();

    await expect(open()).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: expect.stringContaining('"audit" is at version 7, but this build only knows versions up to 2'),
    });
  });

  it('purges audit entries older than auditRetentionDays a minute after opening, then hourly', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    try {
      const store = await createStore({ dataDir: root, auditRetentionDays: 2 });
      stores.push(store);
      const day = 24 * 60 * 60 * 1000;
      await store.audit.append([entry(1), { ...entry(2), at: new Date(Date.now() - 3 * day) }]);

      jest.advanceTimersByTime(59_000);
      expect((await store.audit.query({}, { first: 10 })).totalCount).toBe(2);
      jest.advanceTimersByTime(1_000);
      await new Promise((resolve) => setImmediate(resolve));
      expect((await store.audit.query({}, { first: 10 })).items.map((each) => each.requestId)).toEqual(['req-1']);

      await store.audit.append([{ ...entry(3), at: new Date(Date.now() - 3 * day) }]);
      jest.advanceTimersByTime(60 * 60 * 1000);
      await new Promise((resolve) => setImmediate(resolve));
      expect((await store.audit.query({}, { first: 10 })).totalCount).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('answers every audit query from an index, never a table scan or a sort', async () => {
    const store = await open();
    await store.close();
    const db = new Database(store.location, { readonly: true });
    const after = encodeAuditCursor({ at: new Date(), id: 'E1' });
    const filters: AuditFilter[] = [
      {},
      { from: new Date(0) },
      { to: new Date() },
      { from: new Date(0), to: new Date() },
      { operationName: 'ThuTuc' },
      { outcome: 'error' },
      { errorCode: 'NOT_FOUND' },
      { subject: 's' },
      { clientId: 'c' },
      { access: 'attachment' },
      { agencyCode: 'H56' },
      { agencyCode: null },
      { errorCode: 'NOT_FOUND', operationName: 'ThuTuc', from: new Date(0), to: new Date() },
      { outcome: 'error', agencyCode: 'H56', clientId: 'c' },
      { subject: 's', agencyCode: null },
    ];
    const plan = (sql: string, params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail);
    try {
      for (const filter of filters) {
        for (const cursor of [undefined, after]) {
          const sql = buildAuditSql(parseAuditQuery(filter, { first: 10, after: cursor }));
          const page = plan(sql.page, sql.pageParams);
          const count = plan(sql.count, sql.countParams);
          // Without a filter, walking an index in order (page) or the smallest index (count)
          // is the plan; with one, the index of the filter must narrow the search first.
          const forbidden = Object.keys(filter).length === 0 ? /^SCAN \w+$|TEMP B-TREE/ : /^SCAN|TEMP B-TREE/;
          expect({ filter, page }).toEqual({ filter, page: expect.not.arrayContaining([expect.stringMatching(forbidden)]) });
          expect({ filter, count }).toEqual({ filter, count: expect.not.arrayContaining([expect.stringMatching(forbidden)]) });
        }
      }
    } finally {
      db.close();
    }
  });

  it('finds the last link of the hash chain and walks the chain on the primary key index, without a sort', async () => {
    const store = await open();
    await store.close();
    const db = new Database(store.location, { readonly: true });
    const plan = (sql: string, params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail);
    try {
      expect(plan(LAST_ENTRY_SQL, [])).toEqual(['SCAN audit_entry USING INDEX sqlite_autoindex_audit_entry_1']);
      expect(plan(SCAN_CHAIN_FROM_START_SQL, [10])).toEqual(['SCAN audit_entry USING INDEX sqlite_autoindex_audit_entry_1']);
      expect(plan(SCAN_CHAIN_SQL, ['E1', 10])).toEqual(['SEARCH audit_entry USING INDEX sqlite_autoindex_audit_entry_1 (id>?)']);
    } finally {
      db.close();
    }
  });

  it('saves 2,000 procedures of about 5 KB in well under a second without blocking the event loop for long', async () => {
    const store = await open();
    const snapshot = largeSnapshot(2000, 5000);
    await store.catalogue.saveSnapshot(largeSnapshot(2000, 5000));
    const delay = monitorEventLoopDelay({ resolution: 5 });

    delay.enable();
    const started = performance.now();
    await store.catalogue.saveSnapshot(snapshot);
    const saveMs = performance.now() - started;
    delay.disable();
    const loadStarted = performance.now();
    const loaded = await store.catalogue.loadSnapshot();
    const loadMs = performance.now() - loadStarted;

    const longestBlockMs = delay.max / 1e6;
    process.stdout.write(
      `SQLite catalogue: replace 2,000 × ${Buffer.byteLength(JSON.stringify(snapshot.procedures[0]))} B procedures in ${saveMs.toFixed(0)} ms ` +
        `(longest event-loop block ${longestBlockMs.toFixed(0)} ms), load in ${loadMs.toFixed(0)} ms\n`,
    );
    expect(loaded!.procedures).toHaveLength(2000);
    expect(saveMs).toBeLessThan(1000);
    expect(longestBlockMs).toBeLessThan(250);
  });

  it('commits a 500-entry audit batch in a few milliseconds', async () => {
    const store = await open();
    const batches = 20;
    const started = performance.now();
    for (let batch = 0; batch < batches; batch += 1) {
      await store.audit.append(Array.from({ length: 500 }, (_, n) => entry(batch * 500 + n)));
    }
    const perBatchMs = (performance.now() - started) / batches;

    process.stdout.write(`SQLite audit: ${perBatchMs.toFixed(1)} ms per 500-entry batch, ${Math.round(500_000 / perBatchMs)} entries/s\n`);
    expect((await store.audit.query({}, { first: 1 })).totalCount).toBe(batches * 500);
    expect(perBatchMs).toBeLessThan(250);
  });
});

function entry(n: number): AuditEntry {
  return {
    id: `E${String(n).padStart(8, '0')}`,
    version: 2,
    at: new Date(Date.now() - n),
    requestId: `req-${n}`,
    access: 'graphql',
    operationName: n % 2 ? 'ThuTucTheoMa' : 'DanhSachHoSo',
    operationType: 'query',
    documentHash: 'ab'.repeat(32),
    attachment: null,
    outcome: n % 10 === 0 ? 'error' : 'success',
    errorCodes: n % 10 === 0 ? ['UPSTREAM_TIMEOUT'] : [],
    refusalReason: null,
    durationMs: 12,
    clientIp: '10.1.2.3',
    records: { Procedure: 20, Agency: 1 },
    sensitiveFields: n % 7 === 0 ? ['Applicant.idNumber'] : [],
    subject: `officer-${n % 50}`,
    tokenId: `jti-${n}`,
    clientId: 'one-stop',
    agencyCode: `H${n % 63}`,
    prevHash: null,
    hash: null,
  };
}

function largeSnapshot(count: number, bytes: number): CatalogueSnapshot {
  // Vietnamese text is about 1.4 bytes per character in UTF-8.
  const text = 'Trình tự thực hiện: nộp hồ sơ tại Bộ phận một cửa; '.repeat(Math.ceil(bytes / 40)).slice(0, Math.round(bytes / 1.45));
  return {
    refreshedAt: new Date(),
    procedures: Array.from({ length: count }, (_, n) => ({ code: `1.${String(n).padStart(6, '0')}`, name: `Thủ tục ${n}`, level: 3, text })),
    agencies: [{ code: 'BXD', name: 'Bộ Xây dựng' }],
    sectors: [{ code: 'XD', name: 'Xây dựng' }],
  };
}
