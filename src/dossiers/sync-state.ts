import type { JsonObject } from '../store';

/** Where the first full read of a province stands. */
export interface BackfillState {
  /** The oldest reception instant read (now − windowDays at the start), epoch ms. */
  from: number;
  /** Reception instants up to here are read by the backfill; later ones by the steady passes. */
  until: number;
  /** The reception window being read: [windowFrom, windowFrom + span), and the next page of it. */
  windowFrom: number;
  page: number;
  /** Next page of the "never received" listing, once the windows are done; null when not started. */
  pendingPage: number | null;
  /** Dossiers read so far, for progress. */
  read: number;
  startedAt: number;
}

/** Where the slow full re-read that catches silent corrections stands. */
export interface ReconcileState {
  /** When the next full re-read starts (epoch ms). */
  nextAt: number;
  /** Set while one is running: its window and page. */
  windowFrom: number | null;
  page: number;
  startedAt: number | null;
  read: number;
  corrected: number;
}

/** What the last pass did, for freshness, /readyz and the bench. */
export interface PassReport {
  at: number;
  ok: boolean;
  /** Catalogue code of the failure, when it failed. */
  error: string | null;
  message: string | null;
  durationMs: number;
  /** Upstream records read, and what the store made of them. */
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Open dossiers re-read (the status listings and the ones that left them). */
  open: number;
}

/** A province's sync checkpoint, kept in the store and written with each batch. */
export interface ProvinceSyncState {
  phase: 'backfill' | 'steady';
  backfill: BackfillState | null;
  /** Dialects that filter by update time: re-read from here (epoch ms; an overlap is subtracted when it is set). */
  updatedSince: number | null;
  /** Dialects that do not: newly received dossiers are read from here (epoch ms). */
  receivedSince: number | null;
  reconcile: ReconcileState | null;
  /** The last finished pass (successful or not); passes run once per interval across replicas from this. */
  lastPass: PassReport | null;
  /** The last successful pass's end, epoch ms: how current the copy is. */
  lastSuccessAt: number | null;
  /**
   * The newest update and reception instants the province itself has written on the
   * dossiers read (epoch ms): cursors follow the province's clock, not ours, so a vendor
   * server whose clock is behind or ahead of the gateway's loses nothing.
   */
  newestUpdatedMs: number | null;
  newestReceivedMs: number | null;
}

export function initialSyncState(): ProvinceSyncState {
  return { phase: 'backfill', backfill: null, updatedSince: null, receivedSince: null, reconcile: null, lastPass: null, lastSuccessAt: null, newestUpdatedMs: null, newestReceivedMs: null };
}

/** Reads a checkpoint written by `toCheckpoint`; anything unreadable starts over from scratch (and says so in the log). */
export function parseSyncState(value: JsonObject | null | undefined): ProvinceSyncState {
  if (!value || (value.phase !== 'backfill' && value.phase !== 'steady')) return initialSyncState();
  return { ...initialSyncState(), ...(value as unknown as Partial<ProvinceSyncState>) };
}

export function toCheckpoint(state: ProvinceSyncState): JsonObject {
  return JSON.parse(JSON.stringify(state)) as JsonObject;
}
