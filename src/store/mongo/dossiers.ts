import mongoose, { type AnyBulkWriteOperation, type ClientSession } from 'mongoose';
import { GatewayError } from '../../errors';
import type { ApplyDossiersResult, DossierChange, DossierFacts, DossierQuery, DossierRepository, StoredDossier } from '../dossier-repository';
import { countsFromGroups, netRollupDeltas, planDossierCount, splitWindowByDay, type RollupCell, type RollupGroup } from '../dossier-rollup';
import type { JsonObject } from '../json';
import { requireDataKeyring, seal, unseal } from '../seal';
import { bytesOf, changeOf, dossierDocument, factsOf, type FactsDocument } from './dossier-documents';
import { dossierFilter, dossierIndexFor, edgeGroupsPipeline, listFilter, rollupCountPipeline, rollupGroupsPipeline } from './dossier-filters';
import { CHANGE_COUNTER_ID, DOSSIER_INDEX, defineDossierModels, type ChangeDocument, type DossierDocument, type DossierModels, type RollupDocument } from './dossier-models';
import { leaseModel } from './lease-model';
import { holdFence } from './leases';
import type { MongoContext, MongoRepositoryDefinition } from './mongo-repository';
import { enqueueOperations } from './outbox-filters';
import { textList } from './text-list';

const { trusted } = mongoose;

/** The projection that leaves a dossier's record out (a new object each time: mongoose may add to it). */
const withoutRecord = (): Record<string, 0> => ({ keyId: 0, sealed: 0 });

/**
 * The refusal of a dossier write on a server without transactions. A batch, its change
 * log, rollups, outbox entries, checkpoint and lease check are one transaction; written
 * one by one they could be seen half done or survive a lost lease, so nothing is written.
 */
export const NEEDS_REPLICA_SET =
  'the dossier store needs MongoDB transactions (a batch, its change log, rollups, outbox entries, checkpoint and lease check are written as one), ' +
  'which a standalone server does not have: run MongoDB as a replica set; a single-node one will do (start mongod with --replSet rs0, run rs.initiate() once, ' +
  'and add ?replicaSet=rs0 to the URI)';

const cellFilter = (cell: RollupCell) => ({
  path: { $eq: cell.path },
  day: { $eq: cell.day },
  status: { $eq: cell.status },
  channel: { $eq: cell.channel },
  klass: { $eq: cell.klass },
  dueDay: { $eq: cell.dueDay },
});

/**
 * The rollup writes of a batch: each cell's net change as an `$inc` (an upsert seeded from
 * the cell's `$eq` filter), then the cells that lost dossiers deleted when they are empty.
 */
export function rollupOperations(deltas: ReadonlyArray<{ cell: RollupCell; delta: number }>): Array<AnyBulkWriteOperation<RollupDocument>> {
  return [
    ...deltas.map(({ cell, delta }) => ({ updateOne: { filter: cellFilter(cell), update: { $inc: { n: delta } }, upsert: true } })),
    ...deltas.filter(({ delta }) => delta < 0).map(({ cell }) => ({ deleteOne: { filter: { ...cellFilter(cell), n: trusted({ $lte: 0 }) } } })),
  ];
}

/**
 * The provinces' dossiers in MongoDB (collections and indexes in `dossier-models.ts`). A
 * batch is one multi-document transaction: the lease fence is held first, then the stored
 * facts of the batch's dossiers are read in one query, each changed dossier is replaced
 * (facts plain, record sealed: the caller's `recordJson` when given, as it was digested),
 * the change log gets consecutive `seq`s from one counter increment, the rollups their net
 * `$inc`s (empty cells removed), each consumer an outbox entry (of the dossiers listed
 * since `enqueueSinceMs`, or undated: `isEnqueuedSince`), and the source its checkpoint.
 * On a server without transactions it refuses to write (CONFIG_INVALID,
 * `NEEDS_REPLICA_SET`); reads and re-sealing work anywhere.
 */
export const dossiers: MongoRepositoryDefinition<DossierRepository, DossierModels> = {
  defineModels: (connection) => defineDossierModels(connection),

  create(models: DossierModels, { connection, keyring, supportsTransactions, logger }: MongoContext): DossierRepository {
    const { Dossier, DossierRollup, DossierChange, Counter, OutboxEntry, SyncCheckpoint } = models;
    const Lease = leaseModel(connection);
    // Said at start, not first at the first sync, when dossiers are meant to be kept here.
    if (keyring && !supportsTransactions) logger.warn({ store: 'mongodb' }, `dossier writes will be refused: ${NEEDS_REPLICA_SET}`);

    function toStored(document: DossierDocument): StoredDossier {
      const record = JSON.parse(unseal(bytesOf(document.sealed), document._id, requireDataKeyring(keyring))) as JsonObject;
      return { facts: factsOf(document), sortKey: document.sortKey, record, version: document.version, changedAt: document.changedAt };
    }

    /**
     * Writes a batch's changed dossiers inside `session`'s transaction: one counter
     * increment reserves their `seq`s (and, being a write to one document, orders concurrent
     * batches), then the dossiers, the rollups' net changes, the change log and the outbox
     * entries of the changes listed since `enqueueSinceMs`.
     */
    async function writeChanges(
      writes: ReadonlyArray<{ facts: DossierFacts; version: number; before?: DossierFacts; sealed: { keyId: string; sealed: Buffer } }>,
      { now, consumers, enqueueSinceMs, session }: { now: Date; consumers: readonly string[]; enqueueSinceMs: number | undefined; session: ClientSession },
    ): Promise<DossierChange[]> {
      const counter = await Counter.findOneAndUpdate({ _id: { $eq: CHANGE_COUNTER_ID } }, { $inc: { seq: writes.length } }, { upsert: true, returnDocument: 'after', setDefaultsOnInsert: false, session }).lean();
      const firstSeq = counter!.seq - writes.length + 1;
      await Dossier.bulkWrite(
        writes.map(({ facts, version, sealed }) => ({
          replaceOne: { filter: { _id: { $eq: facts.code } }, replacement: dossierDocument(facts, version, now, sealed), upsert: true },
        })),
        { session, ordered: true },
      );
      const rollups = rollupOperations(netRollupDeltas(writes.map(({ before, facts }) => ({ ...(before ? { before } : {}), after: facts }))));
      if (rollups.length > 0) await DossierRollup.bulkWrite(rollups, { session, ordered: true });
      const changes: ChangeDocument[] = writes.map(({ facts, version, before }, i) => ({
        _id: firstSeq + i,
        code: facts.code,
        source: facts.source,
        version,
        agencyCode: facts.agencyCode,
        oldStatus: before?.status ?? null,
        newStatus: facts.status,
        kind: before ? 'updated' : 'created',
        at: now,
      }));
      await DossierChange.insertMany(changes, { session, ordered: true });
      const entries = enqueueOperations(writes, { consumers, now, ...(enqueueSinceMs !== undefined ? { enqueueSinceMs } : {}) });
      if (entries.length > 0) await OutboxEntry.bulkWrite(entries, { session, ordered: true });
      return changes.map(changeOf);
    }

    return {
      async apply(input) {
        if (!supportsTransactions) throw new GatewayError('CONFIG_INVALID', NEEDS_REPLICA_SET, { store: 'mongodb' });
        const now = input.now ?? new Date();
        const codes = textList(input.dossiers.map(({ facts }) => facts.code), 'DossierFacts.code');
        const consumers = textList(input.enqueue ?? [], 'ApplyDossiersInput.enqueue');
        // Sealed at most once per dossier, and only when it changed, though the transaction may run again.
        const sealed = new Map<number, { keyId: string; sealed: Buffer }>();
        const sealFor = (index: number): { keyId: string; sealed: Buffer } => {
          let result = sealed.get(index);
          if (!result) {
            const { facts, record, recordJson } = input.dossiers[index]!;
            result = seal(recordJson ?? JSON.stringify(record), facts.code, requireDataKeyring(keyring));
            sealed.set(index, result);
          }
          return result;
        };

        return connection.transaction(async (session): Promise<ApplyDossiersResult> => {
          if (input.fence) await holdFence(Lease, input.fence, now, session);
          const stored = await Dossier.find({ _id: trusted({ $in: [...new Set(codes)] }) }, withoutRecord()).session(session).lean<FactsDocument[]>();
          // The state as the batch goes: a dossier twice in one batch is compared with its first write.
          const current = new Map(stored.map((document) => [document._id, { facts: factsOf(document), version: document.version }]));
          const result: ApplyDossiersResult = { created: 0, updated: 0, unchanged: 0, changes: [] };
          const writes: Array<{ index: number; facts: DossierFacts; version: number; before?: DossierFacts }> = [];
          input.dossiers.forEach(({ facts }, index) => {
            const before = current.get(facts.code);
            if (before && before.facts.contentHash === facts.contentHash) {
              result.unchanged += 1;
              return;
            }
            const version = (before?.version ?? 0) + 1;
            writes.push({ index, facts, version, ...(before ? { before: before.facts } : {}) });
            current.set(facts.code, { facts, version });
          });

          if (writes.length > 0) {
            result.changes = await writeChanges(writes.map((write) => ({ ...write, sealed: sealFor(write.index) })), { now, consumers, enqueueSinceMs: input.enqueueSinceMs, session });
            for (const { before } of writes) {
              if (before) result.updated += 1;
              else result.created += 1;
            }
          }
          if (input.checkpoint) {
            await SyncCheckpoint.updateOne(
              { _id: { $eq: input.checkpoint.source } },
              { $set: { state: JSON.stringify(input.checkpoint.state), updatedAt: now } },
              { upsert: true, runValidators: true, session },
            );
          }
          return result;
        });
      },

      async get(code) {
        const document = await Dossier.findOne({ _id: { $eq: code } }).lean<DossierDocument>();
        return document ? toStored(document) : null;
      },

      async getMany(codes) {
        const wanted = [...new Set(textList(codes, 'codes'))];
        const documents = wanted.length === 0 ? [] : await Dossier.find({ _id: trusted({ $in: wanted }) }).lean<DossierDocument[]>();
        const byCode = new Map(documents.map((document) => [document._id, document]));
        return codes.map((code) => {
          const document = byCode.get(code);
          return document ? toStored(document) : null;
        });
      },

      async list(query, { first, afterKey }) {
        const documents = await Dossier.find(listFilter(query, afterKey)).sort({ sortKey: 1 }).limit(first + 1).hint(dossierIndexFor(query)).lean<DossierDocument[]>();
        return { items: documents.slice(0, first).map(toStored), hasNextPage: documents.length > first };
      },

      async count(query) {
        const { rowWindows, days } = planDossierCount(query);
        const counts = await Promise.all([
          ...rowWindows.map((window) => Dossier.countDocuments(dossierFilter(query, window)).hint(dossierIndexFor(query)).exec()),
          ...(days ? [DossierRollup.aggregate<{ n: number }>(rollupCountPipeline(query, days)).then(([row]) => row?.n ?? 0)] : []),
        ]);
        return counts.reduce((sum, n) => sum + n, 0);
      },

      async statistics({ scope, fromMs, toMs, today }) {
        const query: DossierQuery = { scope, receivedFromMs: fromMs, receivedToMs: toMs, today };
        const { days, edges } = splitWindowByDay(fromMs, toMs);
        const groups = await Promise.all([
          ...(days ? [DossierRollup.aggregate<RollupGroup>(rollupGroupsPipeline(query, days)).exec()] : []),
          ...edges.map(([edgeFrom, edgeTo]) => Dossier.aggregate<RollupGroup>(edgeGroupsPipeline(query, { fromMs: edgeFrom, toMs: edgeTo })).hint(dossierIndexFor(query)).exec()),
        ]);
        return countsFromGroups(groups.flat(), today);
      },

      async unsettledCodes(source, afterCode, limit) {
        // MongoDB reads a limit of 0 as "no limit"; here it means none, as in SQLite.
        if (limit <= 0) return [];
        const documents = await Dossier.find(
          { source: { $eq: source }, settled: { $eq: false }, ...(afterCode === null ? {} : { _id: trusted({ $gt: afterCode }) }) },
          { _id: 1 },
        )
          .sort({ _id: 1 })
          .limit(limit)
          .hint(DOSSIER_INDEX.unsettled)
          .lean<Array<{ _id: string }>>();
        return documents.map((document) => document._id);
      },

      async countBySource() {
        const rows = await Dossier.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$source', n: { $sum: 1 } } }]).hint(DOSSIER_INDEX.source);
        return Object.fromEntries(rows.map((row) => [row._id, row.n]));
      },

      async changesAfter(afterSeq, limit) {
        if (limit <= 0) return [];
        const documents = await DossierChange.find({ _id: trusted({ $gt: afterSeq }) }).sort({ _id: 1 }).limit(limit).lean<ChangeDocument[]>();
        return documents.map(changeOf);
      },

      async loadCheckpoint(source) {
        const document = await SyncCheckpoint.findOne({ _id: { $eq: source } }).lean();
        return document ? { source: document._id, state: JSON.parse(document.state) as JsonObject, updatedAt: document.updatedAt } : null;
      },

      /*
       * Walks the records of each old key by code on the (keyId, _id) index, `batch` at a
       * time, so it ends even while writes go on. Each re-seal is a conditional update
       * (same key, same version), so a dossier rewritten meanwhile keeps its new record;
       * no transaction is needed, as in SQLite a batch is a unit of progress, not of meaning.
       */
      async reseal(onProgress, batch = 500) {
        const ring = requireDataKeyring(keyring);
        const oldKeys = ((await Dossier.distinct('keyId')) as string[]).filter((keyId) => keyId !== ring.activeKeyId).sort();
        let done = 0;
        for (const oldKey of oldKeys) {
          let afterCode: string | undefined;
          for (;;) {
            const documents = await Dossier.find({ keyId: { $eq: oldKey }, ...(afterCode === undefined ? {} : { _id: trusted({ $gt: afterCode }) }) }, { sealed: 1, version: 1 })
              .sort({ _id: 1 })
              .limit(batch)
              .hint(DOSSIER_INDEX.key)
              .lean<Array<Pick<DossierDocument, '_id' | 'sealed' | 'version'>>>();
            if (documents.length === 0) break;
            const operations = documents.map((document) => {
              const { keyId, sealed } = seal(unseal(bytesOf(document.sealed), document._id, ring), document._id, ring);
              return { updateOne: { filter: { _id: { $eq: document._id }, keyId: { $eq: oldKey }, version: { $eq: document.version } }, update: { $set: { keyId, sealed } } } };
            });
            done += (await Dossier.bulkWrite(operations, { ordered: true })).modifiedCount;
            afterCode = documents[documents.length - 1]!._id;
            onProgress?.(done);
          }
        }
        return done;
      },
    };
  },
};
