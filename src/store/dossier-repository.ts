import type { JsonObject } from './json';

/** How a dossier's processing stands for the published figures, fixed when it is written. */
export type DossierClass = 'ON_TIME' | 'LATE' | 'OPEN' | 'OTHER';

/**
 * The plain, indexed facts of one dossier: everything a filter, an order or a figure
 * needs, and nothing personal. The caller (`src/dossiers`) derives them from the record by
 * the gateway's rules; the store only keeps and indexes them.
 */
export interface DossierFacts {
  /** Dossier code (MaHoSo), the key. */
  code: string;
  /** The configured source (province) it came from. */
  source: string;
  /** The processing agency's full code. */
  agencyCode: string;
  /**
   * The processing agency's path at depth 1 to 4 (`H56`, `H56.41`, `H56.41.01`,
   * `H56.41.01.000`): "this unit and everything under it" is an equality on one of them.
   */
  agencyPaths: readonly [string, string, string, string];
  /** The instant lists order by, newest first: reception, else submission (epoch ms); null sorts last. */
  listedMs: number | null;
  /** Reception instant (epoch ms); null before reception and for refused dossiers. */
  receivedMs: number | null;
  /** National status 1–10, or null when unmapped. */
  status: number | null;
  channel: string | null;
  /** The national procedure code, or null when unknown. */
  procedure: string | null;
  /** Vietnam-time day of the appointment (`vietnamDayOfMs`), or null when none. */
  dueDay: number | null;
  klass: DossierClass;
  /**
   * Nothing more will happen to it but silent corrections (returned, refused, withdrawn,
   * stopped): a sync that cannot list by update time re-reads every dossier not settled.
   */
  settled: boolean;
  /** The vendor's own update instant as sent, when it sends one. */
  updatedAt: string | null;
  /** A digest of the whole record: equal digests mean nothing changed. */
  contentHash: string;
}

/** One dossier as the sync writes it: its facts and the whole record (kept encrypted). */
export interface DossierWrite {
  facts: DossierFacts;
  /** The gateway's model of the dossier; opaque to the store, sealed at rest. */
  record: JsonObject;
  /** `JSON.stringify(record)`, when the caller has it already (it digested it). */
  recordJson?: string;
}

/** A dossier as stored. */
export interface StoredDossier {
  facts: DossierFacts;
  /** Its place in every list (`dossierSortKey`), for keyset cursors. */
  sortKey: string;
  record: JsonObject;
  /** Starts at 1, grows by one with every change the store accepts. */
  version: number;
  /** When the store last accepted a change of it. */
  changedAt: Date;
}

/** A change the store accepted, as recorded in the change log (oldest first by `seq`). */
export interface DossierChange {
  seq: number;
  code: string;
  source: string;
  version: number;
  /** The processing agency's full code. */
  agencyCode: string;
  oldStatus: number | null;
  newStatus: number | null;
  /** Null for a dossier seen for the first time. */
  kind: 'created' | 'updated';
  at: Date;
}

/** The position a sync pass has reached in one source; opaque JSON to the store. */
export interface SyncCheckpoint {
  source: string;
  state: JsonObject;
  updatedAt: Date;
}

/** Proof of holding a lease: every write made under it carries this. */
export interface LeaseFence {
  name: string;
  holder: string;
  /** Grows by one each time the lease changes hands; a write with an older token is refused. */
  token: number;
}

export interface ApplyDossiersInput {
  dossiers: readonly DossierWrite[];
  /** Written in the same transaction, after the dossiers. */
  checkpoint?: { source: string; state: JsonObject };
  /** When given, the whole write is refused with LEASE_LOST unless the lease is still this one. */
  fence?: LeaseFence;
  /** Consumers (e.g. `portal`) whose outbox gets each changed dossier, in the same transaction. */
  enqueue?: readonly string[];
  /** Only dossiers listed (received, else submitted) at or after this instant, or undated, are enqueued. */
  enqueueSinceMs?: number;
  now?: Date;
}

export interface ApplyDossiersResult {
  created: number;
  updated: number;
  unchanged: number;
  changes: DossierChange[];
}

/**
 * Where in the code hierarchy a query looks: the dossiers whose agency path at `depth`
 * equals `path`: one unit and everything under it, or exactly one agency at depth 4.
 */
export interface AgencyScope {
  depth: 1 | 2 | 3 | 4;
  path: string;
}

export interface DossierQuery {
  /** Absent: every agency of every source. */
  scope?: AgencyScope;
  statuses?: readonly number[];
  channel?: string;
  procedure?: string;
  /** Reception window in epoch ms: from inclusive, to exclusive. Dossiers never received are left out when either is set. */
  receivedFromMs?: number;
  receivedToMs?: number;
  /** True: finished late, or open after its due day. False: everything else. */
  late?: boolean;
  /** "Today" for lateness of open dossiers, as a Vietnam-time day. */
  today: number;
}

export interface DossierPageRequest {
  /** 0 to 1000. */
  first: number;
  /** The `sortKey` of the last dossier of the previous page. */
  afterKey?: string;
}

export interface DossierStatisticsQuery {
  scope: AgencyScope;
  /** Reception in [fromMs, toMs), epoch ms. */
  fromMs: number;
  toMs: number;
  today: number;
}

/** Counts of dossiers received in a period, by how they stand. */
export interface DossierCounts {
  received: number;
  online: number;
  processed: number;
  onTime: number;
  late: number;
  inProgress: number;
  overdue: number;
}

/**
 * The provinces' dossiers, kept for lists, figures and the national portal's sync. A
 * write is a batch applied atomically together with its change log, outbox entries and the
 * source's checkpoint, optionally fenced by a lease, so a sync pass that dies halfway
 * leaves a consistent store and one that lost its lease writes nothing.
 */
export interface DossierRepository {
  /**
   * Applies a batch: a dossier whose `contentHash` equals the stored one is left as it is
   * (no version, no change, no outbox entry: applying the same data twice is a no-op);
   * any other is written with the next version, recorded in the change log and enqueued
   * for each of `enqueue`. Rejects with LEASE_LOST when `fence` no longer holds.
   */
  apply(input: ApplyDossiersInput): Promise<ApplyDossiersResult>;
  get(code: string): Promise<StoredDossier | null>;
  /** In the order of `codes`, null where unknown. */
  getMany(codes: readonly string[]): Promise<Array<StoredDossier | null>>;
  /** A page in `sortKey` order; `hasNextPage` tells whether more match after it. */
  list(query: DossierQuery, page: DossierPageRequest): Promise<{ items: StoredDossier[]; hasNextPage: boolean }>;
  count(query: DossierQuery): Promise<number>;
  /** The published figures over dossiers received in a period, from maintained rollups. */
  statistics(query: DossierStatisticsQuery): Promise<DossierCounts>;
  /** Codes of a source's dossiers that are not settled, in code order after `afterCode`. */
  unsettledCodes(source: string, afterCode: string | null, limit: number): Promise<string[]>;
  /** How many dossiers each source holds. */
  countBySource(): Promise<Record<string, number>>;
  /** The change log after `afterSeq`, oldest first. */
  changesAfter(afterSeq: number, limit: number): Promise<DossierChange[]>;
  loadCheckpoint(source: string): Promise<SyncCheckpoint | null>;
  /** Re-seals every record under the newest key, `batch` at a time; resolves with how many were re-sealed. */
  reseal(onProgress?: (done: number) => void, batch?: number): Promise<number>;
}

/** A named, expiring lock shared by every replica on one store. */
export interface Lease {
  name: string;
  holder: string;
  token: number;
  expiresAt: Date;
}

export interface LeaseRepository {
  /**
   * Takes `name` for `holder` for `ttlMs` when it is free, expired, or already this
   * holder's (then it is renewed, same token); resolves null when someone else holds it.
   * A new holder gets the previous token plus one.
   */
  acquire(name: string, holder: string, ttlMs: number, now?: Date): Promise<Lease | null>;
  /** Extends the lease when `fence` still holds it; resolves null when it was lost. */
  renew(fence: LeaseFence, ttlMs: number, now?: Date): Promise<Lease | null>;
  /** Lets it go at once when `fence` still holds it (the token stays, so fencing still works). */
  release(fence: LeaseFence): Promise<void>;
  get(name: string): Promise<Lease | null>;
}

/** One dossier a consumer (e.g. `portal`) still has to deliver, at the version last enqueued. */
export interface OutboxEntry {
  consumer: string;
  code: string;
  source: string;
  version: number;
  state: 'pending' | 'dead';
  attempts: number;
  dueAt: Date;
  lastError: string | null;
  enqueuedAt: Date;
}

/** A delivery's outcome, written only when the entry still holds the version delivered. */
export type OutboxOutcome = { kind: 'retry'; at: Date; error: string } | { kind: 'dead'; error: string };

/** Deliveries per consumer, source and Vietnam-time day. */
export interface OutboxDayCount {
  source: string;
  day: number;
  delivered: number;
  failed: number;
  dead: number;
}

/**
 * What each consumer still has to deliver, one entry per dossier (a newer change replaces
 * the version of a waiting entry: consumers deliver a dossier's latest state, so versions
 * never arrive out of order). Entries are written by `DossierRepository.apply` in the same
 * transaction as the change; every outcome here is conditional on the version delivered
 * and, when given, on the delivering replica's lease.
 */
export interface OutboxRepository {
  /** Up to `limit` pending entries of `consumer` for `source`, due by `now`, soonest due first. */
  due(consumer: string, source: string, now: Date, limit: number): Promise<OutboxEntry[]>;
  /**
   * Delivered `version`: removes the entry if it holds that version or an older one (an
   * entry left at an older version, e.g. enqueued before a change that was not, is settled
   * by delivering the newer state); resolves false when a newer change is waiting.
   */
  complete(consumer: string, code: string, version: number, fence?: LeaseFence, now?: Date): Promise<boolean>;
  /**
   * Before a delivery: notes it in `lastError` (`note`, e.g. "delivery started by …") and
   * puts the entry out of reach until `until` (due again then, should the deliverer die
   * mid-way), if it is pending at `version`; resolves false otherwise. A later deliverer
   * that finds a note or `attempts > 0` knows an earlier one may have reached the target.
   * The attempt itself is counted by the outcome (`fail`), not here.
   */
  claim(consumer: string, code: string, version: number, until: Date, note: string, fence?: LeaseFence, now?: Date): Promise<boolean>;
  /** Not delivered: due again later, or a dead letter; only if the entry still holds `version`. */
  fail(consumer: string, code: string, version: number, outcome: OutboxOutcome, fence?: LeaseFence, now?: Date): Promise<boolean>;
  /** Dead letters in code order, after `afterCode`. */
  dead(consumer: string, options: { source?: string; first: number; afterCode?: string }): Promise<{ items: OutboxEntry[]; hasNextPage: boolean }>;
  /** Turns dead letters back into pending entries (of one source, or of the given codes); resolves with how many. */
  retryDead(consumer: string, options: { source?: string; codes?: readonly string[] }, now?: Date): Promise<number>;
  /** Enqueues every stored dossier of `source` listed (received, else submitted) at or after `sinceMs`, at its current version (re-sync from a date). */
  enqueueSince(consumer: string, source: string, sinceMs: number, now?: Date): Promise<number>;
  /** Pending and dead entries per source, and the oldest pending entry's enqueue time. */
  depth(consumer: string): Promise<Array<{ source: string; pending: number; dead: number; oldestPendingAt: Date | null }>>;
  /** Deliveries counted per source and day, for days >= `sinceDay`. */
  dayCounts(consumer: string, sinceDay: number): Promise<OutboxDayCount[]>;
  setPaused(consumer: string, source: string, paused: boolean): Promise<void>;
  /** Sources of `consumer` whose delivery is paused. */
  paused(consumer: string): Promise<string[]>;
}
