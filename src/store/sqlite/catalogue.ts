import { randomUUID } from 'node:crypto';
import type { CatalogueMirrorRepository, CatalogueSnapshot, MirroredProcedure } from '../catalogue-mirror-repository';
import type { JsonObject } from '../json';
import { parseCatalogueSnapshot } from '../parse-catalogue-snapshot';
import { yieldToEventLoop } from '../yield-to-event-loop';
import type { SqliteContext, SqliteRepositoryDefinition } from './sqlite-repository';

type Kind = 'procedure' | 'agency' | 'sector';

/** Items per write transaction: about 500 KB of 5 KB procedures, a few milliseconds of blocking. */
const CHUNK = 100;
/** A snapshot that is not current and older than this was left by a save that died. */
const ORPHAN_AFTER_MS = 60 * 60 * 1000;

/**
 * The catalogue mirror in SQLite. A save writes its items under a new snapshot id in
 * chunks of {@link CHUNK} (each its own transaction, yielding to the event loop between
 * them), then flips the one-row `catalogue_current` pointer in a transaction that first
 * checks the new snapshot is complete, then deletes the previous snapshot. A load reads
 * pointer and items in one read transaction. So a reader sees the old or the new
 * snapshot, never a mix, even if the process dies mid-save.
 */
export const catalogue: SqliteRepositoryDefinition<CatalogueMirrorRepository> = {
  migrations: [
    {
      name: 'create catalogue_snapshot, catalogue_item and catalogue_current',
      sql: `
        CREATE TABLE catalogue_snapshot (
          id TEXT NOT NULL PRIMARY KEY,
          refreshed_at INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          procedure_count INTEGER NOT NULL,
          agency_count INTEGER NOT NULL,
          sector_count INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX catalogue_snapshot_created ON catalogue_snapshot (created_at);
        CREATE TABLE catalogue_item (
          snapshot_id TEXT NOT NULL REFERENCES catalogue_snapshot (id) ON DELETE CASCADE,
          kind TEXT NOT NULL CHECK (kind IN ('procedure', 'agency', 'sector')),
          seq INTEGER NOT NULL,
          code TEXT CHECK ((kind = 'procedure') = (code IS NOT NULL)),
          json TEXT NOT NULL,
          PRIMARY KEY (snapshot_id, kind, seq)
        ) STRICT;
        CREATE UNIQUE INDEX catalogue_item_code ON catalogue_item (snapshot_id, code) WHERE kind = 'procedure';
        CREATE TABLE catalogue_current (
          id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
          snapshot_id TEXT NOT NULL REFERENCES catalogue_snapshot (id)
        ) STRICT;
      `,
    },
  ],

  create({ db }: SqliteContext): CatalogueMirrorRepository {
    const insertSnapshot = db.prepare(
      'INSERT INTO catalogue_snapshot (id, refreshed_at, created_at, procedure_count, agency_count, sector_count) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertItem = db.prepare('INSERT INTO catalogue_item (snapshot_id, kind, seq, code, json) VALUES (?, ?, ?, ?, ?)');
    const countItems = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM catalogue_item WHERE snapshot_id = ?');
    const selectCurrent = db.prepare<[], { snapshot_id: string }>('SELECT snapshot_id FROM catalogue_current WHERE id = 1');
    const setCurrent = db.prepare('INSERT INTO catalogue_current (id, snapshot_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET snapshot_id = excluded.snapshot_id');
    const selectSnapshot = db.prepare<[string], SnapshotRow>('SELECT * FROM catalogue_snapshot WHERE id = ?');
    const selectItems = db.prepare<[string], ItemRow>('SELECT kind, json FROM catalogue_item WHERE snapshot_id = ? ORDER BY kind, seq');
    const deleteItemsChunk = db.prepare(
      `DELETE FROM catalogue_item WHERE rowid IN (SELECT rowid FROM catalogue_item WHERE snapshot_id = ? LIMIT ${CHUNK})`,
    );
    const deleteSnapshotRow = db.prepare('DELETE FROM catalogue_snapshot WHERE id = ?');
    const selectOrphans = db.prepare<[number], { id: string }>(
      'SELECT id FROM catalogue_snapshot WHERE created_at < ? AND id NOT IN (SELECT snapshot_id FROM catalogue_current)',
    );

    const insertChunk = db.transaction((snapshotId: string, kind: Kind, items: JsonObject[], offset: number) => {
      items.forEach((item, index) => {
        insertItem.run(snapshotId, kind, offset + index, kind === 'procedure' ? (item as MirroredProcedure).code : null, JSON.stringify(item));
      });
    });

    const flip = db.transaction((snapshotId: string, expected: number): string | undefined => {
      const written = countItems.get(snapshotId)?.n ?? 0;
      if (written !== expected) {
        throw new Error(`Catalogue snapshot ${snapshotId} has ${written} of its ${expected} items (deleted by a concurrent save?); the previous snapshot is kept.`);
      }
      const previous = selectCurrent.get()?.snapshot_id;
      setCurrent.run(snapshotId);
      return previous;
    });

    async function deleteSnapshot(snapshotId: string): Promise<void> {
      while (deleteItemsChunk.run(snapshotId).changes === CHUNK) await yieldToEventLoop();
      deleteSnapshotRow.run(snapshotId);
    }

    async function saveSnapshot(snapshot: CatalogueSnapshot): Promise<void> {
      const { refreshedAt, procedures, agencies, sectors } = parseCatalogueSnapshot(snapshot);
      const snapshotId = randomUUID();
      insertSnapshot.run(snapshotId, refreshedAt.getTime(), Date.now(), procedures.length, agencies.length, sectors.length);
      let previous: string | undefined;
      try {
        const lists: Array<[Kind, JsonObject[]]> = [['procedure', procedures], ['agency', agencies], ['sector', sectors]];
        for (const [kind, items] of lists) {
          for (let offset = 0; offset < items.length; offset += CHUNK) {
            insertChunk(snapshotId, kind, items.slice(offset, offset + CHUNK), offset);
            await yieldToEventLoop();
          }
        }
        previous = flip(snapshotId, procedures.length + agencies.length + sectors.length);
      } catch (error) {
        await deleteSnapshot(snapshotId).catch(() => undefined);
        throw error;
      }
      if (previous !== undefined) await deleteSnapshot(previous);
      for (const orphan of selectOrphans.all(Date.now() - ORPHAN_AFTER_MS)) await deleteSnapshot(orphan.id);
    }

    const load = db.transaction((): CatalogueSnapshot | null => {
      const current = selectCurrent.get();
      if (!current) return null;
      const meta = selectSnapshot.get(current.snapshot_id);
      if (!meta) throw new Error(`The catalogue pointer names snapshot ${current.snapshot_id}, which does not exist.`);
      const lists: Record<Kind, JsonObject[]> = { procedure: [], agency: [], sector: [] };
      for (const row of selectItems.iterate(current.snapshot_id)) lists[row.kind].push(JSON.parse(row.json) as JsonObject);
      if (lists.procedure.length !== meta.procedure_count || lists.agency.length !== meta.agency_count || lists.sector.length !== meta.sector_count) {
        throw new Error(`Catalogue snapshot ${meta.id} is incomplete; this should be impossible, the pointer only moves to complete snapshots.`);
      }
      return {
        refreshedAt: new Date(meta.refreshed_at),
        procedures: lists.procedure as MirroredProcedure[],
        agencies: lists.agency,
        sectors: lists.sector,
      };
    });

    const selectCurrentMeta = db.prepare<[], { refreshed_at: number }>(
      'SELECT s.refreshed_at FROM catalogue_current c JOIN catalogue_snapshot s ON s.id = c.snapshot_id WHERE c.id = 1',
    );

    return {
      saveSnapshot,
      loadSnapshot: async () => load(),
      async lastRefreshedAt() {
        const row = selectCurrentMeta.get();
        return row ? new Date(row.refreshed_at) : null;
      },
    };
  },
};

interface SnapshotRow {
  id: string;
  refreshed_at: number;
  created_at: number;
  procedure_count: number;
  agency_count: number;
  sector_count: number;
}

interface ItemRow {
  kind: Kind;
  json: string;
}
