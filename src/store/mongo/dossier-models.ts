import { Schema, type Connection, type Model } from 'mongoose';
import type { AgencyScope, DossierClass } from '../dossier-repository';
import { dossierSortKey } from '../dossier-sort-key';
import { outboxModel, type OutboxDocument } from './outbox-model';
import { anyString, nullableWholeNumber, wholeNumber } from './schema-validators';

/**
 * One dossier, collection `dossiers`: `_id` is its code; the facts as plain fields (the
 * agency path at each depth as `path1`…`path4`), its list key, and the whole record only
 * sealed (`keyId` names the data key, `sealed` is what `seal()` made).
 */
export interface DossierDocument {
  _id: string;
  source: string;
  agencyCode: string;
  path1: string;
  path2: string;
  path3: string;
  path4: string;
  sortKey: string;
  listedMs: number | null;
  receivedMs: number | null;
  status: number | null;
  channel: string | null;
  procedure: string | null;
  dueDay: number | null;
  klass: DossierClass;
  settled: boolean;
  updatedAt: string | null;
  contentHash: string;
  version: number;
  changedAt: Date;
  keyId: string;
  sealed: Buffer;
}

/** One maintained count, collection `dossier_rollups` (see `RollupCell`). */
export interface RollupDocument {
  path: string;
  day: number;
  status: number;
  channel: string;
  klass: string;
  dueDay: number;
  n: number;
}

/** One entry of the change log, collection `dossier_changes`: `_id` is its `seq`. */
export interface ChangeDocument {
  _id: number;
  code: string;
  source: string;
  version: number;
  agencyCode: string;
  oldStatus: number | null;
  newStatus: number | null;
  kind: 'created' | 'updated';
  at: Date;
}

/** A counter, collection `counters`; `{ _id: 'dossier_change' }` holds the last `seq` handed out. */
export interface CounterDocument {
  _id: string;
  seq: number;
}

/** Where a source's sync stands, collection `sync_checkpoints`: `_id` is the source, `state` its JSON text. */
export interface CheckpointDocument {
  _id: string;
  state: string;
  updatedAt: Date;
}

export type DossierModels = {
  Dossier: Model<DossierDocument>;
  DossierRollup: Model<RollupDocument>;
  DossierChange: Model<ChangeDocument>;
  Counter: Model<CounterDocument>;
  OutboxEntry: Model<OutboxDocument>;
  SyncCheckpoint: Model<CheckpointDocument>;
};

/** The counter document of the change log. */
export const CHANGE_COUNTER_ID = 'dossier_change';

const KLASSES: readonly DossierClass[] = ['ON_TIME', 'LATE', 'OPEN', 'OTHER'];

/**
 * The names of the dossier indexes, which queries name in `hint` so that a list always
 * walks an index in list order (`sortKey`) and never sorts in memory.
 */
export const DOSSIER_INDEX = {
  sort: 'dossier_sort',
  path: { 1: 'dossier_path1', 2: 'dossier_path2', 3: 'dossier_path3', 4: 'dossier_path4' },
  procedure: 'dossier_procedure',
  unsettled: 'dossier_unsettled',
  source: 'dossier_source',
  key: 'dossier_key',
} as const;

/** The field holding the agency path at a scope's depth (from a fixed list, never from input). */
export function pathField(scope: AgencyScope): 'path1' | 'path2' | 'path3' | 'path4' {
  return `path${scope.depth}`;
}

// Validation refuses what the port rules out (a class outside the four, a status outside
// 1–10, a fractional number, a missing field) and nothing SQLite's STRICT tables would keep.
const options = { versionKey: false, strict: 'throw', autoIndex: false, autoCreate: false } as const;
const nullableText = { type: String, default: null };
const classEnum = { values: KLASSES as DossierClass[], message: '{PATH} must be one of ON_TIME, LATE, OPEN, OTHER; got {VALUE}' };

/**
 * The dossier collections and every index their queries use, mirroring the SQLite tables
 * (`sqlite/dossier-schema.ts`): a list by jurisdiction walks `(pathN, sortKey)`, by
 * procedure `(procedure, sortKey)`, anything else `(sortKey)`; open dossiers of a source
 * by code have a partial index, counts by source `(source)`, and a re-seal walks the
 * records of one old key by code on `(keyId, _id)`; rollup cells are unique by their six
 * dimensions; the change log is keyed by `seq` (`_id`).
 */
export function defineDossierModels(connection: Connection): DossierModels {
  const dossierSchema = new Schema<DossierDocument>(
    {
      _id: { type: String, required: true },
      source: { type: String, required: true },
      agencyCode: { type: String, required: true },
      path1: { type: String, required: true },
      path2: { type: String, required: true },
      path3: { type: String, required: true },
      path4: { type: String, required: true },
      sortKey: {
        type: String,
        required: true,
        validate: {
          validator(this: unknown, key: unknown) {
            const dossier = this as DossierDocument;
            return key === dossierSortKey(dossier.listedMs, dossier._id);
          },
          message: '{PATH} must be the dossier\'s dossierSortKey(listedMs, code); got {VALUE}',
        },
      },
      listedMs: { type: Number, default: null, validate: nullableWholeNumber(Number.MIN_SAFE_INTEGER) },
      receivedMs: { type: Number, default: null, validate: nullableWholeNumber(Number.MIN_SAFE_INTEGER) },
      status: { type: Number, default: null, validate: nullableWholeNumber(1, 10) },
      channel: nullableText,
      procedure: nullableText,
      dueDay: { type: Number, default: null, validate: nullableWholeNumber(Number.MIN_SAFE_INTEGER) },
      klass: { type: String, required: true, enum: classEnum },
      settled: { type: Boolean, required: true },
      updatedAt: nullableText,
      contentHash: { type: String, required: true },
      version: { type: Number, required: true, validate: wholeNumber(1) },
      changedAt: { type: Date, required: true },
      keyId: { type: String, required: true, match: /^[A-Za-z0-9._-]{1,64}$/ },
      sealed: { type: Buffer, required: true },
    },
    { ...options, collection: 'dossiers' },
  );
  dossierSchema.index({ sortKey: 1 }, { name: DOSSIER_INDEX.sort });
  for (const depth of [1, 2, 3, 4] as const) dossierSchema.index({ [`path${depth}`]: 1, sortKey: 1 }, { name: DOSSIER_INDEX.path[depth] });
  dossierSchema.index({ procedure: 1, sortKey: 1 }, { name: DOSSIER_INDEX.procedure });
  dossierSchema.index({ source: 1, _id: 1 }, { name: DOSSIER_INDEX.unsettled, partialFilterExpression: { settled: false } });
  dossierSchema.index({ source: 1 }, { name: DOSSIER_INDEX.source });
  dossierSchema.index({ keyId: 1, _id: 1 }, { name: DOSSIER_INDEX.key });

  const rollupSchema = new Schema<RollupDocument>(
    {
      path: { type: String, required: true },
      day: { type: Number, required: true, validate: wholeNumber(-1) },
      status: { type: Number, required: true, validate: wholeNumber(-1, 10) },
      // No defaults in this schema: cells are created by upserts seeded from `$eq` filters,
      // and mongoose would add a default as `$setOnInsert`, overwriting the seeded value.
      channel: { type: String, validate: anyString },
      klass: { type: String, required: true, enum: classEnum },
      dueDay: { type: Number, required: true, validate: wholeNumber(-1) },
      n: { type: Number, required: true, validate: wholeNumber(Number.MIN_SAFE_INTEGER) },
    },
    { ...options, collection: 'dossier_rollups' },
  );
  rollupSchema.index({ path: 1, day: 1, status: 1, channel: 1, klass: 1, dueDay: 1 }, { name: 'dossier_rollup_cell', unique: true });

  const changeSchema = new Schema<ChangeDocument>(
    {
      _id: { type: Number, required: true, validate: wholeNumber(1) },
      code: { type: String, required: true },
      source: { type: String, required: true },
      version: { type: Number, required: true, validate: wholeNumber(1) },
      agencyCode: { type: String, required: true },
      oldStatus: { type: Number, default: null, validate: nullableWholeNumber(1, 10) },
      newStatus: { type: Number, default: null, validate: nullableWholeNumber(1, 10) },
      kind: { type: String, required: true, enum: ['created', 'updated'] },
      at: { type: Date, required: true },
    },
    { ...options, collection: 'dossier_changes' },
  );

  const counterSchema = new Schema<CounterDocument>(
    { _id: { type: String, required: true, enum: [CHANGE_COUNTER_ID] }, seq: { type: Number, required: true, validate: wholeNumber(0) } },
    { ...options, collection: 'counters' },
  );

  const checkpointSchema = new Schema<CheckpointDocument>(
    {
      _id: { type: String, required: true },
      state: {
        type: String,
        required: true,
        validate: { validator: isJsonObjectText, message: '{PATH} must be the JSON text of an object' },
      },
      updatedAt: { type: Date, required: true },
    },
    { ...options, collection: 'sync_checkpoints' },
  );

  return {
    Dossier: connection.model<DossierDocument>('Dossier', dossierSchema),
    DossierRollup: connection.model<RollupDocument>('DossierRollup', rollupSchema),
    DossierChange: connection.model<ChangeDocument>('DossierChange', changeSchema),
    Counter: connection.model<CounterDocument>('Counter', counterSchema),
    OutboxEntry: outboxModel(connection),
    SyncCheckpoint: connection.model<CheckpointDocument>('SyncCheckpoint', checkpointSchema),
  };
}

function isJsonObjectText(text: unknown): boolean {
  try {
    const value: unknown = JSON.parse(String(text));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
