import { createOcspClient, createTrustStore, type OcspClient, type SigningKey, type TrustMaterial, type TrustStore } from '../../kit/pki';
import type { EdxmlLimits } from '../edxml';
import { signEdxmlMessage } from './sign-edxml-message';
import type { MessageSignatures } from './types';
import { verifyMessageSignatures } from './verify-message-signatures';

/** What every signature worker starts with (structured-cloned to it). */
export interface SignatureWorkerData {
  trust: TrustMaterial;
  allowSha1: boolean;
  toleranceMs: number;
  limits?: EdxmlLimits;
  ocsp?: { url: string; timeoutMs: number };
}

/** One piece of work: verify a message, or sign one. Bytes travel as transferable buffers. */
export type SignatureJob = { kind: 'verify'; bytes: Uint8Array } | { kind: 'sign'; xml: Uint8Array; key: SigningKey };

export interface SignatureJobContext {
  data: SignatureWorkerData;
  store: TrustStore;
  ocsp?: OcspClient;
}

/** Parses the trust material once per worker (or once on the event loop when there are no workers). */
export async function createJobContext(data: SignatureWorkerData): Promise<SignatureJobContext> {
  const store = await createTrustStore(data.trust);
  const ocsp = data.ocsp ? createOcspClient({ ...data.ocsp, anchors: store.anchors, toleranceMs: data.toleranceMs }) : undefined;
  return { data, store, ...(ocsp && { ocsp }) };
}

/** Runs one job: the same code in a worker thread and on the event loop. */
export async function runSignatureJob(job: SignatureJob, { data, store, ocsp }: SignatureJobContext): Promise<MessageSignatures | Uint8Array> {
  // A buffer of its own (small Buffers share node's pool, which must not be transferred).
  if (job.kind === 'sign') return Uint8Array.from(Buffer.from(signEdxmlMessage(Buffer.from(job.xml).toString('utf8'), job.key), 'utf8'));
  return verifyMessageSignatures(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), {
    store,
    allowSha1: data.allowSha1,
    toleranceMs: data.toleranceMs,
    limits: data.limits,
    ...(ocsp && { ocsp: ocsp.query }),
  });
}
