import path from 'node:path';
import { createWorkerPool, type WorkerPool, type WorkerPoolStats } from '../../kit/create-worker-pool';
import type { SigningKey, TrustMaterial } from '../../kit/pki';
import type { EdxmlLimits } from '../edxml';
import { createJobContext, runSignatureJob, type SignatureJob, type SignatureWorkerData } from './run-signature-job';
import type { MessageSignatures } from './types';

export interface SignatureServiceOptions {
  /** CA certificates and CRLs (loadTrustMaterial). Empty: every intact signature is UNTRUSTED. @default none */
  trust?: TrustMaterial;
  /** Accept SHA-1 in signatures (legacy senders). @default false */
  allowSha1?: boolean;
  /** Clock tolerance: signing times this far in the future, CRLs this far past nextUpdate. @default 300 */
  clockToleranceSeconds?: number;
  /** An OCSP responder asked for certificates no configured CRL covers. @default none */
  ocspUrl?: string;
  /** @default 5000 */
  ocspTimeoutMs?: number;
  /** Worker threads verifying and signing; 0 does it on the event loop (small deployments, some tests). @default 2 */
  workers?: number;
  /** Messages waiting for a worker; beyond this a verification is reported UNVERIFIABLE at once. @default 64 */
  maxQueue?: number;
  /** A verification taking longer is abandoned (UNVERIFIABLE) and its worker replaced. @default 60000 */
  timeoutMs?: number;
  /** The bounds messages are parsed within (the connector's). */
  limits?: EdxmlLimits;
}

export interface SignatureService {
  /**
   * Every verdict on a message (see verifyMessageSignatures), off the event loop. Never
   * rejects: a message that cannot be checked at all (unparseable, queue full, worker
   * failure, deadline) gets an UNVERIFIABLE verdict with the reason.
   */
  verify(bytes: Uint8Array): Promise<MessageSignatures>;
  /** Signs an edXML message (signEdxmlMessage), off the event loop. @throws Error when it cannot be signed. */
  sign(xml: Uint8Array | string, key: SigningKey): Promise<Buffer>;
  /** The pool's counters; null when working on the event loop. */
  readonly stats: WorkerPoolStats | null;
  close(): Promise<void>;
}

/**
 * The document-exchange connector's signatures: verification of received messages and
 * signing of sent ones, run in a small bounded pool of worker threads (the kit's), each
 * holding the trust store, so a 20 MB message's canonicalization and digests never hold
 * the event loop. Create one per gateway and share it between the connected systems.
 */
export function createSignatureService({
  trust = { certificates: [], crls: [] },
  allowSha1 = false,
  clockToleranceSeconds = 300,
  ocspUrl,
  ocspTimeoutMs = 5000,
  workers = 2,
  maxQueue = 64,
  timeoutMs = 60_000,
  limits,
}: SignatureServiceOptions = {}): SignatureService {
  const data: SignatureWorkerData = { trust, allowSha1, toleranceMs: clockToleranceSeconds * 1000, ...(limits && { limits }), ...(ocspUrl && { ocsp: { url: ocspUrl, timeoutMs: ocspTimeoutMs } }) };
  let pool: WorkerPool | null = null;
  let inline: ReturnType<typeof createJobContext> | null = null;
  if (workers > 0) pool = createWorkerPool({ modulePath: path.join(__dirname, 'signature-worker'), workerData: data, size: workers, maxQueue, timeoutMs });
  else inline = createJobContext(data);

  async function run<T>(job: SignatureJob, transfer: ArrayBuffer[]): Promise<T> {
    if (pool) return pool.run<T>(job, transfer);
    return (await runSignatureJob(job, await inline!)) as T;
  }

  return {
    async verify(bytes) {
      // A copy of its own, handed over to the worker rather than cloned again.
      const copy = Uint8Array.from(bytes);
      try {
        return await run<MessageSignatures>({ kind: 'verify', bytes: copy }, [copy.buffer]);
      } catch (error) {
        const checkedAt = new Date().toISOString();
        const reason = `the signature could not be checked: ${error instanceof Error ? error.message : String(error)}`;
        return { document: { status: 'UNVERIFIABLE', reason, signer: null, signedAt: null, checkedAt }, attachments: {} };
      }
    },
    async sign(xml, key) {
      const copy = typeof xml === 'string' ? Uint8Array.from(Buffer.from(xml, 'utf8')) : Uint8Array.from(xml);
      const signed = await run<Uint8Array>({ kind: 'sign', xml: copy, key }, [copy.buffer]);
      return Buffer.from(signed.buffer, signed.byteOffset, signed.byteLength);
    },
    get stats() {
      return pool ? pool.stats : null;
    },
    async close() {
      await pool?.close();
      if (inline) await (await inline.catch(() => null))?.ocsp?.close();
    },
  };
}
