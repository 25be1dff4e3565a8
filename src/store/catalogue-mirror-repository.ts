import type { JsonObject } from './json';

/** A procedure in the gateway's own mapped model; the mirror is keyed by its `code`. */
export interface MirroredProcedure extends JsonObject {
  code: string;
}

/** The whole procedure catalogue as last fetched from the national database. */
export interface CatalogueSnapshot {
  refreshedAt: Date;
  /** Unique by `code`; otherwise opaque JSON. Order is kept. */
  procedures: MirroredProcedure[];
  agencies: JsonObject[];
  sectors: JsonObject[];
}

/**
 * The last good copy of the procedure catalogue, so procedure queries keep answering
 * (marked stale) while the national database is down.
 */
export interface CatalogueMirrorRepository {
  /**
   * Replaces the previous snapshot. Readers see either the previous snapshot or this one,
   * never a mix, including when the save fails or the process dies halfway. Rejects with a
   * TypeError when a procedure has no string `code` or two share one.
   */
  saveSnapshot(snapshot: CatalogueSnapshot): Promise<void>;
  /** The last saved snapshot, or null when none was ever saved. */
  loadSnapshot(): Promise<CatalogueSnapshot | null>;
  /** When the last saved snapshot was refreshed, without reading it (one small read); null when none was saved. */
  lastRefreshedAt(): Promise<Date | null>;
}
