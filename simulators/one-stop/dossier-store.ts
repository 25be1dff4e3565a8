import { createDossierLister, type DossierQuery } from './list-dossiers';
import type { Listing } from './merge-listing';
import type { ProvinceState } from './province-state';
import type { Dossier } from './types';

/** What a dialect's handler reads: listings, and dossiers in their current state. */
export interface DossierStore {
  /** Brings the clock's arrivals and changes in, then plans the listing. */
  list(query: DossierQuery): Listing;
  /** Dossier `index` as it stands now (changes and corrections applied). */
  dossier(index: number): Dossier;
  /** The index of the dossier with this code, or null when there is none (yet). */
  indexOfCode(code: string): number | null;
  /** Dossiers now. */
  total(): number;
}

export function createDossierStore(state: ProvinceState): DossierStore {
  const lister = createDossierLister(state);
  return {
    list: (query) => lister.list(query),
    dossier: (index) => state.dossier(index),
    indexOfCode(code) {
      state.sync();
      return state.data.indexOfCode(code, state.total());
    },
    total() {
      state.sync();
      return state.total();
    },
  };
}
