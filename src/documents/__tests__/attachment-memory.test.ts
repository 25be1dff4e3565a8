import type { DocumentExchangeConnector, EdxmlDocument, ReceivedMessage } from '../../../connectors/document-exchange';
import { createSilentLogger } from '../../log';
import { createDocumentRegistry } from '../document-registry';

// The end-to-end test (test/e2e/document-memory.test.ts) reads through the axis simulator;
// this one needs an axis that gives back other bytes than it first did, which no honest
// simulator does, so the axis here is a hand-written object answering per call.
const documentWith = (bytes: Buffer): EdxmlDocument => ({ documentId: 'X,2026/11/20,1/UBND', attachments: [{ contentId: 'cid:1', name: 'a.pdf', size: bytes.length, content: bytes }] }) as unknown as EdxmlDocument;

function axisAnswering(answers: Buffer[]): DocumentExchangeConnector & { reads: number } {
  const axis = {
    name: 'qlvb-test',
    kind: 'document-exchange',
    agencyCode: '000.00.00.G22',
    reads: 0,
    listReceived: async () => [{ docId: 'm1', receivedAt: '2026-11-20T08:00:00+07:00', acknowledgement: 'processing' }, { docId: 'm2', receivedAt: '2026-11-20T08:00:00+07:00', acknowledgement: 'processing' }],
    listSent: async () => [],
    getMessages: async (ids: readonly string[]) =>
      ids.map(() => ({ message: { kind: 'document', document: documentWith(answers[Math.min(axis.reads++, answers.length - 1)]!) }, signatures: { document: { status: 'VERIFIED' } } }) as unknown as ReceivedMessage),
  };
  return axis as unknown as DocumentExchangeConnector & { reads: number };
}

describe('attachment bytes dropped from memory', () => {
  it('are served again only when the axis gives back the very bytes first read (SHA-256), else UPSTREAM_BAD_RESPONSE', async () => {
    const first = Buffer.alloc(1000, 'a');
    const second = Buffer.alloc(1000, 'b');
    const forged = Buffer.alloc(1000, 'z'); // same size, other bytes
    const axis = axisAnswering([first, second, forged]);
    const registry = createDocumentRegistry({ connectors: [axis], logger: createSilentLogger(), minRefreshIntervalMs: 0, maxAttachmentBytes: 1500 });
    await registry.refresh();
    // Two 1000-byte files in a 1500-byte bound: the first read is dropped, its size kept.
    expect(registry.attachmentBytesHeld()).toBe(1000);
    expect(registry.copy('qlvb-test:m1')!.document.attachments[0]).toMatchObject({ size: 1000 });
    expect(registry.copy('qlvb-test:m1')!.document.attachments[0]!.content).toBeUndefined();
    await expect(registry.attachmentContent('qlvb-test:m1', 'cid:1')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    expect(axis.reads).toBe(3);
    // The one still held is served from memory without asking the axis.
    expect((await registry.attachmentContent('qlvb-test:m2', 'cid:1'))!.equals(second)).toBe(true);
    expect(axis.reads).toBe(3);
  });

  it('come back when the axis gives the same bytes, and the bound holds after', async () => {
    const a = Buffer.alloc(1000, 'a');
    const b = Buffer.alloc(1000, 'b');
    const axis = axisAnswering([a, b, a]);
    const registry = createDocumentRegistry({ connectors: [axis], logger: createSilentLogger(), minRefreshIntervalMs: 0, maxAttachmentBytes: 1500 });
    await registry.refresh();
    expect((await registry.attachmentContent('qlvb-test:m1', 'cid:1'))!.equals(a)).toBe(true);
    // Now m1 is held and m2 was dropped to make room.
    expect(registry.attachmentBytesHeld()).toBe(1000);
    expect(registry.copy('qlvb-test:m2')!.document.attachments[0]!.content).toBeUndefined();
    expect(await registry.attachmentContent('qlvb-test:m1', 'cid:404')).toBeUndefined();
    expect(await registry.attachmentContent('qlvb-test:nope', 'cid:1')).toBeUndefined();
  });
});
