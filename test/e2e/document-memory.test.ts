import { createHash } from 'node:crypto';
import { startTestGateway, type Caller, type TestGateway } from '../utils/gateway';

const SEND = /* GraphQL */ `
  mutation Send($input: SendDocumentInput!) { sendDocument(input: $input) { id documentId } }
`;
const LIST = /* GraphQL */ `
  query List { documents(filter: { agency: "000.00.00.G22", direction: INCOMING }, first: 50) { nodes { id number attachments { contentId size downloadPath } } } }
`;
const clerkOf = (agency: string, client: string) => ({ client_id: client, sub: `van-thu-${agency}`, agency, scope: 'documents:read documents:send' });

/** A file of `bytes` bytes whose content says which one it is. */
const fileOf = (n: number, bytes: number) => Buffer.alloc(bytes, `tệp số ${n} `);

describe('attachment bytes kept in memory are bounded, and dropped ones are read from the axis again', () => {
  let gw: TestGateway;
  let nghean: Caller;
  let government: Caller;
  const files = [0, 1, 2, 3].map((n) => fileOf(n, 40_000));
  beforeAll(async () => {
    // Room for two 40 kB files, not four.
    gw = await startTestGateway({ procedures: 20, documentExchange: { maxAttachmentMemoryBytes: 100_000 } });
    nghean = await gw.withClaims(clerkOf('000.00.00.H41', 'qlvb-nghean'));
    government = await gw.withClaims(clerkOf('000.00.00.G22', 'qlvb-vpcp'));
    for (const [n, file] of files.entries()) {
      const sent = await nghean.graphql(SEND, {
        input: {
          from: '000.00.00.H41', to: ['000.00.00.G22'], number: String(300 + n), notation: 'UBND-VX', subject: `Công văn số ${300 + n}`,
          promulgationPlace: 'Nghệ An', promulgationDate: '2026-11-20', signerPosition: 'Chủ tịch', signerName: 'Nguyễn Văn A',
          attachments: [{ name: `tep-${n}.pdf`, contentType: 'application/pdf', contentBase64: file.toString('base64') }],
        },
      });
      expect(sent.errors).toBeUndefined();
    }
  });
  afterAll(() => gw.close());

  const incoming = async () => {
    const res = await government.graphql<{ documents: { nodes: Array<{ id: string; number: string; attachments: Array<{ size: number; downloadPath: string | null }> }> } }>(LIST);
    expect(res.errors).toBeUndefined();
    return res.data!.documents.nodes.filter((n) => Number(n.number) >= 300).sort((a, b) => Number(a.number) - Number(b.number));
  };

  it('holds no more than the bound, yet every copy keeps its size and downloads byte for byte, the dropped ones read again from the axis', async () => {
    const copies = await incoming();
    expect(copies).toHaveLength(4);
    // Four 40 kB files were read (sent copies and received copies: eight); at most 100 kB stay.
    expect(gw.running.sources.documents.attachmentBytesHeld()).toBeLessThanOrEqual(100_000);
    expect(copies.map((c) => c.attachments[0]!.size)).toEqual([40_000, 40_000, 40_000, 40_000]);
    expect(copies.every((c) => c.attachments[0]!.downloadPath !== null)).toBe(true);

    gw.axis.resetStats();
    for (const [n, copy] of copies.entries()) {
      const res = await government.fetch(copy.attachments[0]!.downloadPath!);
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect(createHash('sha256').update(body).digest('hex')).toBe(createHash('sha256').update(files[n]!).digest('hex'));
      expect(gw.running.sources.documents.attachmentBytesHeld()).toBeLessThanOrEqual(100_000);
    }
    // The oldest two had been dropped, so they were fetched again (one getEdoc each); the newest two were served from memory.
    expect(gw.axis.stats.byOperation['getEdoc'] ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('answers a coded error, not a broken file, when the axis fails while a dropped attachment is read again', async () => {
    // Reading the newest two first makes the oldest ones the dropped ones again.
    const copies = await incoming();
    for (const copy of copies.slice(2)) expect((await government.fetch(copy.attachments[0]!.downloadPath!)).status).toBe(200);
    gw.axis.setFault({ mode: 'garbage' });
    try {
      const res = await government.fetch(copies[0]!.attachments[0]!.downloadPath!);
      expect(res.status).toBeGreaterThanOrEqual(500);
      const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toMatch(/^UPSTREAM_/);
    } finally {
      gw.axis.setFault({ mode: 'none' });
    }
    const again = await government.fetch(copies[0]!.attachments[0]!.downloadPath!);
    expect(again.status).toBe(200);
    expect(Buffer.from(await again.arrayBuffer()).equals(files[0]!)).toBe(true);
  });
});
