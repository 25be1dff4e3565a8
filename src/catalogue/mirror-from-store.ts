import type { CatalogueMirrorRepository, JsonObject, MirroredProcedure } from '../store';
import type { CatalogueMirror, CatalogueSnapshot } from './procedure-catalogue';

/**
 * The store's catalogue mirror seen as the catalogue's typed mirror. The store keeps the
 * records as opaque JSON; they are the catalogue's own ProcedureRecord, AgencyRecord and
 * SectorRecord, written by this same adapter.
 */
export function mirrorFromStore(repository: CatalogueMirrorRepository): CatalogueMirror {
  return {
    saveSnapshot: (snapshot) =>
      repository.saveSnapshot({
        refreshedAt: snapshot.refreshedAt,
        procedures: snapshot.procedures as unknown as MirroredProcedure[],
        agencies: snapshot.agencies as unknown as JsonObject[],
        sectors: snapshot.sectors as unknown as JsonObject[],
      }),
    loadSnapshot: async () => (await repository.loadSnapshot()) as unknown as CatalogueSnapshot | null,
    lastRefreshedAt: () => repository.lastRefreshedAt(),
  };
}
