import { Schema, type Connection, type Model } from 'mongoose';
import type { DeliveryState } from '../delivery-repository';
import { nullableWholeNumber, wholeNumber } from './schema-validators';

/**
 * One delivery, collection `deliveries`: the fields of the SQLite `delivery` table; `_id`
 * is `<consumer>|<id>` (one document per consumer and delivery id, so planning the same
 * change again upserts onto it), `deliveryId` the port's id.
 */
export interface DeliveryDocument {
  _id: string;
  consumer: string;
  deliveryId: string;
  seq: number;
  code: string;
  version: number;
  agencyCode: string;
  oldStatus: number | null;
  newStatus: number | null;
  changedAt: Date;
  target: string;
  channel: string;
  rank: number;
  held: boolean;
  payload: string | null;
  state: DeliveryState;
  attempts: number;
  dueAt: Date;
  lastError: string | null;
  providerId: string | null;
  duplicate: boolean;
  createdAt: Date;
  settledAt: Date | null;
}

/** A consumer's position in the change log, collection `delivery_cursors`: `_id` is the consumer. */
export interface DeliveryCursorDocument {
  _id: string;
  seq: number;
  updatedAt: Date;
}

/** Deliveries counted per consumer, agency path, Vietnam-time day, channel and outcome, collection `delivery_days`. */
export interface DeliveryDayDocument {
  consumer: string;
  path: string;
  day: number;
  channel: string;
  outcome: string;
  n: number;
}

export type DeliveryModels = {
  Delivery: Model<DeliveryDocument>;
  DeliveryCursor: Model<DeliveryCursorDocument>;
  DeliveryDay: Model<DeliveryDayDocument>;
};

/** The names of the delivery indexes, which queries name in `hint`. */
export const DELIVERY_INDEX = {
  /** A consumer's deliveries by state, soonest due first, then by id: `due` walks it in order. */
  due: 'delivery_due',
  /** A consumer's deliveries by state and id: dead letters in id order. */
  stateId: 'delivery_state_id',
  /** The deliveries of one change in rank order: held siblings released or cancelled. */
  change: 'delivery_change',
  /** A consumer's deliveries to one target by state: a deleted webhook's cancelled, its dead letters retried. */
  target: 'delivery_target',
  /** Settled deliveries by when: the purge. */
  settled: 'delivery_settled',
  /** One count per (consumer, path, day, channel, outcome), read by day then channel and outcome. */
  day: 'delivery_day_key',
} as const;

const DELIVERY_STATES: DeliveryState[] = ['pending', 'held', 'delivered', 'dead', 'cancelled'];
const options = { versionKey: false, strict: 'throw', autoIndex: false, autoCreate: false } as const;

/**
 * The delivery collections and every index their queries use, mirroring the SQLite
 * tables (`sqlite/deliveries.ts`). The counts and cursors are created by upserts seeded
 * from `$eq` filters, so their schemas declare no defaults (mongoose would send a default
 * as `$setOnInsert`); deliveries are upserted with every field in `$setOnInsert`.
 */
export function defineDeliveryModels(connection: Connection): DeliveryModels {
  const deliverySchema = new Schema<DeliveryDocument>(
    {
      _id: { type: String, required: true },
      consumer: { type: String, required: true },
      deliveryId: { type: String, required: true },
      seq: { type: Number, required: true, validate: wholeNumber(1) },
      code: { type: String, required: true },
      version: { type: Number, required: true, validate: wholeNumber(1) },
      agencyCode: { type: String, required: true },
      oldStatus: { type: Number, default: null, validate: nullableWholeNumber(1, 10) },
      newStatus: { type: Number, default: null, validate: nullableWholeNumber(1, 10) },
      changedAt: { type: Date, required: true },
      target: { type: String, required: true },
      channel: { type: String, required: true },
      rank: { type: Number, required: true, validate: wholeNumber(0) },
      held: { type: Boolean, required: true },
      payload: { type: String, default: null },
      state: { type: String, required: true, enum: DELIVERY_STATES },
      attempts: { type: Number, required: true, validate: wholeNumber(0) },
      dueAt: { type: Date, required: true },
      lastError: { type: String, default: null },
      providerId: { type: String, default: null },
      duplicate: { type: Boolean, required: true },
      createdAt: { type: Date, required: true },
      settledAt: { type: Date, default: null },
    },
    { ...options, collection: 'deliveries' },
  );
  deliverySchema.index({ consumer: 1, state: 1, dueAt: 1, deliveryId: 1 }, { name: DELIVERY_INDEX.due });
  deliverySchema.index({ consumer: 1, state: 1, deliveryId: 1 }, { name: DELIVERY_INDEX.stateId });
  deliverySchema.index({ consumer: 1, seq: 1, rank: 1 }, { name: DELIVERY_INDEX.change });
  deliverySchema.index({ consumer: 1, target: 1, state: 1 }, { name: DELIVERY_INDEX.target });
  deliverySchema.index({ settledAt: 1 }, { name: DELIVERY_INDEX.settled, partialFilterExpression: { settledAt: { $type: 'date' } } });

  const cursorSchema = new Schema<DeliveryCursorDocument>(
    {
      _id: { type: String, required: true },
      seq: { type: Number, required: true, validate: wholeNumber(0) },
      updatedAt: { type: Date, required: true },
    },
    { ...options, collection: 'delivery_cursors' },
  );

  const daySchema = new Schema<DeliveryDayDocument>(
    {
      consumer: { type: String, required: true },
      path: { type: String, required: true },
      day: { type: Number, required: true, validate: wholeNumber(0) },
      channel: { type: String, required: true },
      outcome: { type: String, required: true },
      n: { type: Number, required: true, validate: wholeNumber(0) },
    },
    { ...options, collection: 'delivery_days' },
  );
  daySchema.index({ consumer: 1, path: 1, day: 1, channel: 1, outcome: 1 }, { name: DELIVERY_INDEX.day, unique: true });

  return {
    Delivery: connection.model<DeliveryDocument>('Delivery', deliverySchema),
    DeliveryCursor: connection.model<DeliveryCursorDocument>('DeliveryCursor', cursorSchema),
    DeliveryDay: connection.model<DeliveryDayDocument>('DeliveryDay', daySchema),
  };
}
