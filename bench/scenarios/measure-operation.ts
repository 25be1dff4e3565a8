import type { ProcessUsage } from '../harness/ipc';
import type { BenchWorld } from '../harness/start-bench-world';
import { runLoad, type LoadRequest, type LoadResult } from '../harness/run-load';
import type { Operation } from './operations';

/** Counters read at the window's edges: the server's CPU, and the calls it made upstream. */
export interface Counters {
  usage(): Promise<ProcessUsage>;
  /** Upstream calls so far, by kind (e.g. `national`, `province-h56`, `store`). */
  calls(): Promise<Record<string, number>>;
}

export interface Measurement extends LoadResult {
  operation: string;
  target: 'gateway' | 'baseline';
  concurrency: number;
  /** Server CPU time (user + system) over the window per answered request, in ms. */
  cpuMsPerOperation: number;
  /** Upstream calls per answered request, by kind. */
  callsPerOperation: Record<string, number>;
  /** Server RSS at the window's close, in MB. */
  rssMb: number;
}

export interface MeasureOptions {
  target: 'gateway' | 'baseline';
  url: string;
  token: string;
  operation: Operation;
  concurrency: number;
  seconds: number;
  warmupSeconds?: number;
  counters: Counters;
  /** Every national procedure code, for operations that take one in turn. */
  codes: readonly string[];
  /** Also run as the window opens and closes (e.g. a CPU profile of it). */
  hooks?: { open(): Promise<unknown>; close(): Promise<unknown> };
}

/** Runs one operation against one server at one concurrency and reads what it cost the server. */
export async function measureOperation({ target, url, token, operation, concurrency, seconds, warmupSeconds = 1, counters, codes, hooks }: MeasureOptions): Promise<Measurement> {
  let before: { usage: ProcessUsage; calls: Record<string, number> } | null = null;
  let after: { usage: ProcessUsage; calls: Record<string, number> } | null = null;
  const read = async () => {
    const [usage, calls] = await Promise.all([counters.usage(), counters.calls()]);
    return { usage, calls };
  };
  const next = (worker: number, previous: string | null): LoadRequest => {
    const variables = operation.variables?.({ worker, previous, codes });
    const headers = { authorization: `Bearer ${token}` };
    if (target === 'baseline') return { method: 'GET', path: operation.baselinePath!(variables), headers };
    return { method: 'POST', path: '/graphql', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query: operation.query, variables }) };
  };
  const result = await runLoad({
    url,
    concurrency,
    seconds,
    warmupSeconds,
    next,
    window: {
      open: async () => {
        await hooks?.open();
        before = await read();
      },
      close: async () => {
        after = await read();
        await hooks?.close();
      },
    },
  });
  const b = before!;
  const a = after!;
  const per = (value: number): number => (result.requests === 0 ? 0 : value / result.requests);
  return {
    operation: operation.name,
    target,
    concurrency,
    ...result,
    cpuMsPerOperation: per(a.usage.cpuMs - b.usage.cpuMs),
    callsPerOperation: Object.fromEntries(Object.keys(a.calls).map((kind) => [kind, per((a.calls[kind] ?? 0) - (b.calls[kind] ?? 0))])),
    rssMb: a.usage.rss / 2 ** 20,
  };
}

/**
 * A CPU profile of the gateway while it serves one operation, in a window of its own
 * (profiling slows it, so it is never the measured window); returns the file written.
 */
export async function profileOperation(world: BenchWorld, operation: Operation, concurrency: number, seconds: number, file: string): Promise<string> {
  await measureOperation({
    target: 'gateway',
    url: world.gateway.ready.url,
    token: world.sources.ready.tokens[operation.principal]!,
    operation,
    concurrency,
    seconds,
    codes: world.sources.ready.procedureCodes,
    counters: { usage: () => world.gateway.usage(), calls: async () => ({}) },
    hooks: { open: () => world.gateway.call('profileStart', {}), close: () => world.gateway.call('profileStop', { file }) },
  });
  return file;
}
