/**
 * A worker for the worker pool's tests: answers `{ kind: 'echo', value }`, sleeps
 * (`{ kind: 'sleep', ms }`, a busy loop, as CPU-bound work does), fails (`{ kind: 'fail' }`)
 * or dies (`{ kind: 'crash' }`). With `workerData.failAtStart` it dies as it starts.
 */
import { parentPort, workerData } from 'node:worker_threads';

if ((workerData as { failAtStart?: boolean } | undefined)?.failAtStart) throw new Error('this worker cannot start');

parentPort!.on('message', ({ id, job }: { id: number; job: { kind: string; value?: unknown; ms?: number; bytes?: Uint8Array } }) => {
  switch (job.kind) {
    case 'echo':
      parentPort!.postMessage({ id, ok: true, result: job.value });
      break;
    case 'length':
      parentPort!.postMessage({ id, ok: true, result: job.bytes?.byteLength });
      break;
    case 'sleep': {
      const until = Date.now() + (job.ms ?? 0);
      while (Date.now() < until);
      parentPort!.postMessage({ id, ok: true, result: 'slept' });
      break;
    }
    case 'fail':
      parentPort!.postMessage({ id, ok: false, error: { message: 'the job failed as asked' } });
      break;
    case 'crash':
      process.exit(3);
  }
});
