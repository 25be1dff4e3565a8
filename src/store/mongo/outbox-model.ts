import { Schema, type Connection, type Model } from 'mongoose';
import { wholeNumber } from './schema-validators';

/**
 * What one consumer (e.g. `portal`) still has to deliver of one dossier, collection
 * `outbox`: the fields of the SQLite `outbox` table, one entry per (consumer, code), reset
 * to pending with the dossier's newest version whenever it changes.
 */
export interface OutboxDocument {
  consumer: string;
  code: string;
  source: string;
  version: number;
  state: 'pending' | 'dead';
  attempts: number;
  dueAt: Date;
  lastError: string | null;
  enqueuedAt: Date;
}

/**
 * The outbox model on `connection`, compiled once (the dossier repository writes entries
 * in its transactions; a delivery repository reads and settles them). Indexes: one entry
 * per (consumer, code); a consumer's due entries by state and due time, all of them or one
 * source's.
 */
export function outboxModel(connection: Connection): Model<OutboxDocument> {
  const existing = connection.models.OutboxEntry as Model<OutboxDocument> | undefined;
  if (existing) return existing;
  const schema = new Schema<OutboxDocument>(
    {
      consumer: { type: String, required: true },
      code: { type: String, required: true },
      source: { type: String, required: true },
      version: { type: Number, required: true, validate: wholeNumber(1) },
      state: { type: String, required: true, enum: ['pending', 'dead'] },
      attempts: { type: Number, required: true, validate: wholeNumber(0) },
      dueAt: { type: Date, required: true },
      lastError: { type: String, default: null },
      enqueuedAt: { type: Date, required: true },
    },
    { collection: 'outbox', versionKey: false, strict: 'throw', autoIndex: false, autoCreate: false },
  );
  schema.index({ consumer: 1, code: 1 }, { name: 'outbox_key', unique: true });
  schema.index({ consumer: 1, state: 1, dueAt: 1 }, { name: 'outbox_due' });
  schema.index({ consumer: 1, source: 1, state: 1, dueAt: 1 }, { name: 'outbox_source' });
  return connection.model<OutboxDocument>('OutboxEntry', schema);
}
