/**
 * What the simulated portal keeps, exactly as it accepted it: the records arrive as JSON
 * objects under the portal's keys (docs/sources.md §4), every value a string, and are stored
 * untouched, so a test compares what the gateway sent with what the portal holds.
 */

/** A dossier record (a `DongBoHoSoMC` data item) or a step (a `CapNhatTienDoHoSoMC` data item), as sent. */
export type PortalRecord = Record<string, unknown>;

/** One dossier as the portal holds it. */
export interface PortalDossierState {
  /** MaHoSo. */
  code: string;
  /** Accepted DongBoHoSoMC writes of this dossier: 1 after its creation, +1 per accepted update. */
  version: number;
  /** The record of the last accepted write, as sent. */
  record: PortalRecord;
  /** Its steps, one per step identity (see README), in the order first received. */
  steps: PortalRecord[];
  /** Accepted CapNhatTienDoHoSoMC writes that carried steps of this dossier. */
  stepWrites: number;
  /** When it was created and last written, ISO 8601 UTC. */
  createdAt: string;
  updatedAt: string;
}

/** One accepted write, in the order the portal accepted them. */
export interface PortalWrite {
  /** 1, 2, 3, … across the whole simulator. */
  seq: number;
  /** ISO 8601 UTC. */
  at: string;
  /** `create` and `update` are DongBoHoSoMC (isUpdating False / True), `steps` is CapNhatTienDoHoSoMC. */
  mode: 'create' | 'update' | 'steps';
  code: string;
  /** The dossier's version after this write. */
  version: number;
  /** The dossier record written (create, update) or the steps written (steps), as sent. */
  record?: PortalRecord;
  steps?: PortalRecord[];
}

/** Everything the simulated portal holds, for tests: `state()` in process, `GET /__sim/state` over HTTP. */
export interface PortalState {
  /** Every dossier held, by code. */
  dossiers: PortalDossierState[];
  /** Accepted writes, oldest first; the oldest are dropped beyond `historyLimit`. */
  history: PortalWrite[];
  /** How many writes were dropped from the front of `history`. */
  historyDropped: number;
  /** Refused writes and look-ups by `error_code`, e.g. `{"10": 2, "-3": 1}`. */
  refusals: Record<string, number>;
}
