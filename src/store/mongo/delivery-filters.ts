import mongoose, { type AnyBulkWriteOperation, type PipelineStage } from 'mongoose';
import { vietnamDayOfMs } from '../../domain';
import { agencyPathsOf } from '../agency-paths-of';
import type { DeliveryCount, DeliveryOutcome, DeliveryPlan } from '../delivery-repository';
import type { DeliveryDayDocument, DeliveryDocument } from './delivery-models';
import type { MongoFilter } from './dossier-filters';
import { textList } from './text-list';

/*
 * The filter and update documents of the MongoDB deliveries, mirroring the statements of
 * `sqlite/deliveries.ts`. Every caller value is inside an `$eq`, under an operator of ours
 * marked `trusted`, or checked to be a string before it enters an `$in`.
 */

const { trusted } = mongoose;

/** The `_id` of a consumer's delivery: one document per (consumer, delivery id). */
export function deliveryDocumentId(consumer: string, id: string): string {
  return `${consumer}|${id}`;
}

/**
 * The write of one planned delivery: inserted pending (or held) and due at `now`, with
 * every field in `$setOnInsert`, so a delivery the consumer already has is left as it is.
 */
export function planOperation(consumer: string, plan: DeliveryPlan, now: Date): AnyBulkWriteOperation<DeliveryDocument> {
  const { change } = plan;
  const document: Omit<DeliveryDocument, '_id'> = {
    consumer,
    deliveryId: plan.id,
    seq: change.seq,
    code: change.code,
    version: change.version,
    agencyCode: change.agencyCode,
    oldStatus: change.oldStatus,
    newStatus: change.newStatus,
    changedAt: change.at,
    target: plan.target,
    channel: plan.channel,
    rank: plan.rank,
    held: plan.held,
    payload: plan.payload,
    state: plan.held ? 'held' : 'pending',
    attempts: 0,
    dueAt: now,
    lastError: null,
    providerId: null,
    duplicate: false,
    createdAt: now,
    settledAt: null,
  };
  return { updateOne: { filter: { _id: { $eq: deliveryDocumentId(consumer, plan.id) } }, update: { $setOnInsert: document }, upsert: true } };
}

/** The count writes of `counts`: one `$inc` per agency path of each, on the Vietnam-time day of `now`. */
export function countOperations(consumer: string, counts: readonly DeliveryCount[], now: Date): Array<AnyBulkWriteOperation<DeliveryDayDocument>> {
  const day = vietnamDayOfMs(now.getTime());
  return counts.flatMap(({ agencyCode, channel, outcome }) =>
    agencyPathsOf(agencyCode).map((path) => ({
      updateOne: {
        filter: { consumer: { $eq: consumer }, path: { $eq: path }, day: { $eq: day }, channel: { $eq: channel }, outcome: { $eq: outcome } },
        update: { $inc: { n: 1 } },
        upsert: true,
      },
    })),
  );
}

/** The cursor of `consumer` while it is still at `afterSeq`: what `plan` moves. */
export function cursorAtFilter(consumer: string, afterSeq: number): MongoFilter {
  return { _id: { $eq: consumer }, seq: { $eq: afterSeq } };
}

/** The delivery `id` of `consumer` while it is pending: what `settle` settles. */
export function pendingFilter(consumer: string, id: string): MongoFilter {
  return { _id: { $eq: deliveryDocumentId(consumer, id) }, state: { $eq: 'pending' } };
}

/** What an outcome writes on the delivery. */
export function outcomeUpdate(outcome: DeliveryOutcome, now: Date): Record<string, unknown> {
  switch (outcome.kind) {
    case 'delivered':
      return { $set: { state: 'delivered', providerId: outcome.providerId, duplicate: outcome.duplicate, settledAt: now } };
    case 'retry':
      return { $inc: { attempts: 1 }, $set: { dueAt: outcome.at, lastError: outcome.error } };
    case 'dead':
      return { $inc: { attempts: 1 }, $set: { state: 'dead', lastError: outcome.error, settledAt: now } };
    case 'cancelled':
      return { $set: { state: 'cancelled', lastError: outcome.reason, settledAt: now } };
  }
}

/** The held deliveries of one change (`seq`): cancelled when one is delivered, released one by one in rank order otherwise. */
export function heldFilter(consumer: string, seq: number): MongoFilter {
  return { consumer: { $eq: consumer }, seq: { $eq: seq }, state: { $eq: 'held' } };
}

/** The order held siblings are released in: by rank. */
export const RELEASE_ORDER = { rank: 1 } as const;

/** The pending deliveries of `consumer` due by `now`. */
export function dueFilter(consumer: string, now: Date): MongoFilter {
  return { consumer: { $eq: consumer }, state: { $eq: 'pending' }, dueAt: trusted({ $lte: now }) };
}

/** The order `due` reads deliveries in: the tail of the `delivery_due` index. */
export const DUE_ORDER = { dueAt: 1, deliveryId: 1 } as const;

/** A consumer's dead deliveries, after `afterId` and of one target when given (empty means none, as in SQLite). */
export function deadFilter(consumer: string, { afterId, target }: { afterId?: string; target?: string }): MongoFilter {
  return {
    consumer: { $eq: consumer },
    state: { $eq: 'dead' },
    ...(afterId ? { deliveryId: trusted({ $gt: afterId }) } : {}),
    ...(target ? { target: { $eq: target } } : {}),
  };
}

/** The dead deliveries `retryDead` turns back: the given ids, else one target's, else all. */
export function retryDeadFilter(consumer: string, { ids, target }: { ids?: readonly string[]; target?: string }): MongoFilter {
  if (ids) return { consumer: { $eq: consumer }, state: { $eq: 'dead' }, deliveryId: trusted({ $in: [...new Set(textList(ids, 'ids'))] }) };
  return deadFilter(consumer, target ? { target } : {});
}

/** A dead delivery made pending again, due at `now`, its attempts and error cleared. */
export function retryDeadUpdate(now: Date): Record<string, unknown> {
  return { $set: { state: 'pending', attempts: 0, dueAt: now, lastError: null, settledAt: null } };
}

/** The deliveries to `target` still to send or waiting: what deleting a webhook cancels. */
export function openOfTargetFilter(consumer: string, target: string): MongoFilter {
  return { consumer: { $eq: consumer }, target: { $eq: target }, state: trusted({ $in: ['pending', 'held'] }) };
}

/** Counts of one consumer's pending, held and dead deliveries, with the oldest pending one's creation. */
export function depthPipeline(consumer: string): PipelineStage[] {
  return [
    { $match: { consumer: { $eq: consumer }, state: { $in: ['pending', 'held', 'dead'] } } },
    { $group: { _id: '$state', n: { $sum: 1 }, oldest: { $min: '$createdAt' } } },
  ];
}

/** The counts of one path over the days `fromDay`…`toDay`. */
export function dayCountsFilter(consumer: string, path: string, fromDay: number, toDay: number): MongoFilter {
  return { consumer: { $eq: consumer }, path: { $eq: path }, day: trusted({ $gte: fromDay, $lte: toDay }) };
}

/** The order day counts are read in: the tail of the `delivery_day_key` index. */
export const DAY_ORDER = { day: 1, channel: 1, outcome: 1 } as const;

/** Deliveries settled before `before`: what the purge deletes. */
export function settledBeforeFilter(before: Date): MongoFilter {
  return { settledAt: trusted({ $type: 'date', $lt: before }) };
}

/**
 * The deliveries among `ids` that are still settled before `before`: what the purge deletes
 * of those it read. The settled time and state are asked again at the delete, so one a
 * retry made pending in between (its settledAt cleared) is not deleted with them.
 */
export function purgeFilter(ids: readonly string[], before: Date): MongoFilter {
  return { _id: trusted({ $in: ids.map(String) }), ...settledBeforeFilter(before), state: trusted({ $in: ['delivered', 'dead', 'cancelled'] }) };
}
