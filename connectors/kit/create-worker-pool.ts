import type { Worker } from 'node:worker_threads';
import { startWorker } from './start-worker';

export interface WorkerPoolOptions {
  /** The worker module, without extension (see startWorker). It answers `{ id, ok, result | error }` to each `{ id, job }`. */
  modulePath: string;
  /** Given to every worker at start (structured-cloned). */
  workerData?: unknown;
  /** Most worker threads running at once (started as jobs need them). @default 2 */
  size?: number;
  /** Jobs waiting for a worker; one more is refused at once. @default 64 */
  maxQueue?: number;
  /** A job running longer than this is abandoned and its worker replaced. @default 60000 */
  timeoutMs?: number;
}

export interface WorkerPoolStats {
  workers: number;
  running: number;
  queued: number;
  completed: number;
  failed: number;
  /** Workers that died or were stopped at a deadline, and replaced. */
  restarts: number;
}

export interface WorkerPool {
  /**
   * Runs one job on the next free worker. `transfer` lists ArrayBuffers handed over
   * rather than copied (they are unusable here afterwards).
   * @throws Error when the queue is full, the job timed out, the worker failed or the pool is closed.
   */
  run<T>(job: unknown, transfer?: ArrayBuffer[]): Promise<T>;
  readonly stats: WorkerPoolStats;
  /** Stops every worker; jobs waiting or running are refused. */
  close(): Promise<void>;
}

interface Pending {
  id: number;
  job: unknown;
  transfer: ArrayBuffer[];
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
}

/** Workers failing this many times in a row without finishing a job means the module itself is broken: the pool stops restarting them. */
const MAX_CONSECUTIVE_FAILURES = 3;

/**
 * A small, bounded pool of worker threads for CPU-bound work that must stay off the event
 * loop (signature verification of messages up to 20 MB). One job per worker at a time,
 * a bounded queue (the caller gets an error rather than unbounded memory), a deadline
 * per job (a stuck worker is terminated and replaced), and a crashed worker is replaced,
 * failing only its own job. Workers start when the first jobs need them (a gateway that
 * never verifies anything runs none) and are unref'd: an open pool never keeps the
 * process alive.
 */
export function createWorkerPool({ modulePath, workerData, size = 2, maxQueue = 64, timeoutMs = 60_000 }: WorkerPoolOptions): WorkerPool {
  if (!Number.isSafeInteger(size) || size < 1) throw new TypeError(`createWorkerPool: size must be a positive integer; received ${String(size)}.`);
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  const stats = { completed: 0, failed: 0, restarts: 0 };
  let nextId = 1;
  let closed = false;
  let consecutiveFailures = 0;
  let broken: Error | null = null;

  function spawn(): Slot {
    const slot: Slot = { worker: startWorker(modulePath, { workerData }), current: null, timer: null };
    slot.worker.unref();
    slot.worker.on('message', (message: { id: number; ok: boolean; result?: unknown; error?: { message: string } }) => {
      const pending = slot.current;
      if (!pending || pending.id !== message.id) return;
      finish(slot);
      consecutiveFailures = 0;
      if (message.ok) {
        stats.completed += 1;
        pending.resolve(message.result);
      } else {
        stats.failed += 1;
        pending.reject(new Error(message.error?.message ?? 'the worker failed without a message'));
      }
      dispatch();
    });
    slot.worker.on('error', (error) => replace(slot, error));
    slot.worker.on('exit', (code) => {
      if (!closed && slots.includes(slot)) replace(slot, new Error(`the worker stopped (exit code ${code})`));
    });
    return slot;
  }

  function finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.current = null;
  }

  /** Fails the slot's job, terminates its worker and starts another in its place. */
  function replace(slot: Slot, error: Error): void {
    const index = slots.indexOf(slot);
    if (index === -1) return;
    const pending = slot.current;
    finish(slot);
    slots.splice(index, 1);
    void slot.worker.terminate();
    if (pending) {
      stats.failed += 1;
      pending.reject(error);
    }
    if (closed) return;
    consecutiveFailures += 1;
    if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
      broken = new Error(`the worker pool stopped restarting workers after ${consecutiveFailures} failures in a row; the last: ${error.message}`);
      for (const waiting of queue.splice(0)) waiting.reject(broken);
      return;
    }
    stats.restarts += 1;
    dispatch();
  }

  /** Gives waiting jobs to idle workers, starting workers (up to `size`) only when a job needs one. */
  function dispatch(): void {
    while (queue.length > 0) {
      let slot = slots.find((s) => !s.current);
      if (!slot) {
        if (slots.length >= size) return;
        slots.push((slot = spawn()));
      }
      const pending = queue.shift()!;
      slot.current = pending;
      const busy = slot;
      slot.timer = setTimeout(() => replace(busy, new Error(`the job did not finish within ${timeoutMs} ms; its worker was stopped`)), timeoutMs);
      slot.timer.unref();
      slot.worker.postMessage({ id: pending.id, job: pending.job }, pending.transfer);
    }
  }

  return {
    run<T>(job: unknown, transfer: ArrayBuffer[] = []): Promise<T> {
      if (closed) return Promise.reject(new Error('the worker pool is closed'));
      if (broken) return Promise.reject(broken);
      if (queue.length >= maxQueue) return Promise.reject(new Error(`the worker pool's queue is full (${maxQueue} jobs waiting)`));
      return new Promise<T>((resolve, reject) => {
        queue.push({ id: nextId++, job, transfer, resolve: resolve as (value: unknown) => void, reject });
        dispatch();
      });
    },
    get stats() {
      return { workers: slots.length, running: slots.filter((s) => s.current).length, queued: queue.length, ...stats };
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = new Error('the worker pool is closed');
      for (const waiting of queue.splice(0)) waiting.reject(error);
      for (const slot of slots.splice(0)) {
        const pending = slot.current;
        finish(slot);
        pending?.reject(error);
        await slot.worker.terminate();
      }
    },
  };
}
