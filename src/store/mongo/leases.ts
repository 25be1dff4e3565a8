import mongoose, { type ClientSession, type Model } from 'mongoose';
import { GatewayError } from '../../errors';
import type { Lease, LeaseFence, LeaseRepository } from '../dossier-repository';
import { leaseModel, type LeaseDocument } from './lease-model';
import type { MongoRepositoryDefinition } from './mongo-repository';

type LeaseModels = { Lease: Model<LeaseDocument> };

const { trusted } = mongoose;
const DUPLICATE_KEY = 11000;

const leaseOf = (document: LeaseDocument): Lease => ({ name: document._id, holder: document.holder, token: document.token, expiresAt: document.expiresAt });

/**
 * The filter of `acquire`: the lease `name` when it is free (expired) at `now` or already
 * `holder`'s. A lease nobody has taken yet matches nothing, so the upsert inserts it.
 */
export function acquireFilter(name: string, holder: string, now: Date): Record<string, unknown> {
  return { _id: { $eq: name }, $or: [{ expiresAt: trusted({ $lte: now }) }, { holder: { $eq: holder } }] };
}

/**
 * The update of `acquire`, as a pipeline so that the token is computed from the lease as
 * it stands, in the same atomic step: the same holder with an unexpired lease keeps its
 * token (a renewal); anyone else, or the same holder after expiry, gets the previous token
 * plus one; a new lease starts at 1. Caller values are `$literal`, so a holder spelled
 * like a field path (`$token`) stays a string.
 */
export function acquireUpdate(holder: string, expiresAt: Date, now: Date): Array<Record<string, unknown>> {
  const stillHeld = { $and: [{ $eq: ['$holder', { $literal: holder }] }, { $gt: ['$expiresAt', { $literal: now }] }] };
  return [
    {
      $set: {
        token: { $cond: [stillHeld, '$token', { $add: [{ $ifNull: ['$token', 0] }, 1] }] },
        holder: { $literal: holder },
        expiresAt: { $literal: expiresAt },
      },
    },
  ];
}

/** The filter matching the lease `fence` names while it still holds it at `now`. */
export function fenceFilter(fence: LeaseFence, now: Date): Record<string, unknown> {
  return { _id: { $eq: fence.name }, holder: { $eq: fence.holder }, token: { $eq: fence.token }, expiresAt: trusted({ $gt: now }) };
}

/**
 * Refuses (LEASE_LOST, as `sqlite/leases.ts`'s `checkFence`) unless `fence` still holds
 * its lease at `now`. Runs inside the writer's transaction and increments the lease's
 * `fencedWrites` there, which takes the lease document's write lock: a replica taking the
 * lease meanwhile either waits for the write to commit or makes it conflict and retry,
 * when this check refuses it. A read alone would not see a change of hands that commits
 * after it.
 */
export async function holdFence(Lease: Model<LeaseDocument>, fence: LeaseFence, now: Date, session: ClientSession): Promise<void> {
  const { matchedCount } = await Lease.updateOne(fenceFilter(fence, now), { $inc: { fencedWrites: 1 } }, { session });
  if (matchedCount === 1) return;
  const current = await Lease.findOne({ _id: { $eq: fence.name } }).session(session).lean<LeaseDocument>();
  throw new GatewayError('LEASE_LOST', `the lease ${fence.name} (token ${fence.token}) is no longer held by ${fence.holder}`, {
    lease: fence.name,
    heldBy: current && current.expiresAt.getTime() > now.getTime() ? current.holder : null,
  });
}

const isDuplicateKey = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;

/**
 * Leases in MongoDB, collection `leases`, one document per name (`_id`). Every change is
 * one atomic `findOneAndUpdate`/`updateOne` on that document, so it works on a standalone
 * server too. Two first acquirers race to insert the same `_id`: the loser gets a
 * duplicate key, tries once more against the winner's lease, and gets null unless the
 * lease is its own or free by then.
 */
export const leases: MongoRepositoryDefinition<LeaseRepository, LeaseModels> = {
  defineModels: (connection) => ({ Lease: leaseModel(connection) }),

  create({ Lease }: LeaseModels): LeaseRepository {
    const tryAcquire = async (name: string, holder: string, ttlMs: number, now: Date): Promise<Lease | null> => {
      const document = await Lease.findOneAndUpdate(acquireFilter(name, holder, now), acquireUpdate(holder, new Date(now.getTime() + ttlMs), now), {
        upsert: true,
        returnDocument: 'after',
        updatePipeline: true,
        setDefaultsOnInsert: false,
      }).lean<LeaseDocument>();
      return document ? leaseOf(document) : null;
    };

    return {
      async acquire(name, holder, ttlMs, now = new Date()) {
        for (let attempt = 1; ; attempt += 1) {
          try {
            return await tryAcquire(name, holder, ttlMs, now);
          } catch (error) {
            // The filter missed and the insert found the name taken: someone holds it, or took it just now.
            if (!isDuplicateKey(error)) throw error;
            if (attempt === 2) return null;
          }
        }
      },
      async renew(fence, ttlMs, now = new Date()) {
        const document = await Lease.findOneAndUpdate(fenceFilter(fence, now), { $set: { expiresAt: new Date(now.getTime() + ttlMs) } }, { returnDocument: 'after' }).lean<LeaseDocument>();
        return document ? leaseOf(document) : null;
      },
      async release(fence) {
        // Expired now, or earlier if it already was; the token stays, so the next holder gets token + 1.
        await Lease.updateOne({ _id: { $eq: fence.name }, holder: { $eq: fence.holder }, token: { $eq: fence.token } }, { $min: { expiresAt: new Date() } });
      },
      async get(name) {
        const document = await Lease.findOne({ _id: { $eq: name } }).lean<LeaseDocument>();
        return document ? leaseOf(document) : null;
      },
    };
  },
};
