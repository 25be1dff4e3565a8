import type Database from 'better-sqlite3';
import type { ApplyDossiersInput, ApplyDossiersResult, DossierChange, DossierClass, DossierFacts, DossierQuery, DossierRepository, StoredDossier } from '../dossier-repository';
import { countsFromGroups, netRollupDeltas, planDossierCount, splitWindowByDay, type RollupGroup } from '../dossier-rollup';
import { dossierSortKey } from '../dossier-sort-key';
import type { JsonObject } from '../json';
import { requireDataKeyring, seal, unseal } from '../seal';
import { yieldToEventLoop } from '../yield-to-event-loop';
import { edgeGroupsStatement, listStatement, rollupCountStatement, rollupGroupsStatement, rowCountStatement, type SqlStatement } from './dossier-filters';
import { DOSSIER_MIGRATIONS } from './dossier-schema';
import { checkFence } from './leases';
import type { SqliteContext, SqliteRepositoryDefinition } from './sqlite-repository';

interface DossierRow {
  id: number;
  code: string;
  source: string;
  agency_code: string;
  path1: string;
  path2: string;
  path3: string;
  path4: string;
  sort_key: string;
  listed_ms: number | null;
  received_ms: number | null;
  status: number | null;
  channel: string | null;
  procedure: string | null;
  due_day: number | null;
  klass: DossierClass;
  settled: 0 | 1;
  updated_at: string | null;
  content_hash: string;
  version: number;
  changed_at: number;
}

type SealedRow = DossierRow & { key_id: string; sealed: Uint8Array };

const SELECT_SEALED = 'SELECT d.*, s.key_id, s.sealed FROM dossier d JOIN dossier_sealed s ON s.id = d.id';

function factsOf(row: DossierRow): DossierFacts {
  return {
    code: row.code,
    source: row.source,
    agencyCode: row.agency_code,
    agencyPaths: [row.path1, row.path2, row.path3, row.path4],
    listedMs: row.listed_ms,
    receivedMs: row.received_ms,
    status: row.status,
    channel: row.channel,
    procedure: row.procedure,
    dueDay: row.due_day,
    klass: row.klass,
    settled: row.settled === 1,
    updatedAt: row.updated_at,
    contentHash: row.content_hash,
  };
}

/**
 * The provinces' dossiers in SQLite (see `dossier-schema.ts` for the tables and indexes).
 * A batch is one IMMEDIATE transaction: the fence is checked first, then each changed
 * dossier's row, sealed record, change-log entry and outbox entries are written, then the
 * rollup cells the batch moves (each by its net change: old cells decremented, new ones
 * incremented), the per-source counts, and the checkpoint.
 */
export const dossiers: SqliteRepositoryDefinition<DossierRepository> = {
  migrations: DOSSIER_MIGRATIONS,

  create({ db, keyring }: SqliteContext): DossierRepository {
    const statements = new Map<string, Database.Statement>();
    const prepare = (sql: string): Database.Statement => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    };
    const selectExisting = db.prepare<[string], DossierRow>('SELECT * FROM dossier WHERE code = ?');
    const upsertRow = db.prepare(`
      INSERT INTO dossier (code, source, agency_code, path1, path2, path3, path4, sort_key, listed_ms, received_ms, status, channel, procedure, due_day, klass, settled, updated_at, content_hash, version, changed_at)
      VALUES (@code, @source, @agency_code, @path1, @path2, @path3, @path4, @sort_key, @listed_ms, @received_ms, @status, @channel, @procedure, @due_day, @klass, @settled, @updated_at, @content_hash, @version, @changed_at)
      ON CONFLICT (code) DO UPDATE SET source = excluded.source, agency_code = excluded.agency_code, path1 = excluded.path1, path2 = excluded.path2,
        path3 = excluded.path3, path4 = excluded.path4, sort_key = excluded.sort_key, listed_ms = excluded.listed_ms, received_ms = excluded.received_ms,
        status = excluded.status, channel = excluded.channel, procedure = excluded.procedure, due_day = excluded.due_day, klass = excluded.klass, settled = excluded.settled,
        updated_at = excluded.updated_at, content_hash = excluded.content_hash, version = excluded.version, changed_at = excluded.changed_at
      RETURNING id`);
    const upsertSealed = db.prepare('INSERT INTO dossier_sealed (id, key_id, sealed) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, sealed = excluded.sealed');
    const addCell = db.prepare(`
      INSERT INTO dossier_rollup (path, day, status, channel, klass, due_day, n) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (path, day, status, channel, klass, due_day) DO UPDATE SET n = n + excluded.n`);
    const dropEmptyCells = db.prepare('DELETE FROM dossier_rollup WHERE path = ? AND day = ? AND status = ? AND channel = ? AND klass = ? AND due_day = ? AND n <= 0');
    const insertChange = db.prepare(
      'INSERT INTO dossier_change (code, source, version, agency_code, old_status, new_status, kind, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq',
    );
    const enqueue = db.prepare(`
      INSERT INTO outbox (consumer, code, source, version, state, attempts, due_at, last_error, enqueued_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, NULL, ?)
      ON CONFLICT (consumer, code) DO UPDATE SET version = excluded.version, source = excluded.source, state = 'pending', attempts = 0,
        due_at = excluded.due_at, last_error = NULL, enqueued_at = excluded.enqueued_at`);
    const upsertCheckpoint = db.prepare(
      'INSERT INTO sync_checkpoint (source, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (source) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
    );
    const selectCheckpoint = db.prepare<[string], { source: string; state: string; updated_at: number }>('SELECT * FROM sync_checkpoint WHERE source = ?');
    const selectByCode = db.prepare<[string], SealedRow>(`${SELECT_SEALED} WHERE d.code = ?`);
    const selectUnsettled = db.prepare<[string, string, number], { code: string }>('SELECT code FROM dossier WHERE source = ? AND settled = 0 AND code > ? ORDER BY code LIMIT ?');
    const selectChanges = db.prepare<[number, number], ChangeRow>('SELECT * FROM dossier_change WHERE seq > ? ORDER BY seq LIMIT ?');
    const selectCountBySource = db.prepare<[], { source: string; n: number }>('SELECT source, n FROM dossier_source_count WHERE n > 0');
    const addToSourceCount = db.prepare('INSERT INTO dossier_source_count (source, n) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET n = n + excluded.n');
    const selectToReseal = db.prepare<[string, number, number], { id: number; code: string; key_id: string; sealed: Uint8Array }>(
      'SELECT s.id, d.code, s.key_id, s.sealed FROM dossier_sealed s JOIN dossier d ON d.id = s.id WHERE s.key_id != ? AND s.id > ? ORDER BY s.id LIMIT ?',
    );
    const updateSealed = db.prepare('UPDATE dossier_sealed SET key_id = ?, sealed = ? WHERE id = ? AND key_id = ?');

    const applyBatch = db.transaction((input: ApplyDossiersInput): ApplyDossiersResult => {
      const now = (input.now ?? new Date()).getTime();
      if (input.fence) checkFence(db, input.fence, now);
      const result: ApplyDossiersResult = { created: 0, updated: 0, unchanged: 0, changes: [] };
      const moves: Array<{ before?: DossierFacts; after: DossierFacts }> = [];
      const sourceCounts = new Map<string, number>();
      const count = (source: string, delta: number): void => void sourceCounts.set(source, (sourceCounts.get(source) ?? 0) + delta);
      for (const { facts, record, recordJson } of input.dossiers) {
        const before = selectExisting.get(facts.code);
        if (before && before.content_hash === facts.contentHash) {
          result.unchanged += 1;
          continue;
        }
        const version = (before?.version ?? 0) + 1;
        const [path1, path2, path3, path4] = facts.agencyPaths;
        const { id } = upsertRow.get({
          code: facts.code, source: facts.source, agency_code: facts.agencyCode, path1, path2, path3, path4,
          sort_key: dossierSortKey(facts.listedMs, facts.code), listed_ms: facts.listedMs, received_ms: facts.receivedMs,
          status: facts.status, channel: facts.channel, procedure: facts.procedure, due_day: facts.dueDay, klass: facts.klass, settled: facts.settled ? 1 : 0,
          updated_at: facts.updatedAt, content_hash: facts.contentHash, version, changed_at: now,
        }) as { id: number };
        const { keyId, sealed } = seal(recordJson ?? JSON.stringify(record), facts.code, requireDataKeyring(keyring));
        upsertSealed.run(id, keyId, sealed);
        moves.push(before ? { before: factsOf(before), after: facts } : { after: facts });
        if (!before) count(facts.source, 1);
        else if (before.source !== facts.source) {
          count(before.source, -1);
          count(facts.source, 1);
        }
        const kind = before ? 'updated' : 'created';
        const { seq } = insertChange.get(facts.code, facts.source, version, facts.agencyCode, before?.status ?? null, facts.status, kind, now) as { seq: number };
        const enqueued = input.enqueueSinceMs === undefined || facts.listedMs === null || facts.listedMs >= input.enqueueSinceMs;
        if (enqueued) for (const consumer of input.enqueue ?? []) enqueue.run(consumer, facts.code, facts.source, version, now, now);
        result.changes.push({ seq, code: facts.code, source: facts.source, version, agencyCode: facts.agencyCode, oldStatus: before?.status ?? null, newStatus: facts.status, kind, at: new Date(now) });
        if (before) result.updated += 1;
        else result.created += 1;
      }
      // A page of one province's dossiers shares most of its cells (same days, same units):
      // each cell is moved once by its net change, not once per dossier.
      for (const { cell, delta } of netRollupDeltas(moves)) {
        addCell.run(cell.path, cell.day, cell.status, cell.channel, cell.klass, cell.dueDay, delta);
        if (delta < 0) dropEmptyCells.run(cell.path, cell.day, cell.status, cell.channel, cell.klass, cell.dueDay);
      }
      for (const [source, delta] of sourceCounts) if (delta !== 0) addToSourceCount.run(source, delta);
      if (input.checkpoint) upsertCheckpoint.run(input.checkpoint.source, JSON.stringify(input.checkpoint.state), now);
      return result;
    });

    function toStored(row: SealedRow): StoredDossier {
      const record = JSON.parse(unseal(row.sealed, row.code, requireDataKeyring(keyring))) as JsonObject;
      return { facts: factsOf(row), sortKey: row.sort_key, record, version: row.version, changedAt: new Date(row.changed_at) };
    }

    const run = <T>(statement: SqlStatement): T => prepare(statement.sql).get(...statement.params) as T;
    const runAll = <T>(statement: SqlStatement): T[] => prepare(statement.sql).all(...statement.params) as T[];

    return {
      async apply(input) {
        // A batch is a copy of what a province holds, with the checkpoint it was read up to, in
        // one transaction: should a power loss take back its commit, the next pass reads it
        // again. So it is committed without waiting for the disk (WAL with synchronous=NORMAL
        // survives a crash of the process), saving an fsync per page of the sync; the next
        // FULL commit on this connection (the audit log's) makes it durable with it.
        db.pragma('synchronous = NORMAL');
        try {
          return applyBatch.immediate(input);
        } finally {
          db.pragma('synchronous = FULL');
        }
      },
      async get(code) {
        const row = selectByCode.get(code);
        return row ? toStored(row) : null;
      },
      async getMany(codes) {
        return codes.map((code) => {
          const row = selectByCode.get(code);
          return row ? toStored(row) : null;
        });
      },
      async list(query, { first, afterKey }) {
        const rows = runAll<SealedRow>(listStatement(query, afterKey, first));
        return { items: rows.slice(0, first).map(toStored), hasNextPage: rows.length > first };
      },
      async count(query) {
        const { rowWindows, days } = planDossierCount(query);
        let total = rowWindows.reduce((sum, window) => sum + run<{ n: number }>(rowCountStatement(query, window)).n, 0);
        if (days) total += run<{ n: number }>(rollupCountStatement(query, days)).n;
        return total;
      },
      async statistics({ scope, fromMs, toMs, today }) {
        const query: DossierQuery = { scope, receivedFromMs: fromMs, receivedToMs: toMs, today };
        const { days, edges } = splitWindowByDay(fromMs, toMs);
        const groups: RollupGroup[] = [
          ...(days ? runAll<RollupGroup>(rollupGroupsStatement(query, days)) : []),
          ...edges.flatMap(([edgeFrom, edgeTo]) => runAll<RollupGroup>(edgeGroupsStatement(query, { fromMs: edgeFrom, toMs: edgeTo }))),
        ];
        return countsFromGroups(groups, today);
      },
      async unsettledCodes(source, afterCode, limit) {
        return selectUnsettled.all(source, afterCode ?? '', limit).map((r) => r.code);
      },
      async countBySource() {
        return Object.fromEntries(selectCountBySource.all().map((r) => [r.source, r.n]));
      },
      async changesAfter(afterSeq, limit) {
        return selectChanges.all(afterSeq, limit).map(changeOf);
      },
      async loadCheckpoint(source) {
        const row = selectCheckpoint.get(source);
        return row ? { source: row.source, state: JSON.parse(row.state) as JsonObject, updatedAt: new Date(row.updated_at) } : null;
      },
      async reseal(onProgress, batch = 500) {
        const ring = requireDataKeyring(keyring);
        let done = 0;
        let afterId = 0;
        for (;;) {
          const rows = selectToReseal.all(ring.activeKeyId, afterId, batch);
          if (rows.length === 0) return done;
          db.transaction(() => {
            for (const row of rows) {
              const { keyId, sealed } = seal(unseal(row.sealed, row.code, ring), row.code, ring);
              done += updateSealed.run(keyId, sealed, row.id, row.key_id).changes;
            }
          }).immediate();
          afterId = rows[rows.length - 1]!.id;
          onProgress?.(done);
          await yieldToEventLoop();
        }
      },
    };
  },
};

interface ChangeRow {
  seq: number;
  code: string;
  source: string;
  version: number;
  agency_code: string;
  old_status: number | null;
  new_status: number | null;
  kind: 'created' | 'updated';
  at: number;
}

function changeOf(row: ChangeRow): DossierChange {
  return {
    seq: row.seq,
    code: row.code,
    source: row.source,
    version: row.version,
    agencyCode: row.agency_code,
    oldStatus: row.old_status,
    newStatus: row.new_status,
    kind: row.kind,
    at: new Date(row.at),
  };
}
