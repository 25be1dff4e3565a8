import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { verifyAudit } from '../../../scripts/verify-audit';
import { canonicalJson, createAuditId, createAuditWriter, verifyAuditChain } from '../../audit';
import { createStore } from '../index';
import { migrateSqlite } from '../sqlite/migrate-sqlite';
import { audit } from '../sqlite/audit';

// A log written by the gateway before entries recorded who called (format 1: the client
// in principal_id, no subject, token id or version), upgraded in place by the store's
// migration and continued by a new writer: the chain must verify end to end, and the old
// entries must stay as tamper-evident as they were. The old rows are written here the way
// that build wrote them: its schema (the released first migration step) and its hash rule,
// spelled out below rather than taken from the code under test.

const silent = pino({ enabled: false });
let dataDir: string;
let file: string;
let legacyIds: string[];

/** The hash rule of format 1: sha256 of the previous hash, "\n" and the canonical JSON of these fields. */
function legacyHash(row: Record<string, unknown>, prevHash: string | null): string {
  const covered = {
    id: row.id,
    at: new Date(row.at as number),
    requestId: row.request_id,
    operationName: row.operation_name,
    operationType: row.operation_type,
    documentHash: row.document_hash,
    outcome: row.outcome,
    errorCodes: JSON.parse(row.error_codes as string) as unknown,
    durationMs: row.duration_ms,
    clientIp: row.client_ip,
    records: JSON.parse(row.records as string) as unknown,
    sensitiveFields: JSON.parse(row.sensitive_fields as string) as unknown,
    principalId: row.principal_id,
    agencyCode: row.agency_code,
    prevHash,
  };
  return createHash('sha256').update(`${prevHash ?? ''}\n${canonicalJson(covered)}`, 'utf8').digest('hex');
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-upgrade-'));
  file = path.join(dataDir, 'lienthong.db');
  const db = new Database(file);
  migrateSqlite(db, { audit: audit.migrations.slice(0, 1) }, silent);
  const insert = db.prepare(`INSERT INTO audit_entry (id, at, request_id, operation_name, operation_type, document_hash, outcome, error_codes,
    duration_ms, client_ip, records, sensitive_fields, principal_id, agency_code, prev_hash, hash)
    VALUES (@id, @at, @request_id, @operation_name, @operation_type, @document_hash, @outcome, @error_codes,
    @duration_ms, @client_ip, @records, @sensitive_fields, @principal_id, @agency_code, @prev_hash, @hash)`);
  const insertCode = db.prepare('INSERT INTO audit_error_code (code, at, entry_id) VALUES (?, ?, ?)');
  const start = Date.now() - 3 * 24 * 3600_000;
  let prevHash: string | null = null;
  legacyIds = [];
  for (let n = 0; n < 12; n += 1) {
    const row: Record<string, unknown> = {
      id: createAuditId(start + n * 60_000),
      at: start + n * 60_000,
      request_id: `legacy-${n}`,
      operation_name: n % 2 ? 'DanhSachHoSo' : null,
      operation_type: n % 4 === 3 ? null : 'query',
      document_hash: createHash('sha256').update(`query ${n}`).digest('hex'),
      outcome: n % 4 === 3 ? 'rejected' : 'success',
      error_codes: n % 4 === 3 ? '["UNAUTHENTICATED"]' : '[]',
      duration_ms: n + 0.5,
      client_ip: '10.0.0.7',
      records: n % 4 === 3 ? '{}' : `{"Dossier":${n}}`,
      sensitive_fields: n % 3 === 0 ? '["Applicant.idNumber"]' : '[]',
      principal_id: n % 4 === 3 ? null : 'one-stop-h56',
      agency_code: n % 4 === 3 ? null : '000.00.00.H56',
    };
    row.prev_hash = prevHash;
    row.hash = legacyHash(row, prevHash);
    prevHash = row.hash as string;
    insert.run(row);
    if (n % 4 === 3) insertCode.run('UNAUTHENTICATED', row.at, row.id);
    legacyIds.push(row.id as string);
  }
  db.close();
});

afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Opens the file with this build (migrating it), appends entries through a writer continuing the chain, closes. */
async function upgradeAndContinue(entries: number): Promise<void> {
  const store = await createStore({ dataDir });
  const writer = await createAuditWriter({ repository: store.audit, logger: silent });
  for (let n = 0; n < entries; n += 1) {
    writer.record({
      at: new Date(),
      requestId: `new-${n}`,
      access: n === 0 ? 'attachment' : 'graphql',
      operationName: null,
      operationType: n === 0 ? null : 'query',
      documentHash: n === 0 ? null : 'ab'.repeat(32),
      attachment: n === 0 ? { documentId: 'qlvb-g22:0f3c', contentId: 'cid:209' } : null,
      outcome: 'success',
      errorCodes: [],
      refusalReason: null,
      durationMs: 1,
      clientIp: '10.0.0.8',
      records: {},
      sensitiveFields: [],
      subject: 'can-bo-huyen-41-h56',
      tokenId: `jti-${n}`,
      clientId: 'one-stop-h56',
      agencyCode: '000.00.41.H56',
    });
  }
  await writer.close();
  await store.close();
}

async function verify() {
  const store = await createStore({ dataDir });
  try {
    return await verifyAuditChain(store.audit, { pageSize: 5 });
  } finally {
    await store.close();
  }
}

function tamper(sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  try {
    expect(db.prepare(sql).run(...params).changes).toBe(1);
  } finally {
    db.close();
  }
}

describe('an audit log written before entries recorded who called, upgraded in place', () => {
  it('verifies whole, old entries and new ones chained after them, with npm run audit:verify too', async () => {
    await upgradeAndContinue(5);

    const result = await verify();
    expect(result).toMatchObject({ ok: true, entries: 17 });
    expect(result.startsAfter).toBeUndefined();
    const lines: string[] = [];
    expect(await verifyAudit([], { LIENTHONG_DATA_DIR: dataDir }, { out: (line) => lines.push(line), err: () => undefined })).toBe(0);
    expect(lines.at(-1)).toBe('audit chain OK: 17 entries');
  });

  it('reads the old entries as version 1, with their client, findable by client and by the absence of an agency', async () => {
    await upgradeAndContinue(2);
    const store = await createStore({ dataDir });
    try {
      const [oldest] = await store.audit.scanChain(null, 1);
      expect(oldest).toMatchObject({ id: legacyIds[0], version: 1, access: 'graphql', attachment: null, subject: null, tokenId: null, refusalReason: null, clientId: 'one-stop-h56' });
      expect((await store.audit.query({ clientId: 'one-stop-h56' }, { first: 100 })).totalCount).toBe(9 + 2);
      expect((await store.audit.query({ agencyCode: null }, { first: 100 })).items.map((each) => each.requestId)).toEqual(['legacy-11', 'legacy-7', 'legacy-3']);
      expect((await store.audit.query({ subject: 'can-bo-huyen-41-h56' }, { first: 100 })).totalCount).toBe(2);
    } finally {
      await store.close();
    }
  });

  it.each([
    ['a subject added to an old entry, to blame someone', 'UPDATE audit_entry SET subject = ? WHERE id = ?', 'thanh-tra-h56'],
    ['an old entry marked version 2', 'UPDATE audit_entry SET version = ? WHERE id = ?', 2],
    ['the client of an old entry changed', 'UPDATE audit_entry SET client_id = ? WHERE id = ?', 'another-client'],
    ['an old entry turned into a refusal reason', 'UPDATE audit_entry SET refusal_reason = ? WHERE id = ?', 'TOKEN_EXPIRED'],
  ])('still finds %s at that entry (HASH_MISMATCH)', async (_name, sql, value) => {
    await upgradeAndContinue(3);
    tamper(sql, value, legacyIds[5]);

    expect(await verify()).toMatchObject({ ok: false, entries: 6, firstBreak: { id: legacyIds[5], reason: 'HASH_MISMATCH' } });
  });
});
