import type { DossierCore } from './draw-core';
import type { Dossier, NationalStatus } from './types';

/** What listings filter and sort on, for one dossier in its current state: instants as epoch milliseconds. */
export interface DossierFacts {
  /** The dossier's place in registration order: the tie-breaker that keeps paging stable. */
  index: number;
  status: NationalStatus;
  awaitingExtension: boolean;
  /** Reception, or submission when never received: what motcua and soap list by. */
  listedAt: number;
  submittedAt: number;
  receivedAt: number | null;
  appointmentAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
  agencyCode: string;
  procedureCode: string;
}

export function factsOfCore(core: DossierCore): DossierFacts {
  return {
    index: core.index,
    status: core.status,
    awaitingExtension: core.awaitingExtension,
    listedAt: core.listedAt,
    submittedAt: core.submittedAt,
    receivedAt: core.receivedAt,
    appointmentAt: core.appointmentAt,
    finishedAt: core.finishedAt,
    updatedAt: core.updatedAt,
    agencyCode: core.agency.MADONVI,
    procedureCode: core.procedureCode,
  };
}

export function factsOfDossier(dossier: Dossier, index: number): DossierFacts {
  const instant = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));
  const receivedAt = instant(dossier.receivedAt);
  const submittedAt = Date.parse(dossier.submittedAt);
  return {
    index,
    status: dossier.status,
    awaitingExtension: dossier.awaitingExtension,
    listedAt: receivedAt ?? submittedAt,
    submittedAt,
    receivedAt,
    appointmentAt: instant(dossier.appointmentAt),
    finishedAt: instant(dossier.finishedAt),
    updatedAt: Date.parse(dossier.updatedAt),
    agencyCode: dossier.agencyCode,
    procedureCode: dossier.procedureCode,
  };
}
