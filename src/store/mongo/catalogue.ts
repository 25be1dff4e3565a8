import { randomUUID } from 'node:crypto';
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import type { CatalogueMirrorRepository, CatalogueSnapshot, MirroredProcedure } from '../catalogue-mirror-repository';
import type { JsonObject } from '../json';
import { parseCatalogueSnapshot } from '../parse-catalogue-snapshot';
import type { MongoRepositoryDefinition } from './mongo-repository';

type Kind = 'procedure' | 'agency' | 'sector';

export interface CatalogueSnapshotDocument {
  _id: string;
  refreshedAt: Date;
  createdAt: Date;
  procedureCount: number;
  agencyCount: number;
  sectorCount: number;
}

/** One procedure, agency or sector; `json` keeps the object exactly as JSON, whatever its keys. */
export interface CatalogueItemDocument {
  snapshotId: string;
  kind: Kind;
  seq: number;
  code: string | null;
  json: string;
}

/** The single document `{ _id: 'current' }` naming the snapshot readers see. */
export interface CataloguePointerDocument {
  _id: string;
  snapshotId: string;
}

type CatalogueModels = {
  CatalogueSnapshot: Model<CatalogueSnapshotDocument>;
  CatalogueItem: Model<CatalogueItemDocument>;
  CataloguePointer: Model<CataloguePointerDocument>;
};

const CHUNK = 500;
const ORPHAN_AFTER_MS = 60 * 60 * 1000;
const READ_ATTEMPTS = 3;
const POINTER_ID = 'current';

/**
 * The catalogue mirror in MongoDB, without needing transactions: a save writes its items
 * under a new snapshot id, checks they are all there, then flips the pointer document in
 * one atomic update and deletes the previous snapshot. A load reads the pointer, then the
 * items, and reads again if a concurrent save deleted them in between (the counts on the
 * snapshot document tell). Snapshots a dead save left behind are deleted after an hour.
 */
export const catalogue: MongoRepositoryDefinition<CatalogueMirrorRepository, CatalogueModels> = {
  defineModels(connection: Connection): CatalogueModels {
    const options = { versionKey: false, strict: 'throw', autoIndex: false, autoCreate: false } as const;
    const count = { type: Number, required: true, min: 0, validate: Number.isInteger };
    const snapshotSchema = new Schema<CatalogueSnapshotDocument>(
      {
        _id: { type: String, required: true },
        refreshedAt: { type: Date, required: true },
        createdAt: { type: Date, required: true },
        procedureCount: count,
        agencyCount: count,
        sectorCount: count,
      },
      { ...options, collection: 'catalogue_snapshots' },
    );
    snapshotSchema.index({ createdAt: 1 }, { name: 'catalogue_snapshot_created' });

    const itemSchema = new Schema<CatalogueItemDocument>(
      {
        snapshotId: { type: String, required: true },
        kind: { type: String, required: true, enum: ['procedure', 'agency', 'sector'] },
        seq: { type: Number, required: true, min: 0, validate: Number.isInteger },
        code: {
          type: String,
          default: null,
          validate: {
            validator(this: unknown, code: unknown) {
              return (this as CatalogueItemDocument).kind === 'procedure' ? typeof code === 'string' && code.length > 0 : code === null;
            },
            message: 'a procedure needs a code, agencies and sectors have none',
          },
        },
        json: { type: String, required: true },
      },
      { ...options, collection: 'catalogue_items' },
    );
    itemSchema.index({ snapshotId: 1, kind: 1, seq: 1 }, { name: 'catalogue_item_order', unique: true });
    itemSchema.index({ snapshotId: 1, code: 1 }, { name: 'catalogue_item_code', unique: true, partialFilterExpression: { kind: 'procedure' } });

    const pointerSchema = new Schema<CataloguePointerDocument>(
      { _id: { type: String, required: true, enum: [POINTER_ID] }, snapshotId: { type: String, required: true } },
      { ...options, collection: 'catalogue_current' },
    );

    return {
      CatalogueSnapshot: connection.model<CatalogueSnapshotDocument>('CatalogueSnapshot', snapshotSchema),
      CatalogueItem: connection.model<CatalogueItemDocument>('CatalogueItem', itemSchema),
      CataloguePointer: connection.model<CataloguePointerDocument>('CataloguePointer', pointerSchema),
    };
  },

  create({ CatalogueSnapshot, CatalogueItem, CataloguePointer }: CatalogueModels): CatalogueMirrorRepository {
    async function deleteSnapshot(snapshotId: string): Promise<void> {
      await CatalogueItem.deleteMany({ snapshotId: { $eq: snapshotId } });
      await CatalogueSnapshot.deleteOne({ _id: { $eq: snapshotId } });
    }

    async function readOnce(): Promise<CatalogueSnapshot | null | 'changed'> {
      const pointer = await CataloguePointer.findOne({ _id: { $eq: POINTER_ID } }).lean();
      if (!pointer) return null;
      const [meta, items] = await Promise.all([
        CatalogueSnapshot.findOne({ _id: { $eq: pointer.snapshotId } }).lean(),
        CatalogueItem.find({ snapshotId: { $eq: pointer.snapshotId } }).sort({ kind: 1, seq: 1 }).select({ kind: 1, json: 1, _id: 0 }).lean(),
      ]);
      const lists: Record<Kind, JsonObject[]> = { procedure: [], agency: [], sector: [] };
      for (const item of items) lists[item.kind].push(JSON.parse(item.json) as JsonObject);
      const complete =
        meta !== null &&
        lists.procedure.length === meta.procedureCount &&
        lists.agency.length === meta.agencyCount &&
        lists.sector.length === meta.sectorCount;
      if (!complete) return 'changed';
      return { refreshedAt: meta.refreshedAt, procedures: lists.procedure as MirroredProcedure[], agencies: lists.agency, sectors: lists.sector };
    }

    return {
      async saveSnapshot(snapshot) {
        const { refreshedAt, procedures, agencies, sectors } = parseCatalogueSnapshot(snapshot);
        const snapshotId = randomUUID();
        await CatalogueSnapshot.create({
          _id: snapshotId,
          refreshedAt,
          createdAt: new Date(),
          procedureCount: procedures.length,
          agencyCount: agencies.length,
          sectorCount: sectors.length,
        });
        let previous: string | undefined;
        try {
          const lists: Array<[Kind, JsonObject[]]> = [['procedure', procedures], ['agency', agencies], ['sector', sectors]];
          for (const [kind, items] of lists) {
            for (let offset = 0; offset < items.length; offset += CHUNK) {
              const documents = items.slice(offset, offset + CHUNK).map((item, index) => ({
                snapshotId,
                kind,
                seq: offset + index,
                code: kind === 'procedure' ? (item as MirroredProcedure).code : null,
                json: JSON.stringify(item),
              }));
              await CatalogueItem.insertMany(documents, { ordered: true });
            }
          }
          const expected = procedures.length + agencies.length + sectors.length;
          const written = await CatalogueItem.countDocuments({ snapshotId: { $eq: snapshotId } });
          if (written !== expected) throw new Error(`Catalogue snapshot ${snapshotId} has ${written} of its ${expected} items; the previous snapshot is kept.`);
          const before = await CataloguePointer.findOneAndUpdate(
            { _id: { $eq: POINTER_ID } },
            { $set: { snapshotId } },
            { upsert: true, returnDocument: 'before' },
          ).lean();
          previous = before?.snapshotId;
        } catch (error) {
          await deleteSnapshot(snapshotId).catch(() => undefined);
          throw error;
        }
        if (previous !== undefined) await deleteSnapshot(previous);
        const current = (await CataloguePointer.findOne({ _id: { $eq: POINTER_ID } }).lean())?.snapshotId ?? snapshotId;
        const orphans = await CatalogueSnapshot.find({
          createdAt: mongoose.trusted({ $lt: new Date(Date.now() - ORPHAN_AFTER_MS) }),
          _id: mongoose.trusted({ $ne: current }),
        }).select({ _id: 1 }).lean();
        for (const orphan of orphans) await deleteSnapshot(orphan._id);
      },

      /*
       * Two small reads by `_id`: the pointer, then its snapshot's document. A save that
       * moves the pointer and deletes the previous snapshot between the two leaves the
       * pointer read stale, not the mirror empty, so the pointer is read again rather than
       * answering null ("never saved").
       */
      async lastRefreshedAt() {
        for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt += 1) {
          const pointer = await CataloguePointer.findOne({ _id: { $eq: POINTER_ID } }).lean();
          if (!pointer) return null;
          const meta = await CatalogueSnapshot.findOne({ _id: { $eq: pointer.snapshotId } }).select({ refreshedAt: 1 }).lean();
          if (meta) return meta.refreshedAt;
        }
        throw new Error(`The catalogue mirror changed during ${READ_ATTEMPTS} consecutive reads; try again.`);
      },

      async loadSnapshot() {
        for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt += 1) {
          const result = await readOnce();
          if (result !== 'changed') return result;
        }
        throw new Error(`The catalogue mirror changed during ${READ_ATTEMPTS} consecutive reads; try again.`);
      },
    };
  },
};
