import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { AUDIT_TEXT_LIMITS } from '../audit-repository';
import type { AuditHeadRepository, SignedAuditHead } from '../audit-head-repository';
import { parseChainScan } from '../parse-chain-scan';
import { parseSignedAuditHead } from '../parse-signed-audit-head';
import type { MongoRepositoryDefinition } from './mongo-repository';

/** A signed head as stored: `_id` is the signed entry's id, so a head is stored once and walked on the `_id` index. */
export interface AuditHeadDocument extends Omit<SignedAuditHead, 'entryId'> {
  _id: string;
}

type AuditHeadModels = { AuditHead: Model<AuditHeadDocument> };

/** The audit chain's signed heads in MongoDB, collection `audit_heads`. */
export const auditHeads: MongoRepositoryDefinition<AuditHeadRepository, AuditHeadModels> = {
  defineModels(connection: Connection): AuditHeadModels {
    const schema = new Schema<AuditHeadDocument>(
      {
        _id: { type: String, required: true, minlength: 1, maxlength: AUDIT_TEXT_LIMITS.id },
        entryHash: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
        signedAt: { type: Date, required: true },
        algorithm: { type: String, required: true, maxlength: 40 },
        signature: { type: String, required: true, maxlength: 2048 },
        keyFingerprint: { type: String, required: true, match: /^[0-9a-f]{64}$/ },
      },
      { collection: 'audit_heads', versionKey: false, strict: 'throw', autoIndex: false, autoCreate: false },
    );
    return { AuditHead: connection.model<AuditHeadDocument>('AuditHead', schema) };
  },

  create({ AuditHead }: AuditHeadModels): AuditHeadRepository {
    return {
      /* Upserted with $setOnInsert: the first head stored for an entry stays. */
      async append(head) {
        const { entryId, ...fields } = parseSignedAuditHead(head);
        const document = new AuditHead({ _id: entryId, ...fields });
        await document.validate();
        await AuditHead.updateOne({ _id: { $eq: entryId } }, { $setOnInsert: fields }, { upsert: true });
      },
      async latest() {
        const document = await AuditHead.findOne({}).sort({ _id: -1 }).lean<AuditHeadDocument>();
        return document ? fromDocument(document) : null;
      },
      async scan(afterEntryId, limit) {
        const scan = parseChainScan(afterEntryId, limit);
        const filter = scan.after === null ? {} : { _id: mongoose.trusted({ $gt: scan.after }) };
        return (await AuditHead.find(filter).sort({ _id: 1 }).limit(scan.limit).lean<AuditHeadDocument[]>()).map(fromDocument);
      },
    };
  },
};

function fromDocument({ _id, entryHash, signedAt, algorithm, signature, keyFingerprint }: AuditHeadDocument): SignedAuditHead {
  return { entryId: _id, entryHash, signedAt, algorithm, signature, keyFingerprint };
}
