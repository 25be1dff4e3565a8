import mongoose, { type AnyBulkWriteOperation, type PipelineStage } from 'mongoose';
import type { DossierFacts, OutboxOutcome } from '../dossier-repository';
import type { MongoFilter } from './dossier-filters';
import type { OutboxDayDocument, OutboxDocument } from './outbox-model';
import { textList } from './text-list';

/*
 * The filter and update documents of the MongoDB outbox, mirroring the statements of
 * `sqlite/outbox.ts`. Every caller value is inside an `$eq`, under an operator of ours
 * marked `trusted`, or checked to be a string before it enters an `$in`, so the
 * connection's `sanitizeFilter` changes nothing and no value ever becomes an operator.
 */

const { trusted } = mongoose;

/** The order `due` reads entries in, soonest due first, then by code: the tail of the `outbox_source_due` index. */
export const DUE_ORDER = { dueAt: 1, code: 1 } as const;

/** The pending entries of `consumer` for `source` due by `now`. */
export function dueFilter(consumer: string, source: string, now: Date): MongoFilter {
  return { consumer: { $eq: consumer }, source: { $eq: source }, state: { $eq: 'pending' }, dueAt: trusted({ $lte: now }) };
}

/** The entry of `code` while it holds `version` or an older one: what `complete` removes (a newer change stays). */
export function completeFilter(consumer: string, code: string, version: number): MongoFilter {
  return { consumer: { $eq: consumer }, code: { $eq: code }, version: trusted({ $lte: version }) };
}

/** The entry of `code` while it still holds `version` and is pending: what `fail` settles. */
export function failFilter(consumer: string, code: string, version: number): MongoFilter {
  return { consumer: { $eq: consumer }, code: { $eq: code }, version: { $eq: version }, state: { $eq: 'pending' } };
}

/** One more attempt, and either a later due time or the dead-letter state, with the error. */
export function failUpdate(outcome: OutboxOutcome): Record<string, unknown> {
  return outcome.kind === 'dead'
    ? { $inc: { attempts: 1 }, $set: { state: 'dead', lastError: outcome.error } }
    : { $inc: { attempts: 1 }, $set: { dueAt: outcome.at, lastError: outcome.error } };
}

/** The count document of (consumer, source, day); an upsert seeds those three from the `$eq`s. */
export function dayCountFilter(consumer: string, source: string, day: number): MongoFilter {
  return { consumer: { $eq: consumer }, source: { $eq: source }, day: { $eq: day } };
}

/** Adds to a day's counts; all three are incremented, so a new count document has every field. */
export function dayCountUpdate(tally: Pick<OutboxDayDocument, 'delivered' | 'failed' | 'dead'>): Record<string, unknown> {
  return { $inc: { delivered: tally.delivered, failed: tally.failed, dead: tally.dead } };
}

/** The tally one outcome adds: a delivery, or a failure that may also be a new dead letter. */
export function tallyOf(outcome: OutboxOutcome | 'delivered'): Pick<OutboxDayDocument, 'delivered' | 'failed' | 'dead'> {
  if (outcome === 'delivered') return { delivered: 1, failed: 0, dead: 0 };
  return { delivered: 0, failed: 1, dead: outcome.kind === 'dead' ? 1 : 0 };
}

/** A consumer's counts of the days from `sinceDay`. */
export function dayCountsFilter(consumer: string, sinceDay: number): MongoFilter {
  return { consumer: { $eq: consumer }, day: trusted({ $gte: sinceDay }) };
}

/** A consumer's dead letters, of one source when given, after `afterCode` when given (empty means none, as in SQLite). */
export function deadFilter(consumer: string, { source, afterCode }: { source?: string; afterCode?: string }): MongoFilter {
  return {
    consumer: { $eq: consumer },
    state: { $eq: 'dead' },
    ...(source ? { source: { $eq: source } } : {}),
    ...(afterCode ? { code: trusted({ $gt: afterCode }) } : {}),
  };
}

/** The dead letters `retryDead` turns back: the given codes (whatever their source), else one source's, else all. */
export function retryDeadFilter(consumer: string, { source, codes }: { source?: string; codes?: readonly string[] }): MongoFilter {
  if (codes) return { consumer: { $eq: consumer }, state: { $eq: 'dead' }, code: trusted({ $in: [...new Set(textList(codes, 'codes'))] }) };
  return deadFilter(consumer, source ? { source } : {});
}

/** A dead letter made pending again, due at `now`, its attempts and error cleared. */
export function retryDeadUpdate(now: Date): Record<string, unknown> {
  return { $set: { state: 'pending', attempts: 0, dueAt: now, lastError: null } };
}

/**
 * Puts dossier `code` of `source` in `consumer`'s outbox at `version`, pending and due at
 * `now`: inserted, or an existing entry (pending or dead) reset. `$max` keeps a version
 * already newer than the one given: an entry never goes back to an older version, even
 * when a re-enqueue that read the dossier earlier lands after a change that enqueued it.
 */
export function enqueueOperation(consumer: string, source: string, code: string, version: number, now: Date): AnyBulkWriteOperation<OutboxDocument> {
  return {
    updateOne: {
      filter: { consumer: { $eq: consumer }, code: { $eq: code } },
      update: { $max: { version }, $set: { source, state: 'pending', attempts: 0, dueAt: now, lastError: null, enqueuedAt: now } },
      upsert: true,
    },
  };
}

/** Whether a change of a dossier listed at `listedMs` is enqueued under `enqueueSinceMs` (as `sqlite/dossiers.ts`): undated ones always are. */
export function isEnqueuedSince(facts: Pick<DossierFacts, 'listedMs'>, enqueueSinceMs: number | undefined): boolean {
  return enqueueSinceMs === undefined || facts.listedMs === null || facts.listedMs >= enqueueSinceMs;
}

/**
 * The outbox writes of a batch of changed dossiers: one entry per consumer for each
 * dossier `isEnqueuedSince(enqueueSinceMs)`, at the version just written.
 */
export function enqueueOperations(
  writes: ReadonlyArray<{ facts: DossierFacts; version: number }>,
  { consumers, enqueueSinceMs, now }: { consumers: readonly string[]; enqueueSinceMs?: number; now: Date },
): Array<AnyBulkWriteOperation<OutboxDocument>> {
  return writes
    .filter(({ facts }) => isEnqueuedSince(facts, enqueueSinceMs))
    .flatMap(({ facts, version }) => consumers.map((consumer) => enqueueOperation(consumer, facts.source, facts.code, version, now)));
}

/** What `enqueueSince` re-enqueues: a source's dossiers listed (received, else submitted) at or after `sinceMs`; undated ones (null) drop out. */
export function listedSinceFilter(source: string, sinceMs: number): MongoFilter {
  return { source: { $eq: source }, listedMs: trusted({ $gte: sinceMs }) };
}

/**
 * A consumer's pending and dead entries per source, with the oldest pending entry's
 * enqueue time (null when none is pending: `$min` skips nulls), by source.
 */
export function depthPipeline(consumer: string): PipelineStage[] {
  const pending = { $eq: ['$state', 'pending'] };
  return [
    { $match: { consumer: { $eq: consumer } } },
    {
      $group: {
        _id: '$source',
        pending: { $sum: { $cond: [pending, 1, 0] } },
        dead: { $sum: { $cond: [{ $eq: ['$state', 'dead'] }, 1, 0] } },
        oldestPendingAt: { $min: { $cond: [pending, '$enqueuedAt', null] } },
      },
    },
    { $sort: { _id: 1 } },
    { $project: { _id: 0, source: '$_id', pending: 1, dead: 1, oldestPendingAt: 1 } },
  ];
}

/** What `claim` does to a pending entry: out of reach until `until`, with the delivery noted. */
export function claimUpdate(until: Date, note: string): { $set: { dueAt: Date; lastError: string } } {
  return { $set: { dueAt: until, lastError: note } };
}
