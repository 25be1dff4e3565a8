/**
 * The signature worker thread (started by createSignatureService through the kit's
 * worker pool): builds its trust store from `workerData` once, then runs each job it is
 * posted and answers `{ id, ok, result | error }`. A signed message goes back transferred,
 * not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createJobContext, runSignatureJob, type SignatureJob, type SignatureWorkerData } from './run-signature-job';

const port = parentPort!;
const context = createJobContext(workerData as SignatureWorkerData);

port.on('message', ({ id, job }: { id: number; job: SignatureJob }) => {
  context
    .then((ready) => runSignatureJob(job, ready))
    .then(
      (result) => port.postMessage({ id, ok: true, result }, result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : []),
      (error: unknown) => port.postMessage({ id, ok: false, error: { message: error instanceof Error ? error.message : String(error) } }),
    );
});
