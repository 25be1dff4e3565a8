import type { Logger } from 'pino';
import { isGatewayError } from '../errors';
import { AUDIT_ENTRY_VERSION, type AuditEntry, type AuditRepository } from '../store';
import { clampAuditEntry, type AuditRecord } from './clamp-audit-entry';
import { continueAuditIdsAfter, createAuditId } from './create-audit-id';
import { hashAuditEntry } from './hash-audit-entry';

export interface AuditWriterOptions {
  /** Where batches go, and whose newest entry the hash chain continues from: the store's audit repository. */
  repository: Pick<AuditRepository, 'append' | 'lastEntry'>;
  /** Failed writes, overflows, refused and lost entries are logged here, never dropped silently. */
  logger: Logger;
  /** Longest an entry waits in memory before its batch is written. @default 1000 */
  flushIntervalMs?: number;
  /** Entries per append; a full batch is written without waiting for the interval. @default 500 */
  maxBatch?: number;
  /** Entries held in memory while the store is failing; beyond this new entries are dropped, counted and logged. @default 20000 */
  maxBuffered?: number;
  /** First delay after a failed write; it doubles (with jitter) up to `maxRetryDelayMs`. @default 250 */
  retryDelayMs?: number;
  /** @default 30000 */
  maxRetryDelayMs?: number;
  /** How long `close()` keeps trying to write what is left before it gives up and logs the loss. @default 10000 */
  closeTimeoutMs?: number;
}

export interface AuditWriterStats {
  /** Entries accepted by `record()`. */
  recorded: number;
  /** Entries the store has confirmed. */
  written: number;
  /** Entries waiting in memory. */
  buffered: number;
  /** Entries lost: buffer full, recorded after close, or still unwritten when close gave up. All logged. */
  dropped: number;
  /** Entries refused as malformed (by the store, or holding a value with no JSON form to hash); each is logged in full. */
  rejected: number;
  /** Append calls that failed (and were retried). */
  failedWrites: number;
  lastError: string | null;
  lastWriteAt: Date | null;
}

export interface AuditWriter {
  /**
   * Queues an entry and gives it its id; `prevHash` and `hash` are given when its batch is
   * written (any the caller passes are replaced). Synchronous, never throws, never touches
   * the store on the caller's tick.
   */
  record(entry: AuditRecord): void;
  /** Resolves once every entry recorded before the call is stored (waiting out store failures). */
  flush(): Promise<void>;
  /** Stops the timer and flushes; after `closeTimeoutMs` gives up, logging and counting what is lost. Idempotent. */
  close(): Promise<void>;
  /** A copy of the counters, for `/readyz` and metrics. */
  readonly stats: AuditWriterStats;
}

/** Overflow logs summarise once the buffer is back under half full, not once per dropped entry. */
interface OverflowEpisode {
  count: number;
  first: Date;
  last: Date;
}

/**
 * Writes audit entries off the request path, in batches: whatever waits, every
 * `flushIntervalMs`; and a full batch as soon as `maxBatch` entries wait. One append is in
 * flight at a time, so entries reach the store in the order they were recorded.
 *
 * It is the one place entries get their `id`, `prevHash` and `hash`, and it starts by
 * reading the newest stored entry (so it resolves only once the chain can continue; a
 * store that cannot answer rejects, with STORE_UNAVAILABLE). Ids are ULIDs in record
 * order, continuing after the newest stored id even if the clock stepped back. Each entry
 * is hashed (`hashAuditEntry`) as its batch is first written, chained to the entry written
 * before it: the chain holds exactly the stored entries, in id order. A retried batch keeps
 * its hashes, so a batch stored but unconfirmed is not chained twice; an entry refused as
 * malformed is left out of the chain, and the entries after it are chained again from
 * the last stored one before they are written.
 *
 * A write failing with STORE_UNAVAILABLE is retried with backoff and the entries are kept
 * (up to `maxBuffered`). A batch failing any other way is written entry by entry, so one
 * malformed entry never takes its neighbours down (DataLoader's rule); the store's own
 * refusal is then logged with the entry and counted in `rejected`.
 *
 * What a crash loses: entries still in memory, normally at most one flush interval's
 * worth; during a store outage, up to `maxBuffered`. Call `close()` on shutdown.
 */
export async function createAuditWriter({
  repository,
  logger,
  flushIntervalMs = 1000,
  maxBatch = 500,
  maxBuffered = 20_000,
  retryDelayMs = 250,
  maxRetryDelayMs = 30_000,
  closeTimeoutMs = 10_000,
}: AuditWriterOptions): Promise<AuditWriter> {
  const positive = { flushIntervalMs, maxBatch, maxBuffered, retryDelayMs, maxRetryDelayMs, closeTimeoutMs };
  for (const [name, value] of Object.entries(positive)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`createAuditWriter: ${name} must be a positive integer; received ${String(value)}.`);
  }
  if (maxBuffered < maxBatch) throw new TypeError(`createAuditWriter: maxBuffered (${maxBuffered}) must be at least maxBatch (${maxBatch}).`);

  const newest = await repository.lastEntry();
  if (newest && !continueAuditIdsAfter(newest.id)) {
    logger.error({ id: newest.id }, 'the newest stored audit entry id is not a ULID; new ids may sort before it, which the hash chain (in id order) will show as a break');
  }
  /** Hash of the newest stored entry: what the next entry to chain follows once every chained one is settled. */
  let storedHead: string | null = newest?.hash ?? null;
  /** Its id: a batch is written only while it is still the newest stored (another replica may append). */
  let storedHeadId: string | null = newest?.id ?? null;
  /** Hash of the newest chained entry (stored, or in a batch being written). */
  let chainHead = storedHead;
  /** How many entries at the front of the buffer have their prevHash and hash: always a prefix. */
  let chained = 0;

  const buffer: AuditEntry[] = [];
  const stats: AuditWriterStats = { recorded: 0, written: 0, buffered: 0, dropped: 0, rejected: 0, failedWrites: 0, lastError: null, lastWriteAt: null };
  const waiters: Array<{ upTo: number; resolve: () => void }> = [];
  let draining: Promise<void> | null = null;
  let drainScheduled = false;
  /** Set by the timer, flush and close: write the partial last batch too, not only full ones. */
  let writePartial = false;
  let closing: Promise<void> | null = null;
  let abandoned = false;
  let wakeFromRetry: (() => void) | null = null;
  let overflow: OverflowEpisode | null = null;
  let droppedAfterClose = 0;

  const timer = setInterval(() => {
    if (buffer.length > 0) void drain(true);
  }, flushIntervalMs);
  timer.unref();

  /** Entries recorded so far that are written, rejected or given up on: always a prefix. */
  const settledCount = () => stats.recorded - buffer.length;

  function settle(count: number, outcome: 'written' | 'rejected' | 'dropped'): void {
    if (outcome === 'written' && count > 0) {
      storedHead = buffer[count - 1]!.hash;
      storedHeadId = buffer[count - 1]!.id;
    }
    buffer.splice(0, count);
    chained = outcome === 'written' ? Math.max(0, chained - count) : 0;
    if (outcome !== 'written') chainHead = storedHead;
    stats[outcome] += count;
    stats.buffered = buffer.length;
    if (outcome === 'written') stats.lastWriteAt = new Date();
    if (overflow && buffer.length <= maxBuffered / 2) endOverflow();
    const settled = settledCount();
    for (let i = waiters.length - 1; i >= 0; i -= 1) {
      if (waiters[i]!.upTo <= settled) waiters.splice(i, 1)[0]!.resolve();
    }
  }

  function endOverflow(): void {
    if (!overflow) return;
    logger.error(
      { dropped: overflow.count, firstDroppedAt: overflow.first, lastDroppedAt: overflow.last, maxBuffered },
      `audit buffer overflowed: ${overflow.count} entries were dropped and are not in the audit log`,
    );
    overflow = null;
  }

  function scheduleDrain(): void {
    if (drainScheduled || draining) return;
    drainScheduled = true;
    setImmediate(() => {
      drainScheduled = false;
      void drain();
    });
  }

  function drain(partial = false): Promise<void> {
    if (partial) writePartial = true;
    draining ??= writeAll().finally(() => {
      draining = null;
      if (!abandoned && buffer.length >= maxBatch) scheduleDrain();
    });
    return draining;
  }

  /**
   * Gives the first `count` buffered entries that have none their prevHash and hash, in
   * order, and returns the first `count` entries. Throws (a TypeError) at an entry that has
   * no canonical JSON; the ones before it stay chained.
   */
  function chain(count: number): AuditEntry[] {
    for (; chained < count; chained += 1) {
      const entry = buffer[chained]!;
      entry.prevHash = chainHead;
      entry.hash = hashAuditEntry(entry);
      chainHead = entry.hash;
    }
    return buffer.slice(0, count);
  }

  async function writeAll(): Promise<void> {
    let failures = 0;
    while (!abandoned && (buffer.length >= maxBatch || (writePartial && buffer.length > 0))) {
      const size = Math.min(maxBatch, buffer.length);
      let failure: unknown;
      try {
        await repository.append(chain(size), storedHeadId);
        if (abandoned) return;
        settle(size, 'written');
        failures = 0;
        continue;
      } catch (error) {
        if (abandoned) return;
        if (isGatewayError(error) && error.code === 'STORE_CONFLICT') {
          await rebase();
          continue;
        }
        failure = isRetryable(error) ? error : await writeOneByOne(size);
      }
      if (failure === undefined) continue;
      failures += 1;
      stats.failedWrites += 1;
      stats.lastError = describe(failure);
      const delay = backoff(failures);
      logger.warn({ err: failure, attempt: failures, buffered: buffer.length, retryInMs: delay }, 'audit write failed; entries kept, retrying');
      await sleep(delay);
    }
    if (buffer.length === 0) writePartial = false;
  }

  /**
   * Another writer (a replica on the same store) appended after the entry this one chains
   * from: read the newest stored entry again, and give every entry not yet written a new id
   * after it and a new place in the chain, so the log stays one chain in id order.
   */
  async function rebase(): Promise<void> {
    const head = await repository.lastEntry();
    storedHead = head?.hash ?? null;
    storedHeadId = head?.id ?? null;
    if (head) continueAuditIdsAfter(head.id);
    for (const entry of buffer) {
      entry.id = createAuditId();
      entry.prevHash = null;
      entry.hash = null;
    }
    chained = 0;
    chainHead = storedHead;
    logger.debug({ head: storedHeadId }, 'audit chain head moved (another replica wrote); entries rechained after it');
  }

  /**
   * After a batch of the first `count` entries failed for a reason other than the store
   * being away: writes them one at a time, settling each. A refused entry leaves the chain
   * (settle rechains what follows). Returns the retryable error that interrupted it, if any.
   */
  async function writeOneByOne(count: number): Promise<unknown> {
    for (let written = 0; written < count; written += 1) {
      const entry = buffer[0];
      if (!entry) return undefined;
      try {
        chain(1);
      } catch (error) {
        stats.lastError = describe(error);
        logger.error({ err: error, entry }, 'an audit entry has a value with no JSON form, so it cannot be hashed; it is logged here instead');
        settle(1, 'rejected');
        continue;
      }
      try {
        await repository.append([entry], storedHeadId);
        if (abandoned) return undefined;
        settle(1, 'written');
      } catch (error) {
        if (abandoned) return undefined;
        if (isRetryable(error) || (isGatewayError(error) && error.code === 'STORE_CONFLICT')) return error;
        stats.lastError = describe(error);
        logger.error({ err: error, entry }, 'the store refused an audit entry; it is logged here instead');
        settle(1, 'rejected');
      }
    }
    return undefined;
  }

  function backoff(failures: number): number {
    const ceiling = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** Math.min(failures - 1, 30));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timeout);
        wakeFromRetry = null;
        resolve();
      };
      const timeout = setTimeout(wake, ms);
      timeout.unref();
      wakeFromRetry = wake;
    });
  }

  function record(entry: AuditRecord): void {
    try {
      if (closing) {
        stats.dropped += 1;
        droppedAfterClose += 1;
        if (droppedAfterClose === 1 || droppedAfterClose % 1000 === 0) {
          logger.error({ droppedAfterClose, requestId: entry?.requestId }, 'audit entry recorded after the writer was closed; dropped');
        }
        return;
      }
      if (buffer.length >= maxBuffered) {
        stats.dropped += 1;
        const now = new Date();
        if (!overflow) {
          overflow = { count: 0, first: now, last: now };
          logger.error({ maxBuffered, lastError: stats.lastError }, 'audit buffer full: new entries are dropped, and counted, until the store catches up');
        }
        overflow.count += 1;
        overflow.last = now;
        return;
      }
      buffer.push({ ...clampAuditEntry(entry), id: createAuditId(), version: AUDIT_ENTRY_VERSION, prevHash: null, hash: null });
      stats.recorded += 1;
      stats.buffered = buffer.length;
      if (buffer.length >= maxBatch) scheduleDrain();
    } catch (error) {
      stats.dropped += 1;
      try {
        logger.error({ err: error, entry }, 'audit entry could not be recorded; dropped');
      } catch {
        // The logger itself failed; the entry is counted in stats.dropped.
      }
    }
  }

  function flush(): Promise<void> {
    const upTo = stats.recorded;
    if (settledCount() >= upTo) return Promise.resolve();
    const flushed = new Promise<void>((resolve) => waiters.push({ upTo, resolve }));
    void drain(true);
    return flushed;
  }

  async function shutDown(): Promise<void> {
    clearInterval(timer);
    let deadline: NodeJS.Timeout | undefined;
    const gaveUp = await Promise.race([
      flush().then(() => false),
      new Promise<boolean>((resolve) => {
        deadline = setTimeout(() => resolve(true), closeTimeoutMs);
      }),
    ]);
    clearTimeout(deadline);
    if (gaveUp) {
      abandoned = true;
      const lost = buffer.length;
      settle(lost, 'dropped');
      wakeFromRetry?.();
      logger.error(
        { lost, closeTimeoutMs, lastError: stats.lastError },
        `audit writer closed with ${lost} entries it could not write; they are not in the audit log`,
      );
    }
    endOverflow();
  }

  return {
    record,
    flush,
    close: () => (closing ??= shutDown()),
    get stats() {
      return { ...stats };
    },
  };
}

function isRetryable(error: unknown): boolean {
  return isGatewayError(error) && error.code === 'STORE_UNAVAILABLE';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
