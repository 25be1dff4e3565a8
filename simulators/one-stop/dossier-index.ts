import type { Dossier } from './types';

/** A dossier with its instants parsed once, for filtering and sorting on every request. */
export interface IndexedDossier {
  dossier: Dossier;
  /** Position in the canonical list: the tie-breaker that keeps paging stable. */
  position: number;
  /** Reception, or submission when never received: what motcua and soap filter and sort on. */
  listedAt: number;
  submittedAt: number;
  receivedAt: number | null;
  appointmentAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
}

export interface DossierIndex {
  all: readonly IndexedDossier[];
  byCode: ReadonlyMap<string, IndexedDossier>;
}

export function indexDossiers(dossiers: readonly Dossier[]): DossierIndex {
  const instant = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));
  const all = dossiers.map((dossier, position) => {
    const receivedAt = instant(dossier.receivedAt);
    const submittedAt = Date.parse(dossier.submittedAt);
    return {
      dossier,
      position,
      listedAt: receivedAt ?? submittedAt,
      submittedAt,
      receivedAt,
      appointmentAt: instant(dossier.appointmentAt),
      finishedAt: instant(dossier.finishedAt),
      updatedAt: Date.parse(dossier.updatedAt),
    };
  });
  return { all, byCode: new Map(all.map((entry) => [entry.dossier.code, entry])) };
}
