import type { AgencyScope, LeaseFence } from './dossier-repository';

/**
 * Where one delivery stands. `pending`: to send when due; `held`: a fallback waiting for the
 * earlier deliveries of its change (released when one fails for good, cancelled when one
 * is delivered); then one of the settled states.
 */
export type DeliveryState = 'pending' | 'held' | 'delivered' | 'dead' | 'cancelled';

/** The change of the dossier change log a delivery carries: nothing personal. */
export interface DeliveryChange {
  /** Its place in the change log. */
  seq: number;
  code: string;
  version: number;
  /** The processing agency's full code. */
  agencyCode: string;
  oldStatus: number | null;
  newStatus: number | null;
  /** When the store recorded the change. */
  at: Date;
}

/** One delivery a consumer plans for one change. */
export interface DeliveryPlan {
  /** Unique within the consumer, the same whenever the change is planned again (e.g. `<seq>/<target>`). */
  id: string;
  change: DeliveryChange;
  /** Where it goes: a channel's name, or a webhook's id. */
  target: string;
  /** What it is counted as, per day: `zalo-zns`, `sms-brandname`, `webhook`. */
  channel: string;
  /** Order among the deliveries of one change; a held one is released in this order. */
  rank: number;
  /** Waits for the earlier deliveries of its change (a fallback channel). */
  held: boolean;
  /** The exact body to send, when fixed at planning (a webhook's event); never personal data. */
  payload: string | null;
}

/** A delivery as stored. */
export interface Delivery extends DeliveryPlan {
  consumer: string;
  state: DeliveryState;
  /** Sends tried and failed so far. */
  attempts: number;
  dueAt: Date;
  lastError: string | null;
  /** The provider's id of what it took (ZNS `msg_id`, SMS id), once delivered. */
  providerId: string | null;
  /** Delivered by a provider that had already taken it (a send repeated after a crash). */
  duplicate: boolean;
  createdAt: Date;
  settledAt: Date | null;
}

/**
 * How a send ended, written only while the delivery is still pending: delivered (its
 * held siblings are cancelled with it), due again later, dead (failed for good: the first
 * held sibling is released with it), or cancelled (nothing to send any more).
 */
export type DeliveryOutcome =
  | { kind: 'delivered'; providerId: string | null; duplicate: boolean }
  | { kind: 'retry'; at: Date; error: string }
  | { kind: 'dead'; error: string }
  | { kind: 'cancelled'; reason: string };

/** One count of a planning or an outcome: of the change's agency, on the Vietnam-time day it is written. */
export interface DeliveryCount {
  agencyCode: string;
  channel: string;
  /** `sent`, `failed`, or a reason nothing was sent (`NO_CONSENT`, `NO_MOBILE_PHONE`, …). */
  outcome: string;
}

/** Counted deliveries of one day, channel and outcome. */
export interface DeliveryDayCount {
  /** Vietnam-time day number (`vietnamDayOfMs`). */
  day: number;
  channel: string;
  outcome: string;
  count: number;
}

/** What a consumer still has to do, and what it gave up on. */
export interface DeliveryDepth {
  pending: number;
  held: number;
  dead: number;
  oldestPendingAt: Date | null;
}

/**
 * Deliveries of dossier changes, one per change and target (a citizen's message on one
 * channel, a call of one webhook), each with its own state, attempts and due time, and a
 * cursor per consumer over the dossier change log. Planning a batch of changes writes
 * their deliveries, their skip counts and the new cursor in one transaction, so a crash
 * never loses a change's deliveries nor makes them twice; every write can be fenced by
 * the consumer's lease. Counts per agency path, day, channel and outcome are kept with
 * the writes that make them, and outlive purged deliveries.
 */
export interface DeliveryRepository {
  /**
   * The consumer's position in the change log: the `seq` of the last change it planned.
   * A consumer seen for the first time starts at the log's head (it announces what happens
   * from now on, never the history), which is recorded at once.
   */
  cursor(consumer: string, now?: Date): Promise<number>;
  /** The `seq` of the newest change in the dossier change log, 0 when it is empty: where a reader of what happens from now on starts. */
  changeLogHead(): Promise<number>;
  /**
   * Records `deliveries` (a delivery whose id the consumer already has is left as it is)
   * and `counts`, and moves the cursor from `afterSeq` to `throughSeq`, in one transaction.
   * Resolves false, writing nothing, when the cursor is no longer at `afterSeq`. Rejects
   * with LEASE_LOST when `fence` no longer holds.
   */
  plan(
    consumer: string,
    input: { afterSeq: number; throughSeq: number; deliveries: readonly DeliveryPlan[]; counts: readonly DeliveryCount[] },
    fence?: LeaseFence,
    now?: Date,
  ): Promise<boolean>;
  /** Up to `limit` pending deliveries due by `now`, soonest due first (then by id). */
  due(consumer: string, now: Date, limit: number): Promise<Delivery[]>;
  get(consumer: string, id: string): Promise<Delivery | null>;
  /**
   * Settles a pending delivery (see `DeliveryOutcome`), counting `sent` or `failed` for its
   * channel; resolves false when it was not pending any more. Rejects with LEASE_LOST when
   * `fence` no longer holds.
   */
  settle(consumer: string, id: string, outcome: DeliveryOutcome, fence?: LeaseFence, now?: Date): Promise<boolean>;
  /** Dead deliveries in id order after `afterId`, of one target when given. */
  dead(consumer: string, options: { first: number; afterId?: string; target?: string }): Promise<{ items: Delivery[]; hasNextPage: boolean }>;
  /** Turns dead deliveries (the given ids, else those of one target, else all) back into pending ones due now; resolves with how many. */
  retryDead(consumer: string, options: { ids?: readonly string[]; target?: string }, now?: Date): Promise<number>;
  /** Cancels every pending and held delivery to `target` (a deleted webhook); resolves with how many. */
  cancelTarget(consumer: string, target: string, reason: string, now?: Date): Promise<number>;
  depth(consumer: string): Promise<DeliveryDepth>;
  /** Counts of the days `fromDay`…`toDay` (inclusive) of the agencies in `scope` (all of them without one). */
  dayCounts(consumer: string, scope: AgencyScope | null, fromDay: number, toDay: number): Promise<DeliveryDayCount[]>;
  /** Deletes up to `limit` deliveries settled before `before` (their counts stay); resolves with how many. */
  purgeSettled(before: Date, limit: number): Promise<number>;
}

/** The events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = ['dossier.status_changed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** An agency application's registration for signed event calls. */
export interface Webhook {
  id: string;
  /** The agency whose dossiers (and the units under it) it hears about. */
  agencyCode: string;
  url: string;
  events: readonly WebhookEvent[];
  /** The HMAC key its calls are signed with; sealed at rest. */
  secret: string;
  /** Who registered it: the token's subject and client. */
  createdBy: { subject: string | null; clientId: string | null };
  createdAt: Date;
}

/** A registration as listed: everything but its secret, which a listing never unseals. */
export type WebhookListing = Omit<Webhook, 'secret'>;

/** Registered webhooks; their secrets are sealed at rest with the store's data keys. */
export interface WebhookRepository {
  /**
   * Keeps a registration unless its agency has `maxPerAgency` registered for itself
   * already, counted and written atomically (concurrent registrations never exceed it);
   * resolves false when it was refused.
   */
  create(webhook: Webhook, maxPerAgency: number): Promise<boolean>;
  /** The registration with its secret unsealed; an unreadable secret throws STORE_UNAVAILABLE (`isUnsealFailure`). */
  get(id: string): Promise<Webhook | null>;
  /** The registration without its secret, never unsealed: readable (and so deletable) whatever became of its key. */
  find(id: string): Promise<WebhookListing | null>;
  /** The webhooks of the agencies in `scope` (every one without it), oldest first, without their secrets. */
  list(scope: AgencyScope | null): Promise<WebhookListing[]>;
  /** How many webhooks one agency has registered for itself. */
  countOf(agencyCode: string): Promise<number>;
  /** Resolves false when there was no such webhook. */
  delete(id: string): Promise<boolean>;
  /** Re-seals every secret sealed under another key than the active one (a data key rotation); resolves with how many. */
  reseal(): Promise<number>;
}
