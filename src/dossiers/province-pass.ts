import type { DossierRecord } from '../domain';
import type { Logger } from '../log';
import type { LeaseFence, Store } from '../store';
import { mapLimit } from '../../connectors/kit';
import { dossierWriteOf, recordOf } from './dossier-facts';
import type { DossierFeed } from './dossier-feed';
import { OPEN_STATUSES } from './on-time';
import { readListing, type PassSignal } from './read-listing';
import { toCheckpoint, type PassReport, type ProvinceSyncState } from './sync-state';

const DAY_MS = 86_400_000;

/** How passes read a province; every field has a default in `createProvinceSync`. */
export interface PassOptions {
  /** How far back the first read goes, in days of reception. */
  windowDays: number;
  /** Days of reception per backfill window. */
  backfillWindowDays: number;
  /** Re-read this much before each cursor, so that a change stamped late is not missed. */
  overlapMs: number;
  /** During the first read, steps of dossiers that list without them are read only for open dossiers and those received this recently. */
  stepsRecentDays: number;
  /** Listing pages in flight ahead of the one being written. */
  prefetch: number;
  /** Single reads in flight (steps, dossiers that left the open listings). */
  concurrency: number;
  /** Full re-reads to catch silent corrections: every this often, at most `pagesPerPass` pages per pass. */
  reconcileIntervalMs: number;
  reconcilePagesPerPass: number;
}

export interface PassContext {
  feed: DossierFeed;
  store: Store;
  logger: Logger;
  options: PassOptions;
  nationalCodeOf: (record: DossierRecord) => string | null;
  /** Outbox consumers each change is enqueued for (the national portal's push). */
  enqueue: readonly string[];
  /** Only changes of dossiers listed since this instant are enqueued. */
  enqueueSinceMs?: number;
  fence: LeaseFence;
  signal: PassSignal;
  now: () => number;
  /** Hears after every page written: records read so far in this pass, and the first read's share done (null in steady passes). */
  onProgress?: (progress: PassProgress) => void;
}

/** How far a pass has got. */
export interface PassProgress {
  source: string;
  phase: 'backfill' | 'steady';
  read: number;
  /** 0–100 during the first read; null afterwards. */
  percent: number | null;
}

/** Tallies of one pass. */
type Tally = Omit<PassReport, 'at' | 'ok' | 'error' | 'message' | 'durationMs'>;

/**
 * One sync pass of one province, resumable at every page: the state is written with each
 * batch (same transaction), so a pass that dies (crash, lost lease) is continued by the
 * next one, on this replica or another, from its last page.
 * - First, the backfill: reception windows from `windowDays` ago up to the pass's start,
 *   then the dossiers never received.
 * - Then steady passes: dialects that list by update time re-read what changed since the
 *   cursor (minus an overlap); the others read newly received dossiers and re-read the
 *   open ones (the status listings, and a single read of each dossier that left them).
 * - Now and then a slice of a full re-read (reconciliation) catches silent corrections.
 * Applying data the store already has is a no-op (content digest), so overlaps and
 * retried pages never count a change twice.
 */
export async function runProvincePass(context: PassContext, initial: ProvinceSyncState): Promise<{ state: ProvinceSyncState; tally: Tally }> {
  const state: ProvinceSyncState = structuredClone(initial);
  const tally: Tally = { read: 0, created: 0, updated: 0, unchanged: 0, open: 0 };
  const started = context.now();
  if (state.phase === 'backfill') {
    await backfill(context, state, tally, started);
  } else if (context.feed.capabilities.updatedListing) {
    await readUpdated(context, state, tally, started);
  } else {
    await readReceivedAndOpen(context, state, tally, started);
  }
  if (state.phase === 'steady') await reconcileSlice(context, state, tally);
  return { state, tally };
}

/** Writes `records` (steps merged first) with the state as checkpoint, in one batch. */
async function write(context: PassContext, records: DossierRecord[], state: ProvinceSyncState, tally: Tally, fillSteps: (record: DossierRecord) => boolean): Promise<void> {
  const { feed, store } = context;
  if (!feed.capabilities.stepsListed) await mergeSteps(context, records, fillSteps);
  const writes = [];
  for (const record of records) {
    const updated = record.updatedAt === null ? Number.NaN : Date.parse(record.updatedAt);
    const received = record.receivedAt === null ? Number.NaN : Date.parse(record.receivedAt);
    if (!Number.isNaN(updated)) state.newestUpdatedMs = Math.max(state.newestUpdatedMs ?? updated, updated);
    if (!Number.isNaN(received)) state.newestReceivedMs = Math.max(state.newestReceivedMs ?? received, received);
    const write = dossierWriteOf(record, context.nationalCodeOf);
    if (write) writes.push(write);
    else context.logger.warn({ source: feed.name, code: record.code, agency: record.agencyCode }, 'dossier left out: its agency cannot be placed in the code hierarchy');
  }
  const result = await store.dossiers.apply({
    dossiers: writes,
    checkpoint: { source: feed.name, state: toCheckpoint(state) },
    fence: context.fence,
    enqueue: context.enqueue,
    ...(context.enqueueSinceMs !== undefined ? { enqueueSinceMs: context.enqueueSinceMs } : {}),
  });
  tally.read += records.length;
  tally.created += result.created;
  tally.updated += result.updated;
  tally.unchanged += result.unchanged;
  const b = state.backfill;
  context.onProgress?.({
    source: feed.name,
    phase: state.phase,
    read: tally.read,
    percent: state.phase === 'backfill' && b ? Math.min(100, Math.round(((b.windowFrom - b.from) / Math.max(1, b.until - b.from)) * 100)) : null,
  });
}

/**
 * Gives listed dossiers without steps their steps: the stored ones when the dossier has
 * not changed since, else one read each (for those `fillSteps` selects; the others keep
 * null and are read live when asked for). A failed read leaves null too.
 */
async function mergeSteps(context: PassContext, records: DossierRecord[], fillSteps: (record: DossierRecord) => boolean): Promise<void> {
  const missing = records.filter((r) => r.steps === null);
  if (missing.length === 0) return;
  const stored = await context.store.dossiers.getMany(missing.map((r) => r.code));
  const toRead: DossierRecord[] = [];
  missing.forEach((record, i) => {
    const before = stored[i] ? recordOf(stored[i]!) : null;
    const same = before?.steps && before.status.vendorCode === record.status.vendorCode && before.updatedAt === record.updatedAt && before.finishedAt === record.finishedAt && before.returnedAt === record.returnedAt;
    if (same) record.steps = before.steps;
    else if (fillSteps(record)) toRead.push(record);
  });
  const steps = await mapLimit(toRead, context.options.concurrency, (record) => context.feed.getSteps(record.code));
  steps.forEach((result, i) => {
    if (!(result instanceof Error)) toRead[i]!.steps = result;
  });
}

const isOpen = (record: DossierRecord): boolean => record.status.code !== null && OPEN_STATUSES.has(record.status.code);

async function backfill(context: PassContext, state: ProvinceSyncState, tally: Tally, started: number): Promise<void> {
  const { feed, options, logger } = context;
  const span = options.backfillWindowDays * DAY_MS;
  const b = (state.backfill ??= { from: started - options.windowDays * DAY_MS, until: started + DAY_MS, windowFrom: started - options.windowDays * DAY_MS, page: 0, pendingPage: null, read: 0, startedAt: started });
  const recent = started - options.stepsRecentDays * DAY_MS;
  const fillSteps = (r: DossierRecord): boolean => isOpen(r) || (r.receivedAt !== null && Date.parse(r.receivedAt) >= recent);
  let lastLog = context.now();
  while (b.pendingPage === null) {
    if (b.windowFrom >= b.until) {
      b.pendingPage = 0;
      break;
    }
    const listing = { kind: 'received' as const, from: new Date(b.windowFrom), to: new Date(Math.min(b.windowFrom + span, b.until)) };
    await readListing(feed, listing, b.page, options.prefetch, context.signal, async (page, items, pages) => {
      const done = page + 1 >= pages;
      b.page = done ? 0 : page + 1;
      if (done) b.windowFrom += span;
      b.read += items.length;
      await write(context, items, state, tally, fillSteps);
      if (context.now() - lastLog > 5000) {
        lastLog = context.now();
        const share = Math.min(1, (b.windowFrom - b.from + (done ? 0 : (page / Math.max(1, pages)) * span)) / (b.until - b.from));
        logger.info({ source: feed.name, percent: Math.round(share * 100), dossiers: b.read, perSecond: Math.round((b.read * 1000) / Math.max(1, context.now() - b.startedAt)) }, 'province first read in progress');
      }
    });
  }
  if (feed.capabilities.pendingListing) {
    await readListing(feed, { kind: 'pending' }, b.pendingPage, options.prefetch, context.signal, async (page, items, pages) => {
      b.pendingPage = page + 1 >= pages ? Number.MAX_SAFE_INTEGER : page + 1;
      b.read += items.length;
      await write(context, items, state, tally, () => true);
    });
  }
  // Changes made while the backfill ran are after the newest instants it saw, by the
  // province's own clock (which may differ from ours): steady passes read from there.
  state.phase = 'steady';
  state.updatedSince = Math.min(b.startedAt, state.newestUpdatedMs ?? b.startedAt) - context.options.overlapMs;
  state.receivedSince = Math.min(b.startedAt, state.newestReceivedMs ?? b.startedAt);
  state.reconcile = { nextAt: b.startedAt + options.reconcileIntervalMs, windowFrom: null, page: 0, startedAt: null, read: 0, corrected: 0 };
  logger.info({ source: feed.name, dossiers: b.read, durationMs: context.now() - b.startedAt }, 'province first read finished');
  state.backfill = null;
  await context.store.dossiers.apply({ dossiers: [], checkpoint: { source: feed.name, state: toCheckpoint(state) }, fence: context.fence });
}

/**
 * Dialects that list by update time: pages of "updated at or after T", oldest first. The
 * vendor pages by offset, and a dossier updated while we page moves to the end, shifting
 * the rest; so after each page the read starts again at the newest instant seen (page 0),
 * re-reading only that instant's dossiers (no-ops), and never skips one.
 */
async function readUpdated(context: PassContext, state: ProvinceSyncState, tally: Tally, started: number): Promise<void> {
  const { feed } = context;
  let since = state.updatedSince ?? started - context.options.windowDays * DAY_MS;
  let newest = since;
  let page = 0;
  for (;;) {
    context.signal.throwIfAborted();
    const { items } = await feed.listPage({ kind: 'updated', from: new Date(since) }, page);
    const instants = items.map((r) => (r.updatedAt === null ? Number.NaN : Date.parse(r.updatedAt))).filter((t) => !Number.isNaN(t));
    const pageNewest = instants.length > 0 ? Math.max(...instants) : since;
    newest = Math.max(newest, pageNewest);
    state.updatedSince = Math.max(state.updatedSince ?? since, newest - context.options.overlapMs);
    await write(context, items, state, tally, () => true);
    if (items.length < feed.pageSize) break;
    if (pageNewest > since) {
      since = pageNewest;
      page = 0;
    } else page += 1;
  }
  state.updatedSince = Math.max(state.updatedSince ?? since, newest - context.options.overlapMs);
}

/**
 * Dialects without an update-time filter: dossiers received since the cursor (minus the
 * overlap), then every dossier not settled (open, or processed and not yet returned)
 * through the status listings, then a single read of each dossier the store holds as not
 * settled that no listing returned (it moved on: returned, refused, withdrawn…). The codes
 * seen are held for the pass only (as many as unsettled dossiers, not all of them).
 */
async function readReceivedAndOpen(context: PassContext, state: ProvinceSyncState, tally: Tally, started: number): Promise<void> {
  const { feed, options, store } = context;
  const seen = new Set<string>();
  const since = (state.receivedSince ?? started) - Math.max(options.overlapMs, DAY_MS);
  const onPage = async (_page: number, items: DossierRecord[]): Promise<void> => {
    for (const r of items) seen.add(r.code);
    await write(context, items, state, tally, () => true);
  };
  // Up to tomorrow by either clock: the province's may run ahead of ours.
  const until = Math.max(started, state.newestReceivedMs ?? started) + DAY_MS;
  await readListing(feed, { kind: 'received', from: new Date(since), to: new Date(until) }, 0, options.prefetch, context.signal, onPage);
  const openBefore = tally.read;
  // Every status after which something can still happen: the open ones and processed (9), not yet returned.
  for (const listing of feed.statusListings([...OPEN_STATUSES, 9])) {
    await readListing(feed, listing, 0, options.prefetch, context.signal, onPage);
  }
  let after: string | null = null;
  for (;;) {
    context.signal.throwIfAborted();
    const codes = await store.dossiers.unsettledCodes(feed.name, after, 500);
    if (codes.length === 0) break;
    after = codes[codes.length - 1]!;
    const left = codes.filter((code) => !seen.has(code));
    const records = await mapLimit(left, options.concurrency, (code) => feed.getDossier(code));
    const failed = records.find((r): r is Error => r instanceof Error);
    if (failed) throw failed;
    await write(context, records.filter((r): r is DossierRecord => r !== null && !(r instanceof Error)), state, tally, () => true);
  }
  tally.open += tally.read - openBefore;
  // The next pass reads receptions from the newest one seen (by the province's clock), minus its overlap.
  state.receivedSince = Math.max(state.receivedSince ?? 0, Math.min(started, state.newestReceivedMs ?? started));
}

/**
 * A slice of the slow full re-read: at most `reconcilePagesPerPass` pages per pass, so it
 * costs the province little at a time; it resumes where it stopped and, once through,
 * waits `reconcileIntervalMs` before the next.
 */
async function reconcileSlice(context: PassContext, state: ProvinceSyncState, tally: Tally): Promise<void> {
  const { feed, options, logger } = context;
  const r = (state.reconcile ??= { nextAt: context.now() + options.reconcileIntervalMs, windowFrom: null, page: 0, startedAt: null, read: 0, corrected: 0 });
  if (options.reconcilePagesPerPass <= 0 || (r.windowFrom === null && context.now() < r.nextAt)) return;
  const now = context.now();
  if (r.windowFrom === null) {
    Object.assign(r, { windowFrom: now - options.windowDays * DAY_MS, page: 0, startedAt: now, read: 0, corrected: 0 });
    logger.info({ source: feed.name }, 'reconciliation started');
  }
  const span = options.backfillWindowDays * DAY_MS;
  let budget = options.reconcilePagesPerPass;
  while (budget > 0 && r.windowFrom !== null) {
    context.signal.throwIfAborted();
    const to = Math.min(r.windowFrom + span, r.startedAt! + DAY_MS);
    const { items, total } = await feed.listPage({ kind: 'received', from: new Date(r.windowFrom), to: new Date(to) }, r.page);
    budget -= 1;
    const pages = Math.ceil(total / feed.pageSize);
    if (r.page + 1 >= pages) {
      r.page = 0;
      r.windowFrom = to;
    } else r.page += 1;
    const before = tally.updated;
    r.read += items.length;
    if (r.windowFrom !== null && r.windowFrom >= r.startedAt! + DAY_MS) {
      logger.info({ source: feed.name, read: r.read, corrected: r.corrected }, 'reconciliation finished');
      Object.assign(r, { windowFrom: null, page: 0, nextAt: r.startedAt! + options.reconcileIntervalMs, startedAt: null });
    }
    await write(context, items, state, tally, () => true);
    r.corrected += tally.updated - before;
  }
}

