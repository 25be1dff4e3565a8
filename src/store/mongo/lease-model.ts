import { Schema, type Connection, type Model } from 'mongoose';
import { wholeNumber } from './schema-validators';

/** A lease as stored, collection `leases`: `_id` is the lease's name. */
export interface LeaseDocument {
  _id: string;
  holder: string;
  /** Grows by one each time the lease changes hands. */
  token: number;
  expiresAt: Date;
  /**
   * How many fenced writes this lease has let through. A fenced write increments it inside
   * its own transaction, which takes the lease document's write lock: a concurrent change
   * of hands then conflicts with the write instead of slipping past its check.
   */
  fencedWrites?: number;
}

/**
 * The lease model on `connection`, compiled once: the lease repository owns it, and the
 * dossier repository checks its fence against it inside its transactions.
 */
export function leaseModel(connection: Connection): Model<LeaseDocument> {
  const existing = connection.models.Lease as Model<LeaseDocument> | undefined;
  if (existing) return existing;
  const schema = new Schema<LeaseDocument>(
    {
      _id: { type: String, required: true },
      holder: { type: String, required: true },
      token: { type: Number, required: true, validate: wholeNumber(1) },
      expiresAt: { type: Date, required: true },
      fencedWrites: { type: Number, validate: wholeNumber(0) },
    },
    { collection: 'leases', versionKey: false, strict: 'throw', autoIndex: false, autoCreate: false },
  );
  return connection.model<LeaseDocument>('Lease', schema);
}
