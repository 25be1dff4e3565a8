import { Pool } from 'undici';

/** One request a load worker sends. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  url: string;
  /** Workers, each sending its next request when its last was answered (a closed loop). */
  concurrency: number;
  /** Length of the measured window. */
  seconds: number;
  /** Load before the window, not measured (the JIT, caches and pools warm up). @default 1 */
  warmupSeconds?: number;
  /** The request worker `worker` sends next; `previous` is its last answer's body (null at first), for following cursors. */
  next(worker: number, previous: string | null): LoadRequest;
  /** Whether an answer is a success. @default status 200 and no `"errors"` in the body */
  check?(status: number, body: string): boolean;
  /** Called as the measured window opens and as it closes (while the load runs), to read counters. */
  window?: { open(): Promise<void>; close(): Promise<void> };
}

export interface LoadResult {
  /** Requests answered inside the window. */
  requests: number;
  errors: number;
  /** The first failed answer, shortened, to see what went wrong. */
  firstError: string | null;
  seconds: number;
  perSecond: number;
  /** Latency percentiles in ms. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const defaultCheck = (status: number, body: string): boolean => status === 200 && !body.includes('"errors"');

/**
 * A closed-loop load: `concurrency` workers on one keep-alive connection each, over a
 * warm-up and then a measured window. Counts only requests sent and answered inside the
 * window, so its rate and latencies are those of a steady load.
 */
export async function runLoad({ url, concurrency, seconds, warmupSeconds = 1, next, check = defaultCheck, window }: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(url, { connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const opensAt = started + warmupSeconds * 1000;
  const closesAt = opensAt + seconds * 1000;
  let opened = false;
  let closed = false;
  const opening = (async () => {
    await sleep(opensAt - performance.now());
    await window?.open();
    opened = true;
  })();
  const closing = (async () => {
    await sleep(closesAt - performance.now());
    closed = true;
    await window?.close();
  })();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        let previous: string | null = null;
        while (!closed) {
          const request = next(worker, previous);
          const sentInWindow = opened;
          const sent = performance.now();
          const res = await pool.request({ method: request.method, path: request.path, headers: request.headers, body: request.body });
          const text = await res.body.text();
          const took = performance.now() - sent;
          previous = text;
          if (!sentInWindow || closed) continue;
          latencies.push(took);
          if (!check(res.statusCode, text)) {
            errors += 1;
            firstError ??= `${res.statusCode} ${text.slice(0, 300)}`;
          }
        }
      }),
    );
    await Promise.all([opening, closing]);
  } finally {
    await pool.close();
  }
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    firstError,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
  };
}

/** The `p`th percentile of sorted values (nearest rank); 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((sorted.length * p) / 100) - 1))]!;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
