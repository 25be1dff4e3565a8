import { vietnamDayOfMs } from '../../domain';
import type { OutboxEntry, OutboxRepository } from '../dossier-repository';
import { checkFence } from './leases';
import type { SqliteContext, SqliteRepositoryDefinition } from './sqlite-repository';

interface OutboxRow {
  consumer: string;
  code: string;
  source: string;
  version: number;
  state: 'pending' | 'dead';
  attempts: number;
  due_at: number;
  last_error: string | null;
  enqueued_at: number;
}

const entryOf = (row: OutboxRow): OutboxEntry => ({
  consumer: row.consumer,
  code: row.code,
  source: row.source,
  version: row.version,
  state: row.state,
  attempts: row.attempts,
  dueAt: new Date(row.due_at),
  lastError: row.last_error,
  enqueuedAt: new Date(row.enqueued_at),
});

/**
 * The outbox in SQLite. The `outbox` table itself is created with the dossier tables
 * (`dossier-schema.ts`), because `apply` writes it in the dossier transaction; this
 * repository adds the per-day counts and the pause switches, and every read and outcome.
 */
export const outbox: SqliteRepositoryDefinition<OutboxRepository> = {
  migrations: [
    {
      name: 'create outbox_day and outbox_control',
      sql: `
        CREATE TABLE outbox_day (
          consumer TEXT NOT NULL,
          source TEXT NOT NULL,
          day INTEGER NOT NULL,
          delivered INTEGER NOT NULL DEFAULT 0,
          failed INTEGER NOT NULL DEFAULT 0,
          dead INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (consumer, source, day)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE outbox_control (
          consumer TEXT NOT NULL,
          source TEXT NOT NULL,
          paused INTEGER NOT NULL,
          PRIMARY KEY (consumer, source)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX outbox_state_code ON outbox (consumer, state, code);
        CREATE INDEX outbox_source_due ON outbox (consumer, source, state, due_at, code);
        DROP INDEX outbox_source;
        DROP INDEX outbox_due;
      `,
    },
  ],
  create({ db }: SqliteContext): OutboxRepository {
    const selectDue = db.prepare<[string, string, number, number], OutboxRow>(
      "SELECT * FROM outbox WHERE consumer = ? AND source = ? AND state = 'pending' AND due_at <= ? ORDER BY due_at, code LIMIT ?",
    );
    const deleteIfVersion = db.prepare('DELETE FROM outbox WHERE consumer = ? AND code = ? AND version <= ?');
    const selectEntry = db.prepare<[string, string], OutboxRow>('SELECT * FROM outbox WHERE consumer = ? AND code = ?');
    const updateClaim = db.prepare("UPDATE outbox SET due_at = ?, last_error = ? WHERE consumer = ? AND code = ? AND version = ? AND state = 'pending'");
    const updateRetry = db.prepare("UPDATE outbox SET attempts = attempts + 1, due_at = ?, last_error = ? WHERE consumer = ? AND code = ? AND version = ? AND state = 'pending'");
    const updateDead = db.prepare("UPDATE outbox SET attempts = attempts + 1, state = 'dead', last_error = ? WHERE consumer = ? AND code = ? AND version = ? AND state = 'pending'");
    const count = db.prepare(`
      INSERT INTO outbox_day (consumer, source, day, delivered, failed, dead) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (consumer, source, day) DO UPDATE SET delivered = delivered + excluded.delivered, failed = failed + excluded.failed, dead = dead + excluded.dead`);
    const retryDeadOfSource = db.prepare("UPDATE outbox SET state = 'pending', attempts = 0, due_at = ?, last_error = NULL WHERE consumer = ? AND source = ? AND state = 'dead'");
    const retryDeadAll = db.prepare("UPDATE outbox SET state = 'pending', attempts = 0, due_at = ?, last_error = NULL WHERE consumer = ? AND state = 'dead'");
    const retryDeadCode = db.prepare("UPDATE outbox SET state = 'pending', attempts = 0, due_at = ?, last_error = NULL WHERE consumer = ? AND code = ? AND state = 'dead'");
    const enqueueFrom = db.prepare(`
      INSERT INTO outbox (consumer, code, source, version, state, attempts, due_at, last_error, enqueued_at)
      SELECT ?, code, source, version, 'pending', 0, ?, NULL, ? FROM dossier WHERE source = ? AND listed_ms >= ?
      ON CONFLICT (consumer, code) DO UPDATE SET version = excluded.version, state = 'pending', attempts = 0, due_at = excluded.due_at, last_error = NULL, enqueued_at = excluded.enqueued_at`);
    const selectDepth = db.prepare<[string], { source: string; pending: number; dead: number; oldest: number | null }>(`
      SELECT source, SUM(state = 'pending') AS pending, SUM(state = 'dead') AS dead, MIN(CASE WHEN state = 'pending' THEN enqueued_at END) AS oldest
      FROM outbox WHERE consumer = ? GROUP BY source ORDER BY source`);
    const selectDays = db.prepare<[string, number], { source: string; day: number; delivered: number; failed: number; dead: number }>(
      'SELECT source, day, delivered, failed, dead FROM outbox_day WHERE consumer = ? AND day >= ? ORDER BY day, source',
    );
    const upsertControl = db.prepare('INSERT INTO outbox_control (consumer, source, paused) VALUES (?, ?, ?) ON CONFLICT (consumer, source) DO UPDATE SET paused = excluded.paused');
    const selectPaused = db.prepare<[string], { source: string }>('SELECT source FROM outbox_control WHERE consumer = ? AND paused = 1 ORDER BY source');

    const complete = db.transaction((consumer: string, code: string, version: number, fence: Parameters<OutboxRepository['complete']>[3], now: number): boolean => {
      if (fence) checkFence(db, fence, now);
      const row = selectEntry.get(consumer, code);
      if (!row || deleteIfVersion.run(consumer, code, version).changes === 0) return false;
      count.run(consumer, row.source, vietnamDayOfMs(now), 1, 0, 0);
      return true;
    });
    const claim = db.transaction((consumer: string, code: string, version: number, until: number, note: string, fence: Parameters<OutboxRepository['claim']>[5], now: number): boolean => {
      if (fence) checkFence(db, fence, now);
      return updateClaim.run(until, note, consumer, code, version).changes > 0;
    });
    const fail = db.transaction((consumer: string, code: string, version: number, outcome: Parameters<OutboxRepository['fail']>[3], fence: Parameters<OutboxRepository['fail']>[4], now: number): boolean => {
      if (fence) checkFence(db, fence, now);
      const row = selectEntry.get(consumer, code);
      if (!row) return false;
      const changed = outcome.kind === 'dead' ? updateDead.run(outcome.error, consumer, code, version).changes : updateRetry.run(outcome.at.getTime(), outcome.error, consumer, code, version).changes;
      if (changed > 0) count.run(consumer, row.source, vietnamDayOfMs(now), 0, 1, outcome.kind === 'dead' ? 1 : 0);
      return changed > 0;
    });

    return {
      async due(consumer, source, now, limit) {
        return selectDue.all(consumer, source, now.getTime(), limit).map(entryOf);
      },
      async complete(consumer, code, version, fence, now = new Date()) {
        return complete.immediate(consumer, code, version, fence, now.getTime());
      },
      async claim(consumer, code, version, until, note, fence, now = new Date()) {
        return claim.immediate(consumer, code, version, until.getTime(), note, fence, now.getTime());
      },
      async fail(consumer, code, version, outcome, fence, now = new Date()) {
        return fail.immediate(consumer, code, version, outcome, fence, now.getTime());
      },
      async dead(consumer, { source, first, afterCode }) {
        // Few dead letters: filtered in SQL on the (consumer, state, …) index.
        const rows = db
          .prepare<unknown[], OutboxRow>(
            `SELECT * FROM outbox WHERE consumer = ? AND state = 'dead'${source ? ' AND source = ?' : ''}${afterCode ? ' AND code > ?' : ''} ORDER BY code LIMIT ?`,
          )
          .all(consumer, ...(source ? [source] : []), ...(afterCode ? [afterCode] : []), first + 1);
        return { items: rows.slice(0, first).map(entryOf), hasNextPage: rows.length > first };
      },
      async retryDead(consumer, { source, codes }, now = new Date()) {
        return db.transaction(() => {
          if (codes) return codes.reduce((n, code) => n + retryDeadCode.run(now.getTime(), consumer, code).changes, 0);
          return source ? retryDeadOfSource.run(now.getTime(), consumer, source).changes : retryDeadAll.run(now.getTime(), consumer).changes;
        }).immediate();
      },
      async enqueueSince(consumer, source, sinceMs, now = new Date()) {
        return db.transaction(() => enqueueFrom.run(consumer, now.getTime(), now.getTime(), source, sinceMs).changes).immediate();
      },
      async depth(consumer) {
        return selectDepth.all(consumer).map((r) => ({ source: r.source, pending: r.pending, dead: r.dead, oldestPendingAt: r.oldest === null ? null : new Date(r.oldest) }));
      },
      async dayCounts(consumer, sinceDay) {
        return selectDays.all(consumer, sinceDay);
      },
      async setPaused(consumer, source, paused) {
        upsertControl.run(consumer, source, paused ? 1 : 0);
      },
      async paused(consumer) {
        return selectPaused.all(consumer).map((r) => r.source);
      },
    };
  },
};
