import { GatewayError } from '../../errors';
import type Database from 'better-sqlite3';
import type { AuditEntry, AuditRepository } from '../audit-repository';
import { encodeAuditCursor } from '../audit-cursor';
import { parseAuditEntries } from '../parse-audit-entries';
import { parseAuditQuery, type ParsedAuditQuery } from '../parse-audit-query';
import { parseChainScan } from '../parse-chain-scan';
import { yieldToEventLoop } from '../yield-to-event-loop';
import type { SqliteContext, SqliteRepositoryDefinition } from './sqlite-repository';

const DAY_MS = 24 * 60 * 60 * 1000;
const PURGE_CHUNK = 1000;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * The hash chain in id order, on the primary key's index (`sqlite_autoindex_audit_entry_1`),
 * so neither needs a sort. Exported for the plan test.
 */
export const LAST_ENTRY_SQL = 'SELECT * FROM audit_entry ORDER BY id DESC LIMIT 1';
export const SCAN_CHAIN_SQL = 'SELECT * FROM audit_entry WHERE id > ? ORDER BY id LIMIT ?';
export const SCAN_CHAIN_FROM_START_SQL = 'SELECT * FROM audit_entry ORDER BY id LIMIT ?';

interface AuditRow {
  id: string;
  version: AuditEntry['version'];
  at: number;
  request_id: string;
  access: AuditEntry['access'];
  operation_name: string | null;
  operation_type: AuditEntry['operationType'];
  /** '' for null: see the second migration. */
  document_hash: string;
  /** JSON of `attachment`, or null. */
  attachment: string | null;
  outcome: AuditEntry['outcome'];
  error_codes: string;
  refusal_reason: string | null;
  duration_ms: number;
  client_ip: string | null;
  records: string;
  sensitive_fields: string;
  subject: string | null;
  token_id: string | null;
  client_id: string | null;
  agency_code: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/**
 * The audit log in SQLite. Times are integer milliseconds. `errorCodes` is kept whole in
 * the entry row and once per code in `audit_error_code`, which carries `at` so that a
 * filter on a code walks one index in page order. Every query `query()` builds has an
 * index whose columns end in (at, id); `sqlite-store.test.ts` checks the plans.
 */
export const audit: SqliteRepositoryDefinition<AuditRepository> = {
  migrations: [
    {
      name: 'create audit_entry and audit_error_code',
      sql: `
        CREATE TABLE audit_entry (
          id TEXT NOT NULL PRIMARY KEY,
          at INTEGER NOT NULL,
          request_id TEXT NOT NULL,
          operation_name TEXT,
          operation_type TEXT CHECK (operation_type IN ('query', 'mutation', 'subscription')),
          document_hash TEXT NOT NULL,
          outcome TEXT NOT NULL CHECK (outcome IN ('success', 'error', 'rejected')),
          error_codes TEXT NOT NULL,
          duration_ms REAL NOT NULL,
          client_ip TEXT,
          records TEXT NOT NULL,
          sensitive_fields TEXT NOT NULL,
          principal_id TEXT,
          agency_code TEXT,
          prev_hash TEXT,
          hash TEXT
        ) STRICT;
        CREATE INDEX audit_entry_at ON audit_entry (at, id);
        CREATE INDEX audit_entry_operation_name ON audit_entry (operation_name, at, id);
        CREATE INDEX audit_entry_outcome ON audit_entry (outcome, at, id);
        CREATE INDEX audit_entry_principal ON audit_entry (principal_id, at, id);
        CREATE INDEX audit_entry_agency ON audit_entry (agency_code, at, id);
        CREATE TABLE audit_error_code (
          code TEXT NOT NULL,
          at INTEGER NOT NULL,
          entry_id TEXT NOT NULL REFERENCES audit_entry (id) ON DELETE CASCADE,
          PRIMARY KEY (code, at, entry_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX audit_error_code_entry ON audit_error_code (entry_id);
      `,
    },
    {
      // Who called (subject, token id, client) and downloads. Every step is O(1) on a year
      // of log but the new indexes: SQLite cannot drop NOT NULL without rebuilding the
      // table, so document_hash stays NOT NULL and '' stands for null (a download). Rows
      // already stored are version 1, their principal_id becomes client_id (the index
      // audit_entry_principal follows the rename), and the hash chain still verifies them.
      name: 'audit_entry: version, access, attachment, refusal reason, subject, token id; principal_id renamed client_id',
      sql: `
        ALTER TABLE audit_entry RENAME COLUMN principal_id TO client_id;
        ALTER TABLE audit_entry ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version IN (1, 2));
        ALTER TABLE audit_entry ADD COLUMN access TEXT NOT NULL DEFAULT 'graphql' CHECK (access IN ('graphql', 'attachment', 'lookup'));
        ALTER TABLE audit_entry ADD COLUMN attachment TEXT;
        ALTER TABLE audit_entry ADD COLUMN refusal_reason TEXT;
        ALTER TABLE audit_entry ADD COLUMN subject TEXT;
        ALTER TABLE audit_entry ADD COLUMN token_id TEXT;
        CREATE INDEX audit_entry_subject ON audit_entry (subject, at, id);
        CREATE INDEX audit_entry_access ON audit_entry (access, at, id);
      `,
    },
  ],

  create({ db, logger, auditRetentionDays, track, onClose }: SqliteContext): AuditRepository {
    const insertEntry = db.prepare(`
      INSERT INTO audit_entry (id, version, at, request_id, access, operation_name, operation_type, document_hash, attachment,
        outcome, error_codes, refusal_reason, duration_ms, client_ip, records, sensitive_fields, subject, token_id, client_id,
        agency_code, prev_hash, hash)
      VALUES (@id, @version, @at, @request_id, @access, @operation_name, @operation_type, @document_hash, @attachment,
        @outcome, @error_codes, @refusal_reason, @duration_ms, @client_ip, @records, @sensitive_fields, @subject, @token_id, @client_id,
        @agency_code, @prev_hash, @hash)
      ON CONFLICT (id) DO NOTHING`);
    const insertErrorCode = db.prepare('INSERT OR IGNORE INTO audit_error_code (code, at, entry_id) VALUES (?, ?, ?)');
    const appendAll = db.transaction((entries: AuditEntry[], after: string | null | undefined) => {
      if (after !== undefined) {
        const newest = (selectLastId.get() as { id: string } | undefined)?.id ?? null;
        // A retried batch that did land is its own newest entry: not a conflict, and a no-op below.
        const landed = newest !== null && entries.some((entry) => entry.id === newest);
        if (newest !== after && !landed) {
          throw new GatewayError('STORE_CONFLICT', `the audit chain's newest entry is ${newest ?? 'none'}, not ${after ?? 'none'}: another writer appended meanwhile`, { store: 'sqlite' });
        }
      }
      for (const entry of entries) {
        const row = toRow(entry);
        if (insertEntry.run(row).changes === 1) {
          for (const code of entry.errorCodes) insertErrorCode.run(code, row.at, entry.id);
        }
      }
    });
    const selectLastId = db.prepare('SELECT id FROM audit_entry ORDER BY id DESC LIMIT 1');
    // ON DELETE CASCADE removes the entries' rows in audit_error_code through its entry_id index.
    const selectLast = db.prepare<[], AuditRow>(LAST_ENTRY_SQL);
    const selectChain = db.prepare<[string, number], AuditRow>(SCAN_CHAIN_SQL);
    const selectChainFromStart = db.prepare<[number], AuditRow>(SCAN_CHAIN_FROM_START_SQL);
    const purgeChunk = db.prepare(`DELETE FROM audit_entry WHERE id IN (SELECT id FROM audit_entry WHERE at < ? ORDER BY at LIMIT ${PURGE_CHUNK})`);
    const statements = new Map<string, Database.Statement>();
    const prepare = (sql: string): Database.Statement => {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = db.prepare(sql)));
      return statement;
    };

    async function purgeOlderThan(date: Date): Promise<number> {
      const before = date.getTime();
      if (Number.isNaN(before)) throw new TypeError(`AuditRepository.purgeOlderThan expects a valid Date; received ${String(date)}.`);
      let deleted = 0;
      for (;;) {
        const { changes } = purgeChunk.run(before);
        deleted += changes;
        if (changes < PURGE_CHUNK) return deleted;
        await yieldToEventLoop();
      }
    }

    const purgeExpired = () => {
      const cutoff = new Date(Date.now() - auditRetentionDays * DAY_MS);
      track(purgeOlderThan(cutoff)).then(
        (deleted) => deleted > 0 && logger.info({ deleted, cutoff }, 'purged expired audit entries'),
        (error: unknown) => logger.error({ err: error }, 'audit retention purge failed; will retry in an hour'),
      );
    };
    const first = setTimeout(purgeExpired, 60_000).unref();
    const hourly = setInterval(purgeExpired, PURGE_EVERY_MS).unref();
    onClose(() => {
      clearTimeout(first);
      clearInterval(hourly);
    });

    return {
      async append(entries, after) {
        appendAll.immediate(parseAuditEntries(entries), after);
      },

      async query(filter, page) {
        const parsed = parseAuditQuery(filter, page);
        const sql = buildAuditSql(parsed);
        const rows = prepare(sql.page).all(...sql.pageParams) as AuditRow[];
        const { n } = prepare(sql.count).get(...sql.countParams) as { n: number };
        const items = rows.slice(0, parsed.first).map(fromRow);
        const last = items[items.length - 1];
        return { items, totalCount: n, nextCursor: rows.length > parsed.first && last ? encodeAuditCursor(last) : null };
      },

      purgeOlderThan,

      async lastEntry() {
        const row = selectLast.get();
        return row ? fromRow(row) : null;
      },

      async scanChain(after, limit) {
        const scan = parseChainScan(after, limit);
        const rows = scan.after === null ? selectChainFromStart.all(scan.limit) : selectChain.all(scan.after, scan.limit);
        return rows.map(fromRow);
      },
    };
  },
};

/**
 * The two statements of an audit query: one page (one row more than asked, to know
 * whether another page follows) and the total count. Values only ever travel as bound
 * parameters. With an `errorCode` filter the query walks `audit_error_code` in page order
 * and joins the entries; otherwise it walks `audit_entry`. Exported for the plan test.
 */
export function buildAuditSql({ filter, first, after }: ParsedAuditQuery): { page: string; pageParams: unknown[]; count: string; countParams: unknown[] } {
  const byCode = filter.errorCode !== undefined;
  const at = byCode ? 'k.at' : 'e.at';
  const id = byCode ? 'k.entry_id' : 'e.id';
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (byCode) add('k.code = ?', filter.errorCode);
  if (filter.from) add(`${at} >= ?`, filter.from.getTime());
  if (filter.to) add(`${at} < ?`, filter.to.getTime());
  if (filter.access !== undefined) add('e.access = ?', filter.access);
  if (filter.operationName !== undefined) add('e.operation_name = ?', filter.operationName);
  if (filter.outcome !== undefined) add('e.outcome = ?', filter.outcome);
  if (filter.subject !== undefined) add('e.subject = ?', filter.subject);
  if (filter.clientId !== undefined) add('e.client_id = ?', filter.clientId);
  if (filter.agencyCode === null) add('e.agency_code IS NULL');
  else if (filter.agencyCode !== undefined) add('e.agency_code = ?', filter.agencyCode);
  const from = byCode ? 'audit_error_code k JOIN audit_entry e ON e.id = k.entry_id' : 'audit_entry e';
  const whereSql = (conditions: string[]) => (conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '');
  const count = `SELECT COUNT(*) AS n FROM ${from}${whereSql(where)}`;
  const countParams = [...params];
  if (after) add(`(${at}, ${id}) < (?, ?)`, after.atMs, after.id);
  const page = `SELECT e.* FROM ${from}${whereSql(where)} ORDER BY ${at} DESC, ${id} DESC LIMIT ?`;
  return { page, pageParams: [...params, first + 1], count, countParams };
}

function toRow(entry: AuditEntry): AuditRow {
  return {
    id: entry.id,
    version: entry.version,
    at: entry.at.getTime(),
    request_id: entry.requestId,
    access: entry.access,
    operation_name: entry.operationName,
    operation_type: entry.operationType,
    document_hash: entry.documentHash ?? '',
    attachment: entry.attachment === null ? null : JSON.stringify(entry.attachment),
    outcome: entry.outcome,
    error_codes: JSON.stringify(entry.errorCodes),
    refusal_reason: entry.refusalReason,
    duration_ms: entry.durationMs,
    client_ip: entry.clientIp,
    records: JSON.stringify(entry.records),
    sensitive_fields: JSON.stringify(entry.sensitiveFields),
    subject: entry.subject,
    token_id: entry.tokenId,
    client_id: entry.clientId,
    agency_code: entry.agencyCode,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

function fromRow(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    version: row.version,
    at: new Date(row.at),
    requestId: row.request_id,
    access: row.access,
    operationName: row.operation_name,
    operationType: row.operation_type,
    documentHash: row.document_hash === '' ? null : row.document_hash,
    attachment: row.attachment === null ? null : (JSON.parse(row.attachment) as AuditEntry['attachment']),
    outcome: row.outcome,
    errorCodes: JSON.parse(row.error_codes) as string[],
    refusalReason: row.refusal_reason,
    durationMs: row.duration_ms,
    clientIp: row.client_ip,
    records: JSON.parse(row.records) as Record<string, number>,
    sensitiveFields: JSON.parse(row.sensitive_fields) as string[],
    subject: row.subject,
    tokenId: row.token_id,
    clientId: row.client_id,
    agencyCode: row.agency_code,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
