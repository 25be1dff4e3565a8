import { GatewayError } from '../../errors';
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { AUDIT_TEXT_LIMITS as LIMIT, type AuditEntry, type AuditRepository } from '../audit-repository';
import { encodeAuditCursor } from '../audit-cursor';
import { parseAuditEntries } from '../parse-audit-entries';
import { parseAuditQuery, type ParsedAuditQuery } from '../parse-audit-query';
import { parseChainScan } from '../parse-chain-scan';
import type { MongoContext, MongoModelOptions, MongoRepositoryDefinition } from './mongo-repository';

/**
 * An audit entry as stored: `_id` is the entry's ULID. Documents written before version 2
 * have neither `version` nor the fields it added, and hold the client in `principalId`:
 * they are read as version 1 (see `fromDocument`) and never rewritten.
 */
export interface AuditDocument extends Omit<AuditEntry, 'id' | 'records'> {
  _id: string;
  records: Map<string, number>;
  /** Version 1 only: what is now `clientId`. */
  principalId?: string | null;
}

/** One document, `_id: 'head'`, rewritten by every append: concurrent appends conflict on it, so one chain follows. */
interface AuditChainHeadDocument {
  _id: string;
  id: string;
}

type AuditModels = { AuditEntry: Model<AuditDocument>; AuditChainHead: Model<AuditChainHeadDocument> };

const DAY_SECONDS = 24 * 60 * 60;
const nullableText = (maxlength: number) => ({ type: String, default: null, maxlength });

/**
 * The audit log in MongoDB, collection `audit_entries`. Each filter of `query()` has a
 * compound index ending in (at, _id), the sort order of every page; `lastEntry()` and
 * `scanChain()` walk the hash chain in `_id` order on the `_id` index; a TTL index on `at`
 * deletes entries after `auditRetentionDays`. Caller values reach filters only inside an
 * explicit `$eq`; our own operators are marked `mongoose.trusted` because the connection
 * runs with `sanitizeFilter`.
 */
export const audit: MongoRepositoryDefinition<AuditRepository, AuditModels> = {
  defineModels(connection: Connection, { auditRetentionDays }: MongoModelOptions): AuditModels {
    const schema = new Schema<AuditDocument>(
      {
        _id: { type: String, required: true, minlength: 1, maxlength: LIMIT.id },
        version: { type: Number, required: true, enum: [1, 2] },
        at: { type: Date, required: true },
        requestId: { type: String, required: true, maxlength: LIMIT.requestId },
        access: { type: String, required: true, enum: ['graphql', 'attachment', 'lookup'] },
        operationName: nullableText(LIMIT.operationName),
        operationType: { type: String, enum: ['query', 'mutation', 'subscription', null], default: null },
        documentHash: { type: String, default: null, match: /^[0-9a-f]{64}$/ },
        attachment: {
          type: new Schema(
            { documentId: { type: String, required: true, minlength: 1, maxlength: LIMIT.attachmentPart }, contentId: { type: String, required: true, minlength: 1, maxlength: LIMIT.attachmentPart } },
            { _id: false, strict: 'throw' },
          ),
          default: null,
        },
        outcome: { type: String, required: true, enum: ['success', 'error', 'rejected'] },
        errorCodes: { type: [{ type: String, minlength: 1, maxlength: LIMIT.errorCode }], default: [] },
        refusalReason: nullableText(LIMIT.refusalReason),
        durationMs: { type: Number, required: true, min: 0 },
        clientIp: nullableText(LIMIT.clientIp),
        records: { type: Map, of: { type: Number, min: 0, validate: Number.isInteger }, default: () => new Map() },
        sensitiveFields: { type: [{ type: String, minlength: 1, maxlength: LIMIT.sensitiveField }], default: [] },
        subject: nullableText(LIMIT.subject),
        tokenId: nullableText(LIMIT.tokenId),
        clientId: nullableText(LIMIT.clientId),
        // Format 1 only, read and filtered on, never written now (no default): see fromDocument.
        principalId: { type: String, maxlength: LIMIT.clientId },
        agencyCode: nullableText(LIMIT.agencyCode),
        prevHash: nullableText(LIMIT.prevHash),
        hash: nullableText(LIMIT.hash),
      },
      { collection: 'audit_entries', versionKey: false, strict: 'throw', autoIndex: false, autoCreate: false },
    );
    schema.index({ at: 1 }, { name: 'audit_retention', expireAfterSeconds: auditRetentionDays * DAY_SECONDS });
    schema.index({ at: -1, _id: -1 }, { name: 'audit_at' });
    schema.index({ operationName: 1, at: -1, _id: -1 }, { name: 'audit_operation_name' });
    schema.index({ outcome: 1, at: -1, _id: -1 }, { name: 'audit_outcome' });
    schema.index({ errorCodes: 1, at: -1, _id: -1 }, { name: 'audit_error_code' });
    schema.index({ access: 1, at: -1, _id: -1 }, { name: 'audit_access' });
    schema.index({ subject: 1, at: -1, _id: -1 }, { name: 'audit_subject' });
    schema.index({ clientId: 1, at: -1, _id: -1 }, { name: 'audit_client' });
    // Version-1 documents hold the client here; a filter on the client reads both indexes.
    schema.index({ principalId: 1, at: -1, _id: -1 }, { name: 'audit_principal' });
    schema.index({ agencyCode: 1, at: -1, _id: -1 }, { name: 'audit_agency' });
    const head = new mongoose.Schema<AuditChainHeadDocument>({ _id: { type: String, required: true }, id: { type: String, required: true } }, { collection: 'audit_chain_head', versionKey: false, strict: 'throw' });
    return { AuditEntry: connection.model<AuditDocument>('AuditEntry', schema), AuditChainHead: connection.model<AuditChainHeadDocument>('AuditChainHead', head) };
  },

  create({ AuditEntry, AuditChainHead }: AuditModels, { connection, supportsTransactions }: MongoContext): AuditRepository {
    return {
      /*
       * Upserts with $setOnInsert, so a retried batch never duplicates. On a replica set
       * the batch is one transaction; a standalone server has none, so there a failed
       * append may have stored a prefix of the batch, which the retry completes.
       */
      async append(entries, after) {
        parseAuditEntries(entries);
        if (entries.length === 0) return;
        /**
         * With `after`: the newest stored entry must still be `after` (or one of this batch,
         * when a retried batch did land), checked in the transaction that also rewrites the
         * chain-head document, so two writers' concurrent appends conflict and the loser,
         * retried by the driver, finds the head moved (STORE_CONFLICT). Without transactions
         * (a standalone server) the check is best effort.
         */
        const checkHead = async (session?: mongoose.ClientSession): Promise<void> => {
          if (after === undefined) return;
          const newest = (await AuditEntry.findOne({}, { _id: 1 }, { session }).sort({ _id: -1 }).lean<{ _id: string }>())?._id ?? null;
          if (newest !== after && !entries.some((entry) => entry.id === newest)) {
            throw new GatewayError('STORE_CONFLICT', `the audit chain's newest entry is ${newest ?? 'none'}, not ${after ?? 'none'}: another writer appended meanwhile`, { store: 'mongodb' });
          }
          await AuditChainHead.updateOne({ _id: { $eq: 'head' } }, { $set: { id: entries[entries.length - 1]!.id } }, { upsert: true, session });
        };
        const documents = entries.map((entry) => new AuditEntry(toDocument(entry)));
        await Promise.all(documents.map((document) => document.validate()));
        const operations = documents.map((document) => {
          const { _id, ...fields } = document.toObject({ flattenMaps: true });
          return { updateOne: { filter: { _id: { $eq: _id } }, update: { $setOnInsert: fields }, upsert: true } };
        });
        if (supportsTransactions) {
          await connection.transaction(async (session) => {
            await checkHead(session);
            await AuditEntry.bulkWrite(operations, { session, ordered: true });
          });
        } else {
          await checkHead();
          await AuditEntry.bulkWrite(operations, { ordered: true });
        }
      },

      async query(filter, page) {
        const parsed = parseAuditQuery(filter, page);
        const [documents, totalCount] = await Promise.all([
          AuditEntry.find(buildMongoAuditFilter(parsed)).sort({ at: -1, _id: -1 }).limit(parsed.first + 1).lean<LeanAuditDocument[]>(),
          AuditEntry.countDocuments(buildMongoAuditFilter({ ...parsed, after: null })),
        ]);
        const items = documents.slice(0, parsed.first).map(fromDocument);
        const last = items[items.length - 1];
        return { items, totalCount, nextCursor: documents.length > parsed.first && last ? encodeAuditCursor(last) : null };
      },

      async purgeOlderThan(date) {
        if (Number.isNaN(date.getTime())) throw new TypeError(`AuditRepository.purgeOlderThan expects a valid Date; received ${String(date)}.`);
        const { deletedCount } = await AuditEntry.deleteMany({ at: mongoose.trusted({ $lt: date }) });
        return deletedCount;
      },

      async lastEntry() {
        const document = await AuditEntry.findOne({}).sort({ _id: -1 }).lean<LeanAuditDocument>();
        return document ? fromDocument(document) : null;
      },

      async scanChain(after, limit) {
        const scan = parseChainScan(after, limit);
        const documents = await AuditEntry.find(buildMongoChainFilter(scan.after)).sort({ _id: 1 }).limit(scan.limit).lean<LeanAuditDocument[]>();
        return documents.map(fromDocument);
      },
    };
  },
};

/**
 * The MongoDB filter of an audit query. A filter on the client matches `clientId`, and
 * `principalId` of version-1 documents; `agencyCode: null` matches documents whose agency
 * is null. Exported for tests.
 */
export function buildMongoAuditFilter({ filter, after }: Pick<ParsedAuditQuery, 'filter' | 'after'>): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  const alternatives: Array<Array<Record<string, unknown>>> = [];
  const range: Record<string, Date> = {};
  if (filter.from) range.$gte = filter.from;
  if (filter.to) range.$lt = filter.to;
  if (filter.from || filter.to) query.at = mongoose.trusted(range);
  if (filter.access !== undefined) query.access = { $eq: filter.access };
  if (filter.operationName !== undefined) query.operationName = { $eq: filter.operationName };
  if (filter.outcome !== undefined) query.outcome = { $eq: filter.outcome };
  if (filter.errorCode !== undefined) query.errorCodes = { $eq: filter.errorCode };
  if (filter.subject !== undefined) query.subject = { $eq: filter.subject };
  if (filter.clientId !== undefined) alternatives.push([{ clientId: { $eq: filter.clientId } }, { principalId: { $eq: filter.clientId } }]);
  if (filter.agencyCode !== undefined) query.agencyCode = { $eq: filter.agencyCode };
  if (after) {
    const at = new Date(after.atMs);
    alternatives.push([{ at: mongoose.trusted({ $lt: at }) }, { at: { $eq: at }, _id: mongoose.trusted({ $lt: after.id }) }]);
  }
  if (alternatives.length === 1) query.$or = alternatives[0];
  else if (alternatives.length > 1) query.$and = alternatives.map(($or) => ({ $or }));
  return query;
}

/** The MongoDB filter of a `scanChain` page: ids after `after`, all when null. Exported for tests. */
export function buildMongoChainFilter(after: string | null): Record<string, unknown> {
  return after === null ? {} : { _id: mongoose.trusted({ $gt: after }) };
}

/** A document as read back, version 1 included: the fields version 2 added may be missing. */
type LeanAuditDocument = Omit<AuditDocument, 'records' | 'version' | 'access'> & { records?: Record<string, number>; version?: 1 | 2; access?: AuditEntry['access'] };

function toDocument({ id, ...entry }: AuditEntry): Record<string, unknown> {
  return { _id: id, ...entry };
}

function fromDocument(document: LeanAuditDocument): AuditEntry {
  return {
    id: document._id,
    version: document.version ?? 1,
    at: document.at,
    requestId: document.requestId,
    access: document.access ?? 'graphql',
    operationName: document.operationName ?? null,
    operationType: document.operationType ?? null,
    documentHash: document.documentHash ?? null,
    attachment: document.attachment ? { documentId: document.attachment.documentId, contentId: document.attachment.contentId } : null,
    outcome: document.outcome,
    errorCodes: document.errorCodes ?? [],
    refusalReason: document.refusalReason ?? null,
    durationMs: document.durationMs,
    clientIp: document.clientIp ?? null,
    records: { ...document.records },
    sensitiveFields: document.sensitiveFields ?? [],
    subject: document.subject ?? null,
    tokenId: document.tokenId ?? null,
    clientId: document.clientId ?? document.principalId ?? null,
    agencyCode: document.agencyCode ?? null,
    prevHash: document.prevHash ?? null,
    hash: document.hash ?? null,
  };
}
