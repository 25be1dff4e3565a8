import type { ClientSession, Model } from 'mongoose';
import { vietnamDayOfMs } from '../../domain';
import { GatewayError } from '../../errors';
import type { LeaseFence, OutboxDayCount, OutboxEntry, OutboxRepository } from '../dossier-repository';
import { DOSSIER_INDEX, type DossierDocument } from './dossier-models';
import { NEEDS_REPLICA_SET } from './dossiers';
import { leaseModel } from './lease-model';
import { holdFence } from './leases';
import type { MongoRepositoryDefinition } from './mongo-repository';
import {
  DUE_ORDER,
  completeFilter,
  dayCountFilter,
  dayCountUpdate,
  dayCountsFilter,
  deadFilter,
  depthPipeline,
  dueFilter,
  enqueueOperation,
  failFilter,
  failUpdate,
  listedSinceFilter,
  retryDeadFilter,
  retryDeadUpdate,
  tallyOf,
  claimUpdate,
} from './outbox-filters';
import { OUTBOX_INDEX, defineOutboxModels, type OutboxDocument, type OutboxModels } from './outbox-model';

/** Dossiers read, and outbox entries upserted, per round trip of `enqueueSince`. */
const ENQUEUE_BATCH = 1000;

const entryOf = (document: OutboxDocument): OutboxEntry => ({
  consumer: document.consumer,
  code: document.code,
  source: document.source,
  version: document.version,
  state: document.state,
  attempts: document.attempts,
  dueAt: document.dueAt,
  lastError: document.lastError ?? null,
  enqueuedAt: document.enqueuedAt,
});

/**
 * The outbox in MongoDB (collections and indexes in `outbox-model.ts`, filters and updates
 * in `outbox-filters.ts`), behaving as `sqlite/outbox.ts`:
 * - `due` walks `(consumer, source, state, dueAt, code)` in order, never sorting in memory;
 * - `complete` and `fail` are one transaction each: the lease fence is held first (as
 *   `dossiers.apply` holds it), then the entry is settled only if it still holds the
 *   version delivered, and the day's count is incremented. They need transactions, as
 *   dossier writes do, and refuse with CONFIG_INVALID on a standalone server, where no
 *   entry can have been written anyway;
 * - `retryDead` is one `updateMany`: each entry turns back atomically, and should it fail
 *   halfway, asking again turns back the rest;
 * - `enqueueSince` walks the source's dossiers with a cursor and upserts their entries
 *   `ENQUEUE_BATCH` at a time, so its memory is one batch whatever the source holds. It is
 *   no single transaction (a large source would outgrow one); each entry is written
 *   atomically, never to an older version than it holds, and running it again is safe;
 * - `depth` groups the consumer's entries per source (it reads all of them, as SQLite
 *   does: the outbox holds what is still to deliver, not the dossiers).
 */
export const outbox: MongoRepositoryDefinition<OutboxRepository, OutboxModels> = {
  defineModels: (connection) => defineOutboxModels(connection),

  create({ OutboxEntry, OutboxDay, OutboxControl }: OutboxModels, { connection, supportsTransactions }): OutboxRepository {
    const Lease = leaseModel(connection);
    const dossierModel = (): Model<DossierDocument> => {
      // Compiled by the dossier repository when the store opens; looked up when first needed, so the order of `repositories.ts` does not matter.
      const Dossier = connection.models.Dossier as Model<DossierDocument> | undefined;
      if (!Dossier) throw new Error('the MongoDB outbox needs the dossier models compiled on its connection (dossiers.defineModels)');
      return Dossier;
    };

    /**
     * Runs `work` in a transaction after holding `fence` there (LEASE_LOST when it no longer
     * holds), so an outcome and its count are written together or not at all.
     */
    async function settle(fence: LeaseFence | undefined, now: Date, work: (session: ClientSession) => Promise<boolean>): Promise<boolean> {
      if (!supportsTransactions) throw new GatewayError('CONFIG_INVALID', NEEDS_REPLICA_SET, { store: 'mongodb' });
      return connection.transaction(async (session) => {
        if (fence) await holdFence(Lease, fence, now, session);
        return work(session);
      });
    }

    /** Adds `tally` to the count of (consumer, source, the Vietnam-time day of `now`). */
    async function count(consumer: string, source: string, now: Date, tally: ReturnType<typeof tallyOf>, session: ClientSession): Promise<void> {
      await OutboxDay.updateOne(dayCountFilter(consumer, source, vietnamDayOfMs(now.getTime())), dayCountUpdate(tally), { upsert: true, session });
    }

    return {
      async due(consumer, source, now, limit) {
        // MongoDB reads a limit of 0 as "no limit"; here it means none, as in SQLite.
        if (limit <= 0) return [];
        const documents = await OutboxEntry.find(dueFilter(consumer, source, now)).sort(DUE_ORDER).limit(limit).hint(OUTBOX_INDEX.due).lean<OutboxDocument[]>();
        return documents.map(entryOf);
      },

      async complete(consumer, code, version, fence, now = new Date()) {
        return settle(fence, now, async (session) => {
          const removed = await OutboxEntry.findOneAndDelete(completeFilter(consumer, code, version), { session, projection: { source: 1 } }).lean<Pick<OutboxDocument, 'source'>>();
          if (!removed) return false;
          await count(consumer, removed.source, now, tallyOf('delivered'), session);
          return true;
        });
      },

      async claim(consumer, code, version, until, note, fence, now = new Date()) {
        return settle(fence, now, async (session) => {
          const claimed = await OutboxEntry.findOneAndUpdate(failFilter(consumer, code, version), claimUpdate(until, note), { session, projection: { _id: 1 } }).lean();
          return claimed !== null;
        });
      },

      async fail(consumer, code, version, outcome, fence, now = new Date()) {
        return settle(fence, now, async (session) => {
          const settled = await OutboxEntry.findOneAndUpdate(failFilter(consumer, code, version), failUpdate(outcome), { session, projection: { source: 1 } }).lean<Pick<OutboxDocument, 'source'>>();
          if (!settled) return false;
          await count(consumer, settled.source, now, tallyOf(outcome), session);
          return true;
        });
      },

      async dead(consumer, { source, first, afterCode }) {
        if (first < 0) return { items: [], hasNextPage: false };
        const documents = await OutboxEntry.find(deadFilter(consumer, { ...(source ? { source } : {}), ...(afterCode ? { afterCode } : {}) }))
          .sort({ code: 1 })
          .limit(first + 1)
          .hint(OUTBOX_INDEX.stateCode)
          .lean<OutboxDocument[]>();
        return { items: documents.slice(0, first).map(entryOf), hasNextPage: documents.length > first };
      },

      async retryDead(consumer, { source, codes }, now = new Date()) {
        if (codes && codes.length === 0) return 0;
        const { modifiedCount } = await OutboxEntry.updateMany(retryDeadFilter(consumer, { ...(source ? { source } : {}), ...(codes ? { codes } : {}) }), retryDeadUpdate(now));
        return modifiedCount;
      },

      async enqueueSince(consumer, source, sinceMs, now = new Date()) {
        const cursor = dossierModel()
          .find(listedSinceFilter(source, sinceMs), { _id: 1, version: 1 })
          .hint(DOSSIER_INDEX.source)
          .lean<Array<Pick<DossierDocument, '_id' | 'version'>>>()
          .cursor({ batchSize: ENQUEUE_BATCH });
        let enqueued = 0;
        let batch: ReturnType<typeof enqueueOperation>[] = [];
        const flush = async (): Promise<void> => {
          if (batch.length === 0) return;
          const result = await OutboxEntry.bulkWrite(batch, { ordered: false });
          enqueued += result.matchedCount + result.upsertedCount;
          batch = [];
        };
        try {
          for await (const dossier of cursor) {
            batch.push(enqueueOperation(consumer, source, dossier._id, dossier.version, now));
            if (batch.length === ENQUEUE_BATCH) await flush();
          }
          await flush();
        } finally {
          await cursor.close();
        }
        return enqueued;
      },

      async depth(consumer) {
        const rows = await OutboxEntry.aggregate<{ source: string; pending: number; dead: number; oldestPendingAt: Date | null }>(depthPipeline(consumer)).hint(OUTBOX_INDEX.due);
        return rows.map((row) => ({ source: row.source, pending: row.pending, dead: row.dead, oldestPendingAt: row.oldestPendingAt ?? null }));
      },

      async dayCounts(consumer, sinceDay) {
        const documents = await OutboxDay.find(dayCountsFilter(consumer, sinceDay), { _id: 0, source: 1, day: 1, delivered: 1, failed: 1, dead: 1 })
          .sort({ day: 1, source: 1 })
          .hint(OUTBOX_INDEX.day)
          .lean<OutboxDayCount[]>();
        return documents.map(({ source, day, delivered, failed, dead }) => ({ source, day, delivered, failed, dead }));
      },

      async setPaused(consumer, source, paused) {
        await OutboxControl.updateOne({ consumer: { $eq: consumer }, source: { $eq: source } }, { $set: { paused } }, { upsert: true });
      },

      async paused(consumer) {
        const documents = await OutboxControl.find({ consumer: { $eq: consumer }, paused: { $eq: true } }, { _id: 0, source: 1 })
          .sort({ source: 1 })
          .hint(OUTBOX_INDEX.control)
          .lean<Array<{ source: string }>>();
        return documents.map((document) => document.source);
      },
    };
  },
};
