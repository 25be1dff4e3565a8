import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startDocumentExchangeSimulator, type AxisSystem, type DocumentExchangeSimulator } from '../../../simulators/document-exchange';
import { isGatewayError } from '../../../src/errors';
import { buildEdxmlStatus, createDocumentExchangeConnector, parseEdxml, type DocumentExchangeConnector, type EdxmlStatusCode, type ReceivedMessage } from '..';

/** The Government Office SDK's sample document, as recorded: CRLF, tabs, mixed prefixes, From 002.00.20.H13, To 28.22.H17. */
const SAMPLE = readFileSync(path.join(__dirname, '../fixtures/edoc_new.vpcp-sdk.edxml'));

const A: AxisSystem = { systemId: 'hoatien.qlvb', secret: 'secret-a', agencyCode: '002.00.20.H13', name: 'UBND xã Hòa Tiến' };
const B: AxisSystem = { systemId: 'hoason.qlvb', secret: 'secret-b', agencyCode: '28.22.H17', name: 'UBND xã Hòa Sơn' };

const connectorFor = (sim: DocumentExchangeSimulator, system: AxisSystem): DocumentExchangeConnector =>
  createDocumentExchangeConnector({ url: sim.url, systemId: system.systemId, secret: system.secret, agencyCode: system.agencyCode, timeoutMs: 2000 });

/** B's answer about the sample, as its clerk's QLVB would send it. */
function statusFromB(statusCode: EdxmlStatusCode, minute: number): string {
  return buildEdxmlStatus({
    from: { organId: B.agencyCode, organName: B.name, organizationInCharge: 'UBND huyện Hòa Vang' },
    responseFor: { organId: A.agencyCode, code: '74fass22/VPCP-TTĐT', promulgationDate: '2015-09-30', documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT' },
    staffInfo: { department: 'Văn thư', staff: 'Lê Thị Hoa' },
    statusCode,
    statusLabel: '',
    description: `Trạng thái ${statusCode}`,
    timestamp: `2024-03-05T09:${String(minute).padStart(2, '0')}:00+07:00`,
    traces: [],
  });
}

describe('exchanging documents over the axis', () => {
  let sim: DocumentExchangeSimulator;
  let a: DocumentExchangeConnector;
  let b: DocumentExchangeConnector;
  let sentDocId: string;
  beforeAll(async () => {
    sim = await startDocumentExchangeSimulator({ seed: 9, systems: [A, B] });
    a = connectorFor(sim, A);
    b = connectorFor(sim, B);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await sim.close();
  });

  it('delivers a document from A to B, who reads it byte for byte and parses it to the same values', async () => {
    ({ docId: sentDocId } = await a.sendDocument(SAMPLE));
    const inbox = await b.listReceived();
    expect(inbox).toEqual([
      { docId: expect.any(String), messageType: 'edoc', from: A.agencyCode, to: B.agencyCode, acknowledgement: 'pending', receivedAt: expect.stringMatching(/\+07:00$/), updatedAt: expect.any(String) },
    ]);
    const received = await b.getMessage(inbox[0]!.docId);
    expect(received.bytes.equals(SAMPLE)).toBe(true);
    expect(received.message).toEqual(parseEdxml(SAMPLE));
    expect(received.message.kind === 'document' && received.message.document.subject).toBe('V/v kết nối, liên thông phần mềm quản lý văn bản');

    expect(await a.listSent(sentDocId)).toEqual([
      expect.objectContaining({ docId: sentDocId, messageType: 'edoc', to: B.agencyCode, recipientDocId: inbox[0]!.docId, delivered: true, acknowledgement: 'pending', notation: '74fass22/VPCP-TTĐT' }),
    ]);
  });

  it('carries B\'s status messages 01, 03, 05 and 06 back to A, in the order B sent them', async () => {
    const codes: EdxmlStatusCode[] = ['01', '03', '05', '06'];
    for (const [i, code] of codes.entries()) await b.sendStatus(statusFromB(code, i));

    const statuses = (await a.listReceived()).filter((r) => r.messageType === 'status');
    expect(statuses.map((s) => s.from)).toEqual([B.agencyCode, B.agencyCode, B.agencyCode, B.agencyCode]);
    const messages = await a.getMessages(statuses.map((s) => s.docId));
    const read = messages.map((m) => {
      if (m instanceof Error || m.message.kind !== 'status') throw new Error(`expected a status message, got ${String(m instanceof Error ? m.message : m.message.kind)}`);
      return m.message.status;
    });
    expect(read.map((s) => s.statusCode)).toEqual(codes);
    expect(read.map((s) => s.statusLabel)).toEqual(['Đã đến', 'Đã tiếp nhận', 'Đang xử lý', 'Hoàn thành']);
    for (const status of read) expect(status.responseFor).toEqual({ organId: A.agencyCode, code: '74fass22/VPCP-TTĐT', promulgationDate: '2015-09-30', documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT' });
  });

  it('takes a message out of the inbox once acknowledged done, and tells the sender', async () => {
    const [entry] = await b.listReceived();
    await b.acknowledge(entry!.docId, 'processing');
    expect(await b.listReceived()).toEqual([expect.objectContaining({ docId: entry!.docId, acknowledgement: 'processing' })]);
    await b.acknowledge(entry!.docId, 'done');
    expect(await b.listReceived()).toEqual([]);
    expect(sim.inbox(B.systemId)).toEqual([]);
    // Still readable after it left the inbox.
    await expect(b.getMessage(entry!.docId)).resolves.toMatchObject({ docId: entry!.docId });
    expect(await a.listSent(sentDocId)).toEqual([expect.objectContaining({ acknowledgement: 'done', acknowledgedAt: expect.stringMatching(/\+07:00$/) })]);
  });

  it('reports a received message with broken XML as EDXML_INVALID for that message only', async () => {
    const broken = sim.deliverUnchecked(B.systemId, '<?xml version="1.0"?>\r\n<edXML><edXMLEnvelope>', { from: A.agencyCode, messageType: 'edoc' });
    await a.sendDocument(SAMPLE);
    const inbox = await b.listReceived();
    expect(inbox.map((r) => r.docId)).toContain(broken);
    expect(inbox).toHaveLength(2);

    const results = await b.getMessages(inbox.map((r) => r.docId));
    const failed = results[inbox.findIndex((r) => r.docId === broken)];
    const good = results[inbox.findIndex((r) => r.docId !== broken)] as ReceivedMessage;
    expect(isGatewayError(failed) && failed.extensions).toMatchObject({ code: 'EDXML_INVALID' });
    expect(good.bytes.equals(SAMPLE)).toBe(true);
    await expect(b.getMessage(broken)).rejects.toMatchObject({ extensions: { code: 'EDXML_INVALID', line: expect.any(Number) } });
    expect((await b.listSent()).map((s) => s.messageType)).toEqual(['status', 'status', 'status', 'status']);
  });

  it('reports a received message over the connector\'s limits as PAYLOAD_TOO_LARGE for that message only', async () => {
    const strict = createDocumentExchangeConnector({ url: sim.url, systemId: B.systemId, secret: B.secret, agencyCode: B.agencyCode, limits: { maxBytes: 4096 } });
    const small = sim.deliverUnchecked(B.systemId, statusFromB('01', 0), { from: A.agencyCode, messageType: 'status' });
    const large = sim.deliverUnchecked(B.systemId, SAMPLE, { from: A.agencyCode, messageType: 'edoc' });
    const [ok, tooLarge] = await strict.getMessages([small, large]);
    expect(ok).toMatchObject({ docId: small, message: { kind: 'status' } });
    expect(isGatewayError(tooLarge) && tooLarge.code).toBe('PAYLOAD_TOO_LARGE');
    await strict.close();
  });
});
