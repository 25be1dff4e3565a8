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

/** Deliveries of one consumer from one source on one Vietnam-time day, collection `outbox_days`. */
export interface OutboxDayDocument {
  consumer: string;
  source: string;
  day: number;
  delivered: number;
  failed: number;
  dead: number;
}

/** Whether one consumer's delivery from one source is paused, collection `outbox_controls`. */
export interface OutboxControlDocument {
  consumer: string;
  source: string;
  paused: boolean;
}

export type OutboxModels = {
  OutboxEntry: Model<OutboxDocument>;
  OutboxDay: Model<OutboxDayDocument>;
  OutboxControl: Model<OutboxControlDocument>;
};

/** The names of the outbox indexes, which queries name in `hint`. */
export const OUTBOX_INDEX = {
  /** One entry per (consumer, code): upserts and version-conditional outcomes. */
  key: 'outbox_key',
  /** A consumer's entries of one source by state, soonest due first, then by code: `due` walks it in order. */
  due: 'outbox_source_due',
  /** A consumer's entries by state and code: dead letters in code order, and retrying them. */
  stateCode: 'outbox_state_code',
  /** One count per (consumer, day, source), read by day then source. */
  day: 'outbox_day_key',
  control: 'outbox_control_key',
} as const;

const options = { versionKey: false, strict: 'throw', autoIndex: false, autoCreate: false } as const;

/**
 * The outbox model on `connection`, compiled once (the dossier repository writes entries
 * in its transactions; the outbox repository reads and settles them). Indexes: one entry
 * per (consumer, code); a consumer's entries of one source by state, due time and code
 * (`due` reads them in that order, so it never sorts in memory); a consumer's entries by
 * state and code (dead letters).
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
    { ...options, collection: 'outbox' },
  );
  schema.index({ consumer: 1, code: 1 }, { name: OUTBOX_INDEX.key, unique: true });
  schema.index({ consumer: 1, source: 1, state: 1, dueAt: 1, code: 1 }, { name: OUTBOX_INDEX.due });
  schema.index({ consumer: 1, state: 1, code: 1 }, { name: OUTBOX_INDEX.stateCode });
  return connection.model<OutboxDocument>('OutboxEntry', schema);
}

/**
 * Every outbox model on `connection`: the entries, the per-day counts and the pause
 * switches. The counts and switches are created by upserts seeded from `$eq` filters, so
 * their schemas declare no defaults (mongoose would add a default as `$setOnInsert`).
 */
export function defineOutboxModels(connection: Connection): OutboxModels {
  const daySchema = new Schema<OutboxDayDocument>(
    {
      consumer: { type: String, required: true },
      source: { type: String, required: true },
      day: { type: Number, required: true, validate: wholeNumber(0) },
      delivered: { type: Number, required: true, validate: wholeNumber(0) },
      failed: { type: Number, required: true, validate: wholeNumber(0) },
      dead: { type: Number, required: true, validate: wholeNumber(0) },
    },
    { ...options, collection: 'outbox_days' },
  );
  daySchema.index({ consumer: 1, day: 1, source: 1 }, { name: OUTBOX_INDEX.day, unique: true });

  const controlSchema = new Schema<OutboxControlDocument>(
    {
      consumer: { type: String, required: true },
      source: { type: String, required: true },
      paused: { type: Boolean, required: true },
    },
    { ...options, collection: 'outbox_controls' },
  );
  controlSchema.index({ consumer: 1, source: 1 }, { name: OUTBOX_INDEX.control, unique: true });

  return {
    OutboxEntry: outboxModel(connection),
    OutboxDay: connection.model<OutboxDayDocument>('OutboxDay', daySchema),
    OutboxControl: connection.model<OutboxControlDocument>('OutboxControl', controlSchema),
  };
}
