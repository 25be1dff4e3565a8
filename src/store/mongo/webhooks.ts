import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { agencyPathsOf } from '../agency-paths-of';
import { WEBHOOK_EVENTS, type Webhook, type WebhookEvent, type WebhookListing, type WebhookRepository } from '../delivery-repository';
import { ALL_PATH } from '../dossier-rollup';
import { requireDataKeyring, seal, unseal } from '../seal';
import { bytesOf } from './dossier-documents';
import type { MongoRepositoryDefinition } from './mongo-repository';

/** A webhook registration, collection `webhooks`: `_id` is its id; the agency's path per depth; the secret sealed. */
export interface WebhookDocument {
  _id: string;
  agencyCode: string;
  path1: string;
  path2: string;
  path3: string;
  path4: string;
  url: string;
  events: WebhookEvent[];
  keyId: string;
  sealedSecret: Buffer;
  createdBySubject: string | null;
  createdByClient: string | null;
  createdAt: Date;
}

export type WebhookModels = { Webhook: Model<WebhookDocument> };

/** The names of the webhook indexes, which queries name in `hint`. */
export const WEBHOOK_INDEX = {
  path: { 1: 'webhook_path1', 2: 'webhook_path2', 3: 'webhook_path3', 4: 'webhook_path4' },
  agency: 'webhook_agency',
} as const;

/** The webhook model and its indexes: one per agency path depth (a jurisdiction's webhooks, oldest first), and by agency (the per-agency cap). */
export function defineWebhookModels(connection: Connection): WebhookModels {
  const schema = new Schema<WebhookDocument>(
    {
      _id: { type: String, required: true },
      agencyCode: { type: String, required: true },
      path1: { type: String, required: true },
      path2: { type: String, required: true },
      path3: { type: String, required: true },
      path4: { type: String, required: true },
      url: { type: String, required: true },
      events: { type: [{ type: String, enum: [...WEBHOOK_EVENTS] }], required: true, validate: { validator: (v: unknown[]) => v.length > 0, message: '{PATH} must name at least one event' } },
      keyId: { type: String, required: true, match: /^[A-Za-z0-9._-]{1,64}$/ },
      sealedSecret: { type: Buffer, required: true },
      createdBySubject: { type: String, default: null },
      createdByClient: { type: String, default: null },
      createdAt: { type: Date, required: true },
    },
    { versionKey: false, strict: 'throw', autoIndex: false, autoCreate: false, collection: 'webhooks' },
  );
  for (const depth of [1, 2, 3, 4] as const) schema.index({ [`path${depth}`]: 1, createdAt: 1, _id: 1 }, { name: WEBHOOK_INDEX.path[depth] });
  schema.index({ agencyCode: 1 }, { name: WEBHOOK_INDEX.agency });
  return { Webhook: connection.model<WebhookDocument>('Webhook', schema) };
}

/** Webhook registrations in MongoDB, as `sqlite/webhooks.ts`: the secret sealed, bound to the webhook's id. */
export const webhooks: MongoRepositoryDefinition<WebhookRepository, WebhookModels> = {
  defineModels: (connection) => defineWebhookModels(connection),

  create({ Webhook }: WebhookModels, { keyring }): WebhookRepository {
    const listingOf = (d: Omit<WebhookDocument, 'keyId' | 'sealedSecret'>): WebhookListing => ({
      id: d._id,
      agencyCode: d.agencyCode,
      url: d.url,
      events: [...d.events],
      createdBy: { subject: d.createdBySubject ?? null, clientId: d.createdByClient ?? null },
      createdAt: d.createdAt,
    });
    const webhookOf = (d: WebhookDocument): Webhook => ({ ...listingOf(d), secret: unseal(bytesOf(d.sealedSecret), d._id, requireDataKeyring(keyring)) });

    return {
      async create(webhook, maxPerAgency) {
        const paths = agencyPathsOf(webhook.agencyCode);
        if (paths.length !== 5) throw new TypeError(`a webhook's agency must be an agency code; got ${JSON.stringify(webhook.agencyCode)}`);
        const { keyId, sealed } = seal(webhook.secret, webhook.id, requireDataKeyring(keyring));
        if ((await Webhook.countDocuments({ agencyCode: { $eq: webhook.agencyCode } }).hint(WEBHOOK_INDEX.agency)) >= maxPerAgency) return false;
        await Webhook.create({
          _id: webhook.id, agencyCode: webhook.agencyCode, path1: paths[1], path2: paths[2], path3: paths[3], path4: paths[4], url: webhook.url,
          events: [...webhook.events], keyId, sealedSecret: sealed, createdBySubject: webhook.createdBy.subject, createdByClient: webhook.createdBy.clientId,
          createdAt: webhook.createdAt,
        });
        // Without a transaction, concurrent registrations may all pass the count above. Each
        // then counts the registrations ranked before or with it (createdAt, then id): one
        // ranked beyond the cap removes itself, so the first `maxPerAgency` stay and no more,
        // whatever the interleaving (a moment over the cap at most, never after).
        const rank = await Webhook.countDocuments(rankedUpToFilter(webhook.agencyCode, webhook.createdAt, webhook.id)).hint(WEBHOOK_INDEX.agency);
        if (rank <= maxPerAgency) return true;
        await Webhook.deleteOne({ _id: { $eq: webhook.id } });
        return false;
      },
      async get(id) {
        const document = await Webhook.findOne({ _id: { $eq: id } }).lean<WebhookDocument>();
        return document ? webhookOf(document) : null;
      },
      async find(id) {
        const document = await Webhook.findOne({ _id: { $eq: id } }, { keyId: 0, sealedSecret: 0 }).lean<Omit<WebhookDocument, 'keyId' | 'sealedSecret'>>();
        return document ? listingOf(document) : null;
      },
      async list(scope) {
        const query = scope === null || scope.path === ALL_PATH ? Webhook.find({}) : Webhook.find({ [`path${scope.depth}`]: { $eq: scope.path } }).hint(WEBHOOK_INDEX.path[scope.depth]);
        const documents = await query.select({ keyId: 0, sealedSecret: 0 }).sort({ createdAt: 1, _id: 1 }).lean<Array<Omit<WebhookDocument, 'keyId' | 'sealedSecret'>>>();
        return documents.map(listingOf);
      },
      async countOf(agencyCode) {
        return Webhook.countDocuments({ agencyCode: { $eq: agencyCode } }).hint(WEBHOOK_INDEX.agency);
      },
      async delete(id) {
        const { deletedCount } = await Webhook.deleteOne({ _id: { $eq: id } });
        return deletedCount > 0;
      },
      async reseal() {
        // Registrations are few (a cap per agency): read at once, each re-sealed only if its key is still the one it was read with.
        const ring = requireDataKeyring(keyring);
        const documents = await Webhook.find({ keyId: mongoose.trusted({ $ne: ring.activeKeyId }) }, { keyId: 1, sealedSecret: 1 }).lean<Array<Pick<WebhookDocument, '_id' | 'keyId' | 'sealedSecret'>>>();
        if (documents.length === 0) return 0;
        const operations = documents.map((document) => {
          const { keyId, sealed } = seal(unseal(bytesOf(document.sealedSecret), document._id, ring), document._id, ring);
          return { updateOne: { filter: { _id: { $eq: document._id }, keyId: { $eq: document.keyId } }, update: { $set: { keyId, sealedSecret: sealed } } } };
        });
        return (await Webhook.bulkWrite(operations, { ordered: true })).modifiedCount;
      },
    };
  },
};

/** An agency's registrations ranked at or before (`createdAt`, then `_id`) the one given: its rank among them. */
export function rankedUpToFilter(agencyCode: string, createdAt: Date, id: string): Record<string, unknown> {
  return {
    $or: [{ createdAt: mongoose.trusted({ $lt: createdAt }) }, { createdAt: { $eq: createdAt }, _id: mongoose.trusted({ $lte: String(id) }) }],
    agencyCode: { $eq: agencyCode },
  };
}
