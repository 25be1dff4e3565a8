/**
 * The signature scenario of `npm run bench` (also runs alone: `node dist/bench/signature-verification.js`):
 * one edXML message of about 20 MB (a 14.5 MiB attachment, base64), signed with a demo key,
 * verified once on the event loop (`trust.workers: 0`) and once in the worker pool, while a
 * 10 ms timer measures how late the event loop runs. What the gateway's other requests
 * would feel during the verification is that delay.
 */
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildEdxmlDocument, createSignatureService, signEdxmlMessage, type EdxmlDocument } from '../connectors/document-exchange';
import { readDerBlocks } from '../connectors/kit/pki';
import { createDemoPki } from '../simulators/document-exchange/create-demo-pki';

const ATTACHMENT_BYTES = 14.5 * 1024 * 1024;

/** Builds and signs the message, verifies it both ways and prints one line per way. */
export async function runSignatureBench(print: (line: string) => void = console.log): Promise<void> {
  const system = { systemId: 'bench.qlvb', secret: 'bench', agencyCode: '000.00.00.H41', name: 'UBND Tỉnh Nghệ An' };
  const pki = await createDemoPki([system]);
  const identity = pki.identities.get(system.systemId)!;
  const [certificate, ...chain] = readDerBlocks(Buffer.from(identity.certificatePem), 'certificate', 'bench certificate');
  const message = Buffer.from(signEdxmlMessage(buildMessage(), { privateKey: createPrivateKey(identity.keyPem), certificate: certificate!, chain, hash: 'sha256' }), 'utf8');
  const trust = { certificates: readDerBlocks(Buffer.from(pki.caPem), 'certificate', 'bench CA'), crls: readDerBlocks(Buffer.from(pki.crlPem), 'crl', 'bench CRL') };
  print(`signature verification of one ${(message.length / 1e6).toFixed(1)} MB edXML message (signer ${new X509Certificate(certificate!).subject.split('\n').at(-1)}):`);
  for (const workers of [0, 2]) {
    const service = createSignatureService({ trust, workers, limits: { maxBytes: 21 * 1024 * 1024 } });
    try {
      const { status, elapsedMs, maxDelayMs, p99DelayMs } = await measure(() => service.verify(message));
      print(
        `  ${workers === 0 ? 'on the event loop (trust.workers: 0)' : `in the worker pool (trust.workers: ${workers})`}: ${status} in ${(elapsedMs / 1000).toFixed(2)} s; event-loop delay max ${maxDelayMs.toFixed(0)} ms, p99 ${p99DelayMs.toFixed(0)} ms`,
      );
    } finally {
      await service.close();
    }
  }
}

/** Runs `work` with a 10 ms ticker and the event-loop delay histogram on. */
async function measure(work: () => Promise<{ document: { status: string } }>): Promise<{ status: string; elapsedMs: number; maxDelayMs: number; p99DelayMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const ticker = setInterval(() => undefined, 10);
  histogram.enable();
  const started = performance.now();
  const { document } = await work();
  const elapsedMs = performance.now() - started;
  histogram.disable();
  clearInterval(ticker);
  return { status: document.status, elapsedMs, maxDelayMs: histogram.max / 1e6, p99DelayMs: histogram.percentile(99) / 1e6 };
}

function buildMessage(): string {
  const now = `${new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
  const document: EdxmlDocument = {
    from: { organId: '000.00.00.H41', organName: 'UBND Tỉnh Nghệ An' },
    to: [{ organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' }],
    documentId: '000.00.00.H41,2026/11/20,125/UBND-VX',
    code: { codeNumber: '125', codeNotation: 'UBND-VX' },
    promulgationInfo: { place: 'Nghệ An', date: '2026-11-20' },
    documentType: { type: 1, typeName: 'Công văn' },
    subject: 'Hồ sơ quét kèm theo (bench)',
    signerInfo: { fullName: 'Nguyễn Văn A' },
    toPlaces: [],
    otherInfo: { appendixes: [] },
    responseFor: [],
    traces: [{ organId: '000.00.00.H41', timestamp: now }],
    business: { businessDocType: 'NEW', replacementInfo: [] },
    attachments: [{ contentId: 'cid:1', name: 'ho-so-quet.zip', contentType: 'application/zip', content: randomBytes(ATTACHMENT_BYTES) }],
    signature: { present: false, xmldsigNamespace: false, enveloped: false, hasX509Certificate: false, verification: 'NOT_VERIFIED' },
  };
  return buildEdxmlDocument(document);
}

if (require.main === module) {
  runSignatureBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
