import { vietnamDayOfMs } from '../../domain';
import { agencyPathsOf } from '../agency-paths-of';
import type { Delivery, DeliveryCount, DeliveryOutcome, DeliveryPlan, DeliveryRepository, DeliveryState } from '../delivery-repository';
import { ALL_PATH } from '../dossier-rollup';
import type { LeaseFence } from '../dossier-repository';
import { checkFence } from './leases';
import type { SqliteContext, SqliteRepositoryDefinition } from './sqlite-repository';

interface DeliveryRow {
  consumer: string;
  id: string;
  seq: number;
  code: string;
  version: number;
  agency_code: string;
  old_status: number | null;
  new_status: number | null;
  changed_at: number;
  target: string;
  channel: string;
  rank: number;
  held: 0 | 1;
  payload: string | null;
  state: DeliveryState;
  attempts: number;
  due_at: number;
  last_error: string | null;
  provider_id: string | null;
  duplicate: 0 | 1;
  created_at: number;
  settled_at: number | null;
}

const deliveryOf = (row: DeliveryRow): Delivery => ({
  consumer: row.consumer,
  id: row.id,
  change: { seq: row.seq, code: row.code, version: row.version, agencyCode: row.agency_code, oldStatus: row.old_status, newStatus: row.new_status, at: new Date(row.changed_at) },
  target: row.target,
  channel: row.channel,
  rank: row.rank,
  held: row.held === 1,
  payload: row.payload,
  state: row.state,
  attempts: row.attempts,
  dueAt: new Date(row.due_at),
  lastError: row.last_error,
  providerId: row.provider_id,
  duplicate: row.duplicate === 1,
  createdAt: new Date(row.created_at),
  settledAt: row.settled_at === null ? null : new Date(row.settled_at),
});

/**
 * Deliveries in SQLite: `delivery` (one row per consumer and id, walked by
 * `(consumer, state, due_at, id)` for what is due, `(consumer, state, id)` for dead
 * letters, `(consumer, seq, rank)` for the siblings of a change, `(consumer, target,
 * state)` for a webhook's, and `settled_at` for the purge), `delivery_cursor` (one row per
 * consumer) and `delivery_day` (counts per consumer, agency path, day, channel and
 * outcome). Every write is one IMMEDIATE transaction, fenced first when a fence is given.
 */
export const deliveries: SqliteRepositoryDefinition<DeliveryRepository> = {
  migrations: [
    {
      name: 'create delivery, delivery_cursor and delivery_day',
      sql: `
        CREATE TABLE delivery (
          consumer TEXT NOT NULL,
          id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          code TEXT NOT NULL,
          version INTEGER NOT NULL,
          agency_code TEXT NOT NULL,
          old_status INTEGER,
          new_status INTEGER,
          changed_at INTEGER NOT NULL,
          target TEXT NOT NULL,
          channel TEXT NOT NULL,
          rank INTEGER NOT NULL,
          held INTEGER NOT NULL CHECK (held IN (0, 1)),
          payload TEXT,
          state TEXT NOT NULL CHECK (state IN ('pending', 'held', 'delivered', 'dead', 'cancelled')),
          attempts INTEGER NOT NULL,
          due_at INTEGER NOT NULL,
          last_error TEXT,
          provider_id TEXT,
          duplicate INTEGER NOT NULL CHECK (duplicate IN (0, 1)),
          created_at INTEGER NOT NULL,
          settled_at INTEGER,
          PRIMARY KEY (consumer, id)
        ) STRICT;
        CREATE INDEX delivery_due ON delivery (consumer, state, due_at, id);
        CREATE INDEX delivery_state_id ON delivery (consumer, state, id);
        CREATE INDEX delivery_change ON delivery (consumer, seq, rank);
        CREATE INDEX delivery_target ON delivery (consumer, target, state);
        CREATE INDEX delivery_settled ON delivery (settled_at) WHERE settled_at IS NOT NULL;
        CREATE TABLE delivery_cursor (
          consumer TEXT NOT NULL PRIMARY KEY,
          seq INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE delivery_day (
          consumer TEXT NOT NULL,
          path TEXT NOT NULL,
          day INTEGER NOT NULL,
          channel TEXT NOT NULL,
          outcome TEXT NOT NULL,
          n INTEGER NOT NULL,
          PRIMARY KEY (consumer, path, day, channel, outcome)
        ) STRICT, WITHOUT ROWID;
      `,
    },
  ],

  create({ db }: SqliteContext): DeliveryRepository {
    const selectCursor = db.prepare<[string], { seq: number }>('SELECT seq FROM delivery_cursor WHERE consumer = ?');
    // The change log's head: where a new consumer starts (see DeliveryRepository.cursor).
    const startCursor = db.prepare('INSERT INTO delivery_cursor (consumer, seq, updated_at) SELECT ?, COALESCE(MAX(seq), 0), ? FROM dossier_change WHERE true ON CONFLICT (consumer) DO NOTHING');
    const selectHead = db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM dossier_change');
    const moveCursor = db.prepare('UPDATE delivery_cursor SET seq = ?, updated_at = ? WHERE consumer = ? AND seq = ?');
    const insert = db.prepare(`
      INSERT INTO delivery (consumer, id, seq, code, version, agency_code, old_status, new_status, changed_at, target, channel, rank, held, payload,
        state, attempts, due_at, last_error, provider_id, duplicate, created_at, settled_at)
      VALUES (@consumer, @id, @seq, @code, @version, @agency_code, @old_status, @new_status, @changed_at, @target, @channel, @rank, @held, @payload,
        @state, 0, @now, NULL, NULL, 0, @now, NULL)
      ON CONFLICT (consumer, id) DO NOTHING`);
    const count = db.prepare(`
      INSERT INTO delivery_day (consumer, path, day, channel, outcome, n) VALUES (?, ?, ?, ?, ?, 1)
      ON CONFLICT (consumer, path, day, channel, outcome) DO UPDATE SET n = n + 1`);
    const select = db.prepare<[string, string], DeliveryRow>('SELECT * FROM delivery WHERE consumer = ? AND id = ?');
    const selectDue = db.prepare<[string, number, number], DeliveryRow>("SELECT * FROM delivery WHERE consumer = ? AND state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?");
    const markDelivered = db.prepare("UPDATE delivery SET state = 'delivered', provider_id = ?, duplicate = ?, settled_at = ? WHERE consumer = ? AND id = ? AND state = 'pending'");
    const markRetry = db.prepare("UPDATE delivery SET attempts = attempts + 1, due_at = ?, last_error = ? WHERE consumer = ? AND id = ? AND state = 'pending'");
    const markDead = db.prepare("UPDATE delivery SET attempts = attempts + 1, state = 'dead', last_error = ?, settled_at = ? WHERE consumer = ? AND id = ? AND state = 'pending'");
    const markCancelled = db.prepare("UPDATE delivery SET state = 'cancelled', last_error = ?, settled_at = ? WHERE consumer = ? AND id = ? AND state = 'pending'");
    const cancelHeld = db.prepare("UPDATE delivery SET state = 'cancelled', last_error = ?, settled_at = ? WHERE consumer = ? AND seq = ? AND state = 'held'");
    const releaseHeld = db.prepare(`
      UPDATE delivery SET state = 'pending', due_at = ? WHERE consumer = ? AND id = (
        SELECT id FROM delivery WHERE consumer = ? AND seq = ? AND state = 'held' ORDER BY rank LIMIT 1)`);
    const retryAll = db.prepare("UPDATE delivery SET state = 'pending', attempts = 0, due_at = ?, last_error = NULL, settled_at = NULL WHERE consumer = ? AND state = 'dead'");
    const retryTarget = db.prepare("UPDATE delivery SET state = 'pending', attempts = 0, due_at = ?, last_error = NULL, settled_at = NULL WHERE consumer = ? AND target = ? AND state = 'dead'");
    const retryId = db.prepare("UPDATE delivery SET state = 'pending', attempts = 0, due_at = ?, last_error = NULL, settled_at = NULL WHERE consumer = ? AND id = ? AND state = 'dead'");
    const cancelTarget = db.prepare("UPDATE delivery SET state = 'cancelled', last_error = ?, settled_at = ? WHERE consumer = ? AND target = ? AND state IN ('pending', 'held')");
    const selectDepth = db.prepare<[string], { state: DeliveryState; n: number; oldest: number | null }>(`
      SELECT state, COUNT(*) AS n, MIN(created_at) AS oldest FROM delivery WHERE consumer = ? AND state IN ('pending', 'held', 'dead') GROUP BY state`);
    const selectDays = db.prepare<[string, string, number, number], { day: number; channel: string; outcome: string; count: number }>(`
      SELECT day, channel, outcome, n AS count FROM delivery_day WHERE consumer = ? AND path = ? AND day BETWEEN ? AND ? ORDER BY day, channel, outcome`);
    const purge = db.prepare('DELETE FROM delivery WHERE rowid IN (SELECT rowid FROM delivery WHERE settled_at < ? LIMIT ?)');

    const tally = (consumer: string, { agencyCode, channel, outcome }: DeliveryCount, now: number): void => {
      const day = vietnamDayOfMs(now);
      for (const path of agencyPathsOf(agencyCode)) count.run(consumer, path, day, channel, outcome);
    };

    const ensureCursor = db.transaction((consumer: string, now: number): number => {
      startCursor.run(consumer, now);
      return selectCursor.get(consumer)!.seq;
    });

    const plan = db.transaction(
      (consumer: string, afterSeq: number, throughSeq: number, planned: readonly DeliveryPlan[], counts: readonly DeliveryCount[], fence: LeaseFence | undefined, now: number): boolean => {
        if (fence) checkFence(db, fence, now);
        if (moveCursor.run(throughSeq, now, consumer, afterSeq).changes === 0) return false;
        for (const p of planned) {
          insert.run({
            consumer, id: p.id, seq: p.change.seq, code: p.change.code, version: p.change.version, agency_code: p.change.agencyCode,
            old_status: p.change.oldStatus, new_status: p.change.newStatus, changed_at: p.change.at.getTime(), target: p.target, channel: p.channel,
            rank: p.rank, held: p.held ? 1 : 0, payload: p.payload, state: p.held ? 'held' : 'pending', now,
          });
        }
        for (const c of counts) tally(consumer, c, now);
        return true;
      },
    );

    const settle = db.transaction((consumer: string, id: string, outcome: DeliveryOutcome, fence: LeaseFence | undefined, now: number): boolean => {
      if (fence) checkFence(db, fence, now);
      const row = select.get(consumer, id);
      if (!row || row.state !== 'pending') return false;
      const change = { agencyCode: row.agency_code, channel: row.channel };
      switch (outcome.kind) {
        case 'delivered':
          markDelivered.run(outcome.providerId, outcome.duplicate ? 1 : 0, now, consumer, id);
          cancelHeld.run(`delivered by ${row.target}`, now, consumer, row.seq);
          tally(consumer, { ...change, outcome: 'sent' }, now);
          return true;
        case 'retry':
          markRetry.run(outcome.at.getTime(), outcome.error, consumer, id);
          return true;
        case 'dead':
          markDead.run(outcome.error, now, consumer, id);
          releaseHeld.run(now, consumer, consumer, row.seq);
          tally(consumer, { ...change, outcome: 'failed' }, now);
          return true;
        case 'cancelled':
          markCancelled.run(outcome.reason, now, consumer, id);
          releaseHeld.run(now, consumer, consumer, row.seq);
          return true;
      }
    });

    return {
      async cursor(consumer, now = new Date()) {
        return selectCursor.get(consumer)?.seq ?? ensureCursor.immediate(consumer, now.getTime());
      },
      async changeLogHead() {
        return selectHead.get()!.seq;
      },
      async plan(consumer, { afterSeq, throughSeq, deliveries: planned, counts }, fence, now = new Date()) {
        if (!(Number.isInteger(afterSeq) && Number.isInteger(throughSeq) && throughSeq >= afterSeq)) {
          throw new TypeError(`plan moves a cursor forward: afterSeq and throughSeq must be whole numbers with throughSeq >= afterSeq; got ${afterSeq} and ${throughSeq}`);
        }
        return plan.immediate(consumer, afterSeq, throughSeq, planned, counts, fence, now.getTime());
      },
      async due(consumer, now, limit) {
        return selectDue.all(consumer, now.getTime(), Math.max(0, limit)).map(deliveryOf);
      },
      async get(consumer, id) {
        const row = select.get(consumer, id);
        return row ? deliveryOf(row) : null;
      },
      async settle(consumer, id, outcome, fence, now = new Date()) {
        return settle.immediate(consumer, id, outcome, fence, now.getTime());
      },
      async dead(consumer, { first, afterId, target }) {
        const rows = db
          .prepare<unknown[], DeliveryRow>(
            `SELECT * FROM delivery WHERE consumer = ? AND state = 'dead'${afterId ? ' AND id > ?' : ''}${target ? ' AND target = ?' : ''} ORDER BY id LIMIT ?`,
          )
          .all(consumer, ...(afterId ? [afterId] : []), ...(target ? [target] : []), Math.max(0, first) + 1);
        return { items: rows.slice(0, Math.max(0, first)).map(deliveryOf), hasNextPage: rows.length > first };
      },
      async retryDead(consumer, { ids, target }, now = new Date()) {
        return db
          .transaction(() => {
            if (ids) return [...new Set(ids)].reduce((n, id) => n + retryId.run(now.getTime(), consumer, id).changes, 0);
            return target ? retryTarget.run(now.getTime(), consumer, target).changes : retryAll.run(now.getTime(), consumer).changes;
          })
          .immediate();
      },
      async cancelTarget(consumer, target, reason, now = new Date()) {
        return db.transaction(() => cancelTarget.run(reason, now.getTime(), consumer, target).changes).immediate();
      },
      async depth(consumer) {
        const rows = selectDepth.all(consumer);
        const of = (state: DeliveryState) => rows.find((r) => r.state === state);
        const pending = of('pending');
        return { pending: pending?.n ?? 0, held: of('held')?.n ?? 0, dead: of('dead')?.n ?? 0, oldestPendingAt: pending?.oldest == null ? null : new Date(pending.oldest) };
      },
      async dayCounts(consumer, scope, fromDay, toDay) {
        return selectDays.all(consumer, scope?.path ?? ALL_PATH, fromDay, toDay);
      },
      async purgeSettled(before, limit) {
        return db.transaction(() => purge.run(before.getTime(), Math.max(0, limit)).changes).immediate();
      },
    };
  },
};
