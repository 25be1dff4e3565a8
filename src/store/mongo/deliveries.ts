import mongoose, { type ClientSession, type Model } from 'mongoose';
import { GatewayError } from '../../errors';
import type { Delivery, DeliveryCount, DeliveryRepository, DeliveryState } from '../delivery-repository';
import { ALL_PATH } from '../dossier-rollup';
import type { LeaseFence } from '../dossier-repository';
import { DELIVERY_INDEX, defineDeliveryModels, type DeliveryDocument, type DeliveryModels } from './delivery-models';
import {
  DAY_ORDER,
  DUE_ORDER,
  RELEASE_ORDER,
  countOperations,
  cursorAtFilter,
  dayCountsFilter,
  deadFilter,
  deliveryDocumentId,
  depthPipeline,
  dueFilter,
  heldFilter,
  openOfTargetFilter,
  outcomeUpdate,
  pendingFilter,
  planOperation,
  purgeFilter,
  retryDeadFilter,
  retryDeadUpdate,
  settledBeforeFilter,
} from './delivery-filters';
import { CHANGE_COUNTER_ID, type CounterDocument } from './dossier-models';
import { NEEDS_REPLICA_SET } from './dossiers';
import { leaseModel } from './lease-model';
import { holdFence } from './leases';
import type { MongoRepositoryDefinition } from './mongo-repository';

const { trusted } = mongoose;
const DUPLICATE_KEY = 11000;

const deliveryOf = (d: DeliveryDocument): Delivery => ({
  consumer: d.consumer,
  id: d.deliveryId,
  change: { seq: d.seq, code: d.code, version: d.version, agencyCode: d.agencyCode, oldStatus: d.oldStatus ?? null, newStatus: d.newStatus ?? null, at: d.changedAt },
  target: d.target,
  channel: d.channel,
  rank: d.rank,
  held: d.held,
  payload: d.payload ?? null,
  state: d.state,
  attempts: d.attempts,
  dueAt: d.dueAt,
  lastError: d.lastError ?? null,
  providerId: d.providerId ?? null,
  duplicate: d.duplicate,
  createdAt: d.createdAt,
  settledAt: d.settledAt ?? null,
});

/**
 * Deliveries in MongoDB (collections and indexes in `delivery-models.ts`, documents in
 * `delivery-filters.ts`), behaving as `sqlite/deliveries.ts`:
 * - `plan` and `settle` are one transaction each: the lease fence is held first (as
 *   `dossiers.apply` holds it), then the cursor moves only from where the planner read it
 *   (`plan`), or the delivery is settled only while pending, with its held siblings and
 *   its count (`settle`). Like dossier writes they need a replica set, and refuse with
 *   CONFIG_INVALID on a standalone server, where no change can have been logged anyway;
 * - a new consumer's cursor starts at the change log's head, read from the counter that
 *   hands out its `seq`s;
 * - `due`, dead letters, day counts walk their hinted indexes in order, never sorting in memory;
 * - `retryDead` and `cancelTarget` are one `updateMany` each (each delivery atomic).
 */
export const deliveries: MongoRepositoryDefinition<DeliveryRepository, DeliveryModels> = {
  defineModels: (connection) => defineDeliveryModels(connection),

  create({ Delivery, DeliveryCursor, DeliveryDay }: DeliveryModels, { connection, supportsTransactions }): DeliveryRepository {
    const Lease = leaseModel(connection);
    const counterModel = (): Model<CounterDocument> => {
      // Compiled by the dossier repository when the store opens; looked up when first needed, as the outbox does.
      const Counter = connection.models.Counter as Model<CounterDocument> | undefined;
      if (!Counter) throw new Error('the MongoDB deliveries need the dossier models compiled on their connection (dossiers.defineModels)');
      return Counter;
    };

    const changeLogHead = async (): Promise<number> => (await counterModel().findOne({ _id: { $eq: CHANGE_COUNTER_ID } }).lean<CounterDocument>())?.seq ?? 0;

    async function inTransaction<T>(fence: LeaseFence | undefined, now: Date, work: (session: ClientSession) => Promise<T>): Promise<T> {
      if (!supportsTransactions) throw new GatewayError('CONFIG_INVALID', NEEDS_REPLICA_SET, { store: 'mongodb' });
      return connection.transaction(async (session) => {
        if (fence) await holdFence(Lease, fence, now, session);
        return work(session);
      });
    }

    async function count(consumer: string, counts: readonly DeliveryCount[], now: Date, session: ClientSession): Promise<void> {
      const operations = countOperations(consumer, counts, now);
      if (operations.length > 0) await DeliveryDay.bulkWrite(operations, { session, ordered: true });
    }

    return {
      async cursor(consumer, now = new Date()) {
        const existing = await DeliveryCursor.findOne({ _id: { $eq: consumer } }).lean();
        if (existing) return existing.seq;
        const head = await changeLogHead();
        try {
          await DeliveryCursor.updateOne({ _id: { $eq: consumer } }, { $setOnInsert: { seq: head, updatedAt: now } }, { upsert: true });
        } catch (error) {
          // Two replicas starting the same consumer at once: the other one's insert stands.
          if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
        }
        return (await DeliveryCursor.findOne({ _id: { $eq: consumer } }).lean())!.seq;
      },

      changeLogHead,

      async plan(consumer, { afterSeq, throughSeq, deliveries: planned, counts }, fence, now = new Date()) {
        if (!(Number.isInteger(afterSeq) && Number.isInteger(throughSeq) && throughSeq >= afterSeq)) {
          throw new TypeError(`plan moves a cursor forward: afterSeq and throughSeq must be whole numbers with throughSeq >= afterSeq; got ${afterSeq} and ${throughSeq}`);
        }
        return inTransaction(fence, now, async (session) => {
          const moved = await DeliveryCursor.updateOne(cursorAtFilter(consumer, afterSeq), { $set: { seq: throughSeq, updatedAt: now } }, { session });
          if (moved.matchedCount === 0) return false;
          if (planned.length > 0) await Delivery.bulkWrite(planned.map((p) => planOperation(consumer, p, now)), { session, ordered: true });
          await count(consumer, counts, now, session);
          return true;
        });
      },

      async due(consumer, now, limit) {
        // MongoDB reads a limit of 0 as "no limit"; here it means none, as in SQLite.
        if (limit <= 0) return [];
        const documents = await Delivery.find(dueFilter(consumer, now)).sort(DUE_ORDER).limit(limit).hint(DELIVERY_INDEX.due).lean<DeliveryDocument[]>();
        return documents.map(deliveryOf);
      },

      async get(consumer, id) {
        const document = await Delivery.findOne({ _id: { $eq: deliveryDocumentId(consumer, id) } }).lean<DeliveryDocument>();
        return document ? deliveryOf(document) : null;
      },

      async settle(consumer, id, outcome, fence, now = new Date()) {
        return inTransaction(fence, now, async (session) => {
          const settled = await Delivery.findOneAndUpdate(pendingFilter(consumer, id), outcomeUpdate(outcome, now), {
            session,
            projection: { seq: 1, agencyCode: 1, channel: 1, target: 1 },
          }).lean<Pick<DeliveryDocument, 'seq' | 'agencyCode' | 'channel' | 'target'>>();
          if (!settled) return false;
          if (outcome.kind === 'delivered') {
            await Delivery.updateMany(heldFilter(consumer, settled.seq), { $set: { state: 'cancelled', lastError: `delivered by ${settled.target}`, settledAt: now } }, { session });
            await count(consumer, [{ agencyCode: settled.agencyCode, channel: settled.channel, outcome: 'sent' }], now, session);
          } else if (outcome.kind === 'dead' || outcome.kind === 'cancelled') {
            await Delivery.findOneAndUpdate(heldFilter(consumer, settled.seq), { $set: { state: 'pending', dueAt: now } }, { session, sort: RELEASE_ORDER });
            if (outcome.kind === 'dead') await count(consumer, [{ agencyCode: settled.agencyCode, channel: settled.channel, outcome: 'failed' }], now, session);
          }
          return true;
        });
      },

      async dead(consumer, { first, afterId, target }) {
        if (first <= 0) return { items: [], hasNextPage: false };
        const documents = await Delivery.find(deadFilter(consumer, { ...(afterId ? { afterId } : {}), ...(target ? { target } : {}) }))
          .sort({ deliveryId: 1 })
          .limit(first + 1)
          .hint(DELIVERY_INDEX.stateId)
          .lean<DeliveryDocument[]>();
        return { items: documents.slice(0, first).map(deliveryOf), hasNextPage: documents.length > first };
      },

      async retryDead(consumer, { ids, target }, now = new Date()) {
        if (ids && ids.length === 0) return 0;
        const { modifiedCount } = await Delivery.updateMany(retryDeadFilter(consumer, { ...(ids ? { ids } : {}), ...(target ? { target } : {}) }), retryDeadUpdate(now));
        return modifiedCount;
      },

      async cancelTarget(consumer, target, reason, now = new Date()) {
        const { modifiedCount } = await Delivery.updateMany(openOfTargetFilter(consumer, target), { $set: { state: 'cancelled', lastError: reason, settledAt: now } });
        return modifiedCount;
      },

      async depth(consumer) {
        const rows = await Delivery.aggregate<{ _id: DeliveryState; n: number; oldest: Date | null }>(depthPipeline(consumer)).hint(DELIVERY_INDEX.due);
        const of = (state: DeliveryState) => rows.find((r) => r._id === state);
        const pending = of('pending');
        return { pending: pending?.n ?? 0, held: of('held')?.n ?? 0, dead: of('dead')?.n ?? 0, oldestPendingAt: pending?.oldest ?? null };
      },

      async dayCounts(consumer, scope, fromDay, toDay) {
        const documents = await DeliveryDay.find(dayCountsFilter(consumer, scope?.path ?? ALL_PATH, fromDay, toDay), { _id: 0, day: 1, channel: 1, outcome: 1, n: 1 })
          .sort(DAY_ORDER)
          .hint(DELIVERY_INDEX.day)
          .lean<Array<{ day: number; channel: string; outcome: string; n: number }>>();
        return documents.map(({ day, channel, outcome, n }) => ({ day, channel, outcome, count: n }));
      },

      async purgeSettled(before, limit) {
        if (limit <= 0) return 0;
        const ids = await Delivery.find(settledBeforeFilter(before), { _id: 1 }).limit(limit).hint(DELIVERY_INDEX.settled).lean<Array<{ _id: string }>>();
        if (ids.length === 0) return 0;
        // Read, then deleted only if still settled: a dead letter retried in between stays.
        const { deletedCount } = await Delivery.deleteMany(purgeFilter(ids.map((d) => d._id), before));
        return deletedCount;
      },
    };
  },
};
