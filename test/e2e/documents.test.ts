import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEdxml } from '../../connectors/document-exchange';
import { startTestGateway, type Caller, type TestGateway } from '../utils/gateway';

const SEND = /* GraphQL */ `
  mutation Send($input: SendDocumentInput!) {
    sendDocument(input: $input) { id documentId direction number notation subject holder { code } recipients { code } currentStatus { code } deliveries { recipient { code } delivered acknowledgement } attachments { name size } }
  }
`;
const ACK = /* GraphQL */ `mutation Ack($id: ID!, $s: String!) { acknowledgeDocument(id: $id, status: $s) { id currentStatus { code label } } }`;
const LIST = /* GraphQL */ `
  query List($agency: ID, $direction: DocumentDirection) {
    documents(filter: { agency: $agency, direction: $direction }, first: 50) {
      totalCount
      nodes {
        id documentId direction number notation subject content businessType
        type { code name } sender { code name } recipients { code }
        promulgationDate signer { position fullName } priority
        attachments { contentId name contentType size downloadPath error }
        signature { status reason signer { name organisation } }
        statusHistory { code label by { code } at }
      }
    }
  }
`;

interface DocNode {
  id: string;
  documentId: string;
  direction: string;
  number: string;
  notation: string;
  subject: string;
  attachments: Array<{ contentId: string; name: string; size: number | null; downloadPath: string | null; error: string | null }>;
  statusHistory: Array<{ code: string; label: string; by: { code: string }; at: string }>;
  [key: string]: unknown;
}

/** The claims of a document clerk (văn thư) of `agency`, whose system is connected through the gateway. */
const clerkOf = (agency: string, client: string) => ({ client_id: client, sub: `van-thu-${agency}`, agency, scope: 'documents:read documents:send' });

describe('official documents through the gateway (edXML over the exchange axis), handled by each agency\'s clerk', () => {
  let gw: TestGateway;
  let nghean: Caller;
  let government: Caller;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 60 });
    nghean = await gw.withClaims(clerkOf('000.00.00.H41', 'qlvb-nghean'));
    government = await gw.withClaims(clerkOf('000.00.00.G22', 'qlvb-vpcp'));
  });
  afterAll(() => gw.close());

  it('sends a document from one agency, delivers it to the other byte-for-byte parseable, and shows the whole status history 01 → 03 → 05 → 06', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% Công văn mẫu\n', 'utf8');
    const sent = await nghean.graphql<{ sendDocument: DocNode }>(SEND, {
      input: {
        from: '000.00.00.H41',
        to: ['000.00.00.G22'],
        number: '125',
        notation: 'UBND-VX',
        subject: 'Về việc báo cáo tình hình giải quyết thủ tục hành chính quý III',
        content: 'UBND tỉnh Nghệ An báo cáo Văn phòng Chính phủ…',
        promulgationPlace: 'Nghệ An',
        promulgationDate: '2026-11-20',
        signerPosition: 'Chủ tịch',
        signerName: 'Nguyễn Văn A',
        attachments: [{ name: 'bao-cao-quy-3.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') }],
      },
    });
    expect(sent.errors).toBeUndefined();
    const outgoing = sent.data!.sendDocument;
    expect(outgoing).toMatchObject({ direction: 'OUTGOING', number: '125', notation: 'UBND-VX', documentId: '000.00.00.H41,2026/11/20,125/UBND-VX', holder: { code: '000.00.00.H41' }, recipients: [{ code: '000.00.00.G22' }], currentStatus: null });
    expect(outgoing.deliveries).toEqual([{ recipient: { code: '000.00.00.G22' }, delivered: true, acknowledgement: 'PENDING' }]);

    // What the recipient's system holds on the axis is exactly what was built, and parses to the same values.
    const inbox = gw.axis.inbox('vpcp.qlvb');
    expect(inbox).toHaveLength(1);
    const stored = gw.axis.stored(inbox[0]!.docId);
    const parsed = parseEdxml(stored!);
    expect(parsed.kind).toBe('document');
    if (parsed.kind === 'document') {
      expect(parsed.document).toMatchObject({ documentId: outgoing.documentId, subject: 'Về việc báo cáo tình hình giải quyết thủ tục hành chính quý III', code: { codeNumber: '125', codeNotation: 'UBND-VX' } });
      expect(parsed.document.attachments[0]!.content!.equals(pdf)).toBe(true);
    }

    const incoming = await government.graphql<{ documents: { nodes: DocNode[] } }>(LIST, { agency: '000.00.00.G22', direction: 'INCOMING' });
    expect(incoming.errors).toBeUndefined();
    const copy = incoming.data!.documents.nodes.find((n) => n.documentId === outgoing.documentId)!;
    expect(copy).toMatchObject({ direction: 'INCOMING', sender: { code: '000.00.00.H41' }, signer: { position: 'Chủ tịch', fullName: 'Nguyễn Văn A' }, promulgationDate: '2026-11-20', businessType: 'NEW' });
    // Nghệ An's system signs with its demo key; the gateway trusts the demo CA.
    expect(copy.signature).toEqual({ status: 'VERIFIED', reason: null, signer: { name: 'UBND Tỉnh Nghệ An', organisation: 'UBND Tỉnh Nghệ An' } });

    // The attachment streams through the gateway, byte for byte.
    const download = await government.fetch(copy.attachments[0]!.downloadPath!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    // The same message as another system might send it, its attachment's type carrying a CR/LF: served as plain bytes, never as a header it writes.
    const tampered = stored!.toString('utf8').replaceAll('application/pdf', 'text/html&#13;&#10;Set-Cookie: x=1');
    expect(tampered).not.toBe(stored!.toString('utf8'));
    gw.axis.deliverUnchecked('vpcp.qlvb', tampered.replace(outgoing.documentId, `${outgoing.documentId}-b`), { from: '000.00.00.H41', messageType: 'edoc' });
    const again = await government.graphql<{ documents: { nodes: DocNode[] } }>(LIST, { agency: '000.00.00.G22', direction: 'INCOMING' });
    const odd = again.data!.documents.nodes.find((n) => n.documentId === `${outgoing.documentId}-b`)!;
    const oddDownload = await government.fetch(odd.attachments[0]!.downloadPath!);
    expect([oddDownload.status, oddDownload.headers.get('content-type'), oddDownload.headers.get('set-cookie')]).toEqual([200, 'application/octet-stream', null]);
    expect(Buffer.from(await oddDownload.arrayBuffer()).equals(pdf)).toBe(true);

    for (const status of ['01', '03', '05', '06']) {
      const ack = await government.graphql<{ acknowledgeDocument: { currentStatus: { code: string } } }>(ACK, { id: copy.id, s: status });
      expect(ack.errors).toBeUndefined();
      expect(ack.data!.acknowledgeDocument.currentStatus.code).toBe(status);
    }

    const senderView = await nghean.graphql<{ documents: { nodes: DocNode[] } }>(LIST, { agency: '000.00.00.H41', direction: 'OUTGOING' });
    const history = senderView.data!.documents.nodes.find((n) => n.documentId === outgoing.documentId)!.statusHistory;
    expect(history.map((h) => h.code)).toEqual(['01', '03', '05', '06']);
    expect(history.map((h) => h.label)).toEqual(['Đã đến', 'Đã tiếp nhận', 'Đang xử lý', 'Hoàn thành']);
    expect(history.every((h) => h.by.code === '000.00.00.G22' && h.at.endsWith('+07:00'))).toBe(true);
    // The status messages reached the sender's own inbox on the axis, too.
    expect(gw.axis.inbox('nghean.qlvb').filter((e) => e.messageType === 'status')).toHaveLength(4);
  });

  it('reads a real SDK sample as sent by another system, attachment and signature included', async () => {
    const sample = readFileSync(path.join(__dirname, '../../connectors/document-exchange/fixtures/edoc_new.vpcp-sdk.edxml'));
    // The sample is addressed from a commune of H13 to a legacy id; re-address it between the connected systems.
    const text = sample.toString('utf8').replace(/002\.00\.20\.H13/g, '000.00.00.G22').replace(/28\.22\.H17/g, '000.00.00.H41');
    gw.axis.sendAs('vpcp.qlvb', Buffer.from(text, 'utf8'), 'edoc');
    const res = await nghean.graphql<{ documents: { nodes: DocNode[] } }>(LIST, { agency: '000.00.00.H41', direction: 'INCOMING' });
    const copy = res.data!.documents.nodes.find((n) => n.notation === 'VPCP-TTĐT')!;
    // The SDK signs outside the XML-DSig namespace with placeholder values: never shown as verified.
    expect(copy).toMatchObject({ documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT', signature: { status: 'UNVERIFIABLE', reason: expect.stringMatching(/not in the XML-DSig namespace/), signer: null } });
    expect(copy.attachments[0]).toMatchObject({ contentId: 'cid:209', size: 171, error: null });
  });

  it('refuses a bad status code, an unknown document and a sender whose system is not connected, with coded errors', async () => {
    const badStatus = await government.graphql(ACK, { id: 'qlvb-g22:nope', s: '99' });
    expect(badStatus.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await government.graphql(ACK, { id: 'qlvb-g22:nope', s: '03' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const quangngai = await gw.withClaims(clerkOf('000.00.00.H48', 'qlvb-quangngai'));
    const stranger = await quangngai.graphql(SEND, { input: { from: '000.00.00.H48', to: ['000.00.00.G22'], number: '1', notation: 'X', subject: 's' } });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets no one send in the name of an agency they do not act for, not even the national sync', async () => {
    const sync = await gw.withClaims({ client_id: 'national-portal-sync', agency: '000.00.00.G22', scope: 'sync:admin documents:read documents:send' });
    const res = await sync.graphql(SEND, { input: { from: '000.00.00.H41', to: ['000.00.00.G22'], number: '2', notation: 'X', subject: 's' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN_JURISDICTION');
    expect(gw.axis.inbox('vpcp.qlvb').every((e) => e.messageType !== 'edoc' || !gw.axis.stored(e.docId)!.toString('utf8').includes('<edXML:CodeNumber>2</edXML:CodeNumber>'))).toBe(true);
  });

  it('refuses an attachment whose type is no media type (a CR/LF would reach the recipients\' download headers), and sends nothing', async () => {
    const before = gw.axis.inbox('vpcp.qlvb').length;
    const res = await nghean.graphql(SEND, {
      input: { from: '000.00.00.H41', to: ['000.00.00.G22'], number: '3', notation: 'X', subject: 's', attachments: [{ name: 'a.txt', contentType: 'text/plain\r\nSet-Cookie: x=1', contentBase64: 'YQ==' }] },
    });
    expect([res.errors?.[0]?.extensions?.code, res.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', 'attachments[0].contentType must be a media type such as application/pdf; got "text/plain\\r\\nSet-Cookie: x=1"']);
    expect(gw.axis.inbox('vpcp.qlvb')).toHaveLength(before);
  });
});

describe('a broken message on the axis', () => {
  it('is reported with EDXML_INVALID next to the documents that could be read, and nothing else is lost', async () => {
    const gw = await startTestGateway({ procedures: 40 });
    try {
      const sample = readFileSync(path.join(__dirname, '../../connectors/document-exchange/fixtures/edoc_new.vpcp-sdk.edxml'), 'utf8')
        .replace(/002\.00\.20\.H13/g, '000.00.00.G22')
        .replace(/28\.22\.H17/g, '000.00.00.H41');
      gw.axis.sendAs('vpcp.qlvb', Buffer.from(sample, 'utf8'), 'edoc');
      gw.axis.deliverUnchecked('nghean.qlvb', Buffer.from('<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><broken', 'utf8'), { from: '000.00.00.G22', messageType: 'edoc' });
      const nghean = await gw.withClaims(clerkOf('000.00.00.H41', 'qlvb-nghean'));
      const res = await nghean.graphql<{ documents: { totalCount: number } }>(/* GraphQL */ `{ documents(filter: { agency: "000.00.00.H41" }) { totalCount } }`);
      expect(res.data!.documents.totalCount).toBe(1);
      expect(res.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'EDXML_INVALID', source: 'qlvb-h41' }) })]);
      expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    } finally {
      await gw.close();
    }
  });
});
