import type { BenchWorld } from '../harness/start-bench-world';
import { runLoad, type LoadResult } from '../harness/run-load';
import { COMPARED_OPERATIONS } from './operations';

export interface SoakResult {
  seconds: number;
  concurrency: number;
  load: LoadResult;
  /** Gateway RSS samples (MB) every `sampleSeconds`, from the end of the first tenth of the run. */
  samplesMb: number[];
  firstMb: number;
  minMb: number;
  maxMb: number;
  lastMb: number;
  /** (max − min) ÷ first: issue 12 asks for ±10% (0.2 from lowest to highest at most). */
  spread: number;
  /** Largest distance of a sample from the first, as a share of the first. */
  drift: number;
  ok: boolean;
}

/**
 * Issue 12's flat-memory run: the four compared operations in turn, at `concurrency`, for
 * `seconds`, sampling the gateway's RSS; flat means every sample within ±10% of the first
 * one taken after the warm-up tenth.
 */
export async function runSoak(world: BenchWorld, { seconds, concurrency = 16, sampleSeconds = 5 }: { seconds: number; concurrency?: number; sampleSeconds?: number }): Promise<SoakResult> {
  const samples: number[] = [];
  let sampling = true;
  const warmup = Math.max(1, Math.round(seconds / 10));
  const sampler = (async () => {
    await new Promise((resolve) => setTimeout(resolve, warmup * 1000));
    while (sampling) {
      samples.push((await world.gateway.usage()).rss / 2 ** 20);
      await new Promise((resolve) => setTimeout(resolve, sampleSeconds * 1000));
    }
  })();
  const turns = new Map<number, number>();
  const codes = world.sources.ready.procedureCodes;
  const load = await runLoad({
    url: world.gateway.ready.url,
    concurrency,
    seconds: seconds - warmup,
    warmupSeconds: warmup,
    next(worker, previous) {
      const turn = turns.get(worker) ?? worker;
      turns.set(worker, turn + 1);
      const operation = COMPARED_OPERATIONS[turn % COMPARED_OPERATIONS.length]!;
      const variables = operation.variables?.({ worker, previous, codes });
      return {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${world.sources.ready.tokens[operation.principal]}` },
        body: JSON.stringify({ query: operation.query, variables }),
      };
    },
  });
  sampling = false;
  await sampler;
  const first = samples[0] ?? 0;
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  const drift = Math.max(...samples.map((s) => Math.abs(s - first))) / first;
  return { seconds, concurrency, load, samplesMb: samples, firstMb: first, minMb: min, maxMb: max, lastMb: samples[samples.length - 1] ?? 0, spread: (max - min) / first, drift, ok: drift <= 0.1 };
}
