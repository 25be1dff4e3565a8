import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildEdxmlDocument, buildEdxmlStatus } from '../../../connectors/document-exchange/edxml';
import { startDocumentExchangeSimulator, type AxisSystem, type DocumentExchangeSimulator } from '..';

const FIXTURES = path.join(__dirname, '../../../connectors/document-exchange/fixtures');
const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));

/** The SDK sample, messy as it is: From 002.00.20.H13, one To with the legacy code 28.22.H17. */
const SAMPLE = fixture('edoc_new.vpcp-sdk.edxml');

const H13: AxisSystem = { systemId: 'h13.qlvb', secret: 's-h13', agencyCode: '002.00.20.H13', name: 'Sở Nội vụ (thử)' };
const G22: AxisSystem = { systemId: 'vpcp.qlvb', secret: 's-g22', agencyCode: '000.00.00.G22', name: 'Văn phòng Chính phủ' };
/** The commune the SDK sample is addressed to, under the legacy code it uses. */
const HOA_SON: AxisSystem = { systemId: 'hoason.qlvb', secret: 's-hs', agencyCode: '28.22.H17', name: 'UBND xã Hòa Sơn' };
const H41: AxisSystem = { systemId: 'nghean.qlvb', secret: 's-h41', agencyCode: '000.00.00.H41', name: 'UBND Tỉnh Nghệ An' };

/** A small valid document from H13 to `to`, built with the gateway's builder. */
function document(to: string[]): string {
  return buildEdxmlDocument({
    from: { organId: H13.agencyCode, organName: H13.name },
    to: to.map((organId) => ({ organId })),
    documentId: '002.00.20.H13,2024/03/05,12/SNV-VP',
    code: { codeNumber: '12', codeNotation: 'SNV-VP' },
    promulgationInfo: { place: 'Đà Nẵng', date: '2024-03-05' },
    documentType: { type: 1, typeName: 'Công văn' },
    subject: 'V/v thử nghiệm liên thông',
    signerInfo: { fullName: 'Nguyễn Văn A' },
    toPlaces: [],
    otherInfo: { appendixes: [] },
    responseFor: [],
    traces: [],
    business: { businessDocType: 'NEW', replacementInfo: [] },
    attachments: [],
    signature: { present: false, xmldsigNamespace: false, enveloped: false, hasX509Certificate: false, verification: 'NOT_VERIFIED' },
  });
}

interface Answer {
  http: number;
  body: Record<string, unknown>;
}

/** A call with plain `systemid`/`secret` headers, as curl would make it. */
async function plain(sim: DocumentExchangeSimulator, operation: string, system: AxisSystem, params: Record<string, string> = {}, body?: Buffer, method = 'POST'): Promise<Answer> {
  const res = await fetch(new URL(operation, sim.url), { method, headers: { systemid: system.systemId, secret: system.secret, ...params }, body: body && new Uint8Array(body) });
  return { http: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * A call signed as SDKVXP 2.0.1 signs it, written here from the SDK's code rather than
 * taken from the connector, so the two cannot agree by sharing a mistake.
 */
async function signed(sim: DocumentExchangeSimulator, operation: string, system: AxisSystem, params: Record<string, string>, options: { file?: Buffer; secret?: string; tamper?: Record<string, string> } = {}): Promise<Answer> {
  const all: Record<string, string> = { 'Content-Type': 'application/json', systemid: system.systemId, timestamp: '05032024T081500+0123', ...params };
  if (options.file) all['hash-file'] = [...createHash('sha256').update(options.file).digest()].map((b) => b.toString(16)).join('');
  const json: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) json[`XroadVnpt-${k}`] = v;
  const signHeader = JSON.stringify(json);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(json)),
    'XroadVnpt-sign-header-key': Object.keys(all).join(';'),
    'XroadVnpt-sign-header': options.tamper ? JSON.stringify({ ...json, ...options.tamper }) : signHeader,
    'XroadVnpt-hash-header': createHmac('sha256', options.secret ?? system.secret).update(signHeader).digest('hex'),
  };
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (options.file) {
    headers['content-type'] = 'multipart/form-data; boundary=sdkBoundary42';
    body = new Uint8Array(Buffer.concat([
      Buffer.from('--sdkBoundary42\r\nContent-Disposition: form-data; name="file_doc"; filename="edoc.edxml"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      options.file,
      Buffer.from('\r\n--sdkBoundary42--\r\n'),
    ]));
  }
  const res = await fetch(new URL(operation, sim.url), { method: 'POST', headers, body });
  return { http: res.status, body: (await res.json()) as Record<string, unknown> };
}

const send = (sim: DocumentExchangeSimulator, system: AxisSystem, bytes: Buffer, messagetype = 'edoc'): Promise<Answer> =>
  plain(sim, '/sendEdoc', system, { from: system.agencyCode, servicetype: 'eDoc', messagetype, 'content-type': 'application/xml' }, bytes);

describe('document exchange simulator protocol', () => {
  let sim: DocumentExchangeSimulator;
  beforeAll(async () => {
    sim = await startDocumentExchangeSimulator({ seed: 7, systems: [H13, HOA_SON, G22, H41], maxMessageBytes: 64 * 1024 });
  });
  afterAll(() => sim.close());

  it('stores a document byte for byte and delivers its own copy to the system serving its To organ', async () => {
    const { http, body } = await send(sim, H13, SAMPLE);
    expect(http).toBe(200);
    expect(body).toMatchObject({ status: 'OK', ErrorCode: '0' });
    const docId = body.DocId as string;
    expect(sim.stored(docId)!.equals(SAMPLE)).toBe(true);

    const inbox = sim.inbox(HOA_SON.systemId);
    expect(inbox).toEqual([{ docId: expect.any(String), from: '002.00.20.H13', messageType: 'edoc', status: 'initial' }]);
    expect(inbox[0]!.docId).not.toBe(docId);
    expect(sim.stored(inbox[0]!.docId)!.equals(SAMPLE)).toBe(true);

    const sent = await plain(sim, '/getSentEdocList', H13, { docId });
    expect(sent.body.data).toEqual([
      expect.objectContaining({ senderDocId: docId, toCode: '28.22.H17', receiverDocId: inbox[0]!.docId, sendStatus: 'done', receiveStatus: 'initial', notation: '74fass22/VPCP-TTĐT', title: 'V/v kết nối, liên thông phần mềm quản lý văn bản' }),
    ]);
  });

  it('delivers to every organ some system serves and reports, per recipient, the organ nobody serves', async () => {
    const docId = sim.sendAs(H13.systemId, document(['000.00.00.G22', '000.00.00.H98', '000.00.00.H41']), 'edoc');
    const sent = await plain(sim, '/getSentEdocList', H13, { docId });
    expect((sent.body.data as Array<Record<string, unknown>>).map((d) => [d.toCode, d.sendStatus, d.receiverDocId === '' ? 'no copy' : 'copy'])).toEqual([
      ['000.00.00.G22', 'done', 'copy'],
      ['000.00.00.H98', 'fail', 'no copy'],
      ['000.00.00.H41', 'done', 'copy'],
    ]);
    expect(sim.inbox(G22.systemId).at(-1)).toMatchObject({ from: H13.agencyCode, messageType: 'edoc' });
    expect(sim.inbox(H41.systemId).at(-1)).toMatchObject({ from: H13.agencyCode, messageType: 'edoc' });
  });

  it('lists the inbox with the fields the SDK reads, filtered by messagetype, and counts it', async () => {
    const received = await plain(sim, '/getReceivedEdocList', HOA_SON, { servicetype: 'eDoc', messagetype: 'edoc' });
    const item = (received.body.data as Array<Record<string, unknown>>).at(-1)!;
    expect(Object.keys(item).sort()).toEqual(['created_time', 'docId', 'from', 'messageType', 'serviceType', 'status', 'status_desc', 'to', 'updated_time']);
    expect(item).toMatchObject({ serviceType: 'eDoc', messageType: 'edoc', from: '002.00.20.H13', to: '28.22.H17', status: 'initial' });
    expect(item.created_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    sim.sendAs(H41.systemId, fixture('status_inbox_01.edxml'), 'status');
    const statuses = await plain(sim, '/getReceivedEdocList', G22, { servicetype: 'eDoc', messagetype: 'status' });
    expect(statuses.body.data).toHaveLength(1);
    expect((statuses.body.data as unknown[]).every((s) => (s as { messageType: string }).messageType === 'status')).toBe(true);
    const count = await plain(sim, '/countReceiveEdoc', HOA_SON, { messagetype: 'edoc' }, undefined, 'GET');
    expect(count.body.count).toBe((received.body.data as unknown[]).length);
  });

  it('accepts the SDK\'s signed multipart upload, and refuses another secret or a parameter changed after signing', async () => {
    const params = { from: H13.agencyCode, servicetype: 'eDoc', messagetype: 'edoc' };
    const ok = await signed(sim, '/sendEdoc', H13, params, { file: SAMPLE });
    expect(ok.body).toMatchObject({ status: 'OK', ErrorCode: '0' });
    expect(sim.stored(ok.body.DocId as string)!.equals(SAMPLE)).toBe(true);

    const wrongSecret = await signed(sim, '/sendEdoc', H13, params, { file: SAMPLE, secret: 'guess' });
    expect(wrongSecret).toEqual({ http: 200, body: { status: 'FAIL', ErrorCode: '-1', ErrorDesc: expect.stringContaining('Xác thực'), DocId: '' } });
    const tampered = await signed(sim, '/getReceivedEdocList', H13, { servicetype: 'eDoc' }, { tamper: { 'XroadVnpt-systemid': G22.systemId } });
    expect(tampered.body).toMatchObject({ status: 'FAIL', ErrorCode: '-1' });
  });

  it('refuses a file whose hash-file does not match what arrived', async () => {
    const res = await plain(sim, '/sendEdoc', H13, { servicetype: 'eDoc', messagetype: 'edoc', 'hash-file': 'ab'.repeat(32), 'content-type': 'application/xml' }, SAMPLE);
    expect(res.body).toMatchObject({ status: 'FAIL', ErrorCode: '-7' });
  });

  it('refuses broken edXML, a message of the other kind, and a From that is not the caller\'s organ, and keeps serving', async () => {
    const broken = await send(sim, H13, Buffer.from('<edXML><unclosed></edXML>'));
    expect(broken.body).toMatchObject({ status: 'FAIL', ErrorCode: '-3', ErrorDesc: expect.stringContaining('edXML không hợp lệ') });
    const notXml = await send(sim, H13, Buffer.from('%PDF-1.4 \u0000\u0001'));
    expect(notXml.body).toMatchObject({ status: 'FAIL', ErrorCode: '-3' });
    const kind = await send(sim, H13, SAMPLE, 'status');
    expect(kind.body).toMatchObject({ status: 'FAIL', ErrorCode: '-3', ErrorDesc: expect.stringContaining('messagetype') });
    const notMine = await send(sim, G22, SAMPLE);
    expect(notMine.body).toMatchObject({ status: 'FAIL', ErrorCode: '-8' });
    const missing = await plain(sim, '/sendEdoc', H13, { servicetype: 'eDoc' }, SAMPLE);
    expect(missing.body).toMatchObject({ status: 'FAIL', ErrorCode: '-2' });
    expect((await send(sim, H13, SAMPLE)).body.status).toBe('OK');
  });

  it('answers a message over the limit with ErrorCode -6 and a far larger body with HTTP 413, without falling over', async () => {
    const padded = Buffer.concat([SAMPLE, Buffer.from(`<!-- ${'x'.repeat(70 * 1024)} -->`)]);
    expect((await send(sim, H13, padded)).body).toMatchObject({ status: 'FAIL', ErrorCode: '-6' });
    const huge = await fetch(new URL('/sendEdoc', sim.url), { method: 'POST', headers: { systemid: H13.systemId, secret: H13.secret }, body: Buffer.alloc(2 * 1024 * 1024, 0x61) });
    expect(huge.status).toBe(413);
    expect((await send(sim, H13, SAMPLE)).body.status).toBe('OK');
  });

  it('routes the real status messages to the system serving their ResponseFor organ', async () => {
    for (const name of ['status_inbox_01.edxml', 'status_acceptance_03.edxml', 'status_processing_05.edxml', 'status_finish_06.edxml']) {
      expect((await send(sim, H41, fixture(name), 'status')).body).toMatchObject({ status: 'OK' });
    }
    const fromH41 = sim.inbox(G22.systemId).filter((e) => e.from === H41.agencyCode && e.messageType === 'status').slice(-4);
    expect(fromH41.map((e) => sim.stored(e.docId)!.toString('utf8').match(/StatusCode>(\d\d)</)![1])).toEqual(['01', '03', '05', '06']);
  });

  it('routes a status message to the document\'s sender when no system serves its ResponseFor organ', async () => {
    sim.sendAs(H13.systemId, SAMPLE, 'edoc');
    const status = buildEdxmlStatus({
      from: { organId: HOA_SON.agencyCode, organName: HOA_SON.name },
      responseFor: { organId: '000.00.99.H13', code: '74fass22/VPCP-TTĐT', documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT' },
      statusCode: '03',
      statusLabel: '',
      timestamp: '2024-03-05T08:15:00+07:00',
      traces: [],
    });
    const before = sim.inbox(H13.systemId).length;
    expect((await send(sim, HOA_SON, Buffer.from(status), 'status')).body).toMatchObject({ status: 'OK' });
    expect(sim.inbox(H13.systemId)).toHaveLength(before + 1);
    expect(sim.inbox(H13.systemId).at(-1)).toMatchObject({ from: HOA_SON.agencyCode, messageType: 'status' });
  });

  it('refuses a message nobody can receive', async () => {
    const lonely: AxisSystem = { systemId: 'lonely', secret: 's', agencyCode: '000.00.00.H99', name: 'Nowhere' };
    sim.registerSystem(lonely);
    const status = buildEdxmlStatus({
      from: { organId: lonely.agencyCode },
      responseFor: { organId: '000.00.00.H98', code: '1/X', documentId: '000.00.00.H98,2024/01/01,1/X' },
      statusCode: '01',
      statusLabel: '',
      timestamp: '2024-03-05T08:15:00+07:00',
      traces: [],
    });
    expect((await send(sim, lonely, Buffer.from(status), 'status')).body).toMatchObject({ status: 'FAIL', ErrorCode: '-5' });
  });

  it('gives the stored bytes as base64 to their recipient and sender only, and takes a message out of the inbox once done', async () => {
    const docId = sim.sendAs(H13.systemId, SAMPLE, 'edoc');
    const copy = sim.inbox(HOA_SON.systemId).at(-1)!.docId;
    const got = await plain(sim, '/getEdoc', HOA_SON, { docId: copy });
    expect(Buffer.from(got.body.data as string, 'base64').equals(SAMPLE)).toBe(true);
    expect((await plain(sim, '/getEdoc', H13, { docId })).body.status).toBe('OK');
    expect((await plain(sim, '/getEdoc', H41, { docId: copy })).body).toMatchObject({ status: 'FAIL', ErrorCode: '-4' });
    expect((await plain(sim, '/getEdoc', HOA_SON, {})).body).toMatchObject({ status: 'FAIL', ErrorCode: '-2' });

    expect((await plain(sim, '/updateStatus', HOA_SON, { docId: copy, status: 'read' })).body).toMatchObject({ ErrorCode: '-2' });
    expect((await plain(sim, '/updateStatus', H13, { docId: copy, status: 'done' })).body).toMatchObject({ ErrorCode: '-4' });
    for (const status of ['processing', 'fail']) {
      expect((await plain(sim, '/updateStatus', HOA_SON, { docId: copy, status })).body).toMatchObject({ status: 'OK' });
      expect(sim.inbox(HOA_SON.systemId).find((e) => e.docId === copy)?.status).toBe(status);
    }
    expect((await plain(sim, '/updateStatus', HOA_SON, { docId: copy, status: 'done' })).body).toMatchObject({ status: 'OK', ErrorCode: '0' });
    expect(sim.inbox(HOA_SON.systemId).some((e) => e.docId === copy)).toBe(false);
    const sent = await plain(sim, '/getSentEdocList', H13, { docId });
    expect((sent.body.data as Array<Record<string, unknown>>).find((d) => d.receiverDocId === copy)).toMatchObject({ receiveStatus: 'done', receivedTime: expect.stringMatching(/^\d{4}-/) });
  });

  it('lists the shared agency hierarchy and the organs of registered systems, with parent ids', async () => {
    const { body } = await plain(sim, '/getAgenciesList', G22);
    const agencies = body.data as Array<{ id: string; code: string; name: string; pid: string }>;
    const byCode = new Map(agencies.map((a) => [a.code, a]));
    expect(byCode.get('000.00.00.G22')).toMatchObject({ name: 'Văn phòng Chính phủ', pid: '' });
    expect(byCode.get('002.00.20.H13')).toMatchObject({ name: H13.name });
    const district = agencies.find((a) => a.code.endsWith('.H41') && a.code.startsWith('000.00.4'))!;
    expect(district.pid).toBe(byCode.get('000.00.00.H41')!.id);
    expect(new Set(agencies.map((a) => a.id)).size).toBe(agencies.length);
  });

  it('answers unknown routes, wrong methods, unknown systems and suspended systems with its JSON error', async () => {
    expect(await plain(sim, '/nothing', G22)).toMatchObject({ http: 404, body: { status: 'FAIL', ErrorCode: '404' } });
    expect(await plain(sim, '/getEdoc', G22, {}, undefined, 'GET')).toMatchObject({ http: 405, body: { status: 'FAIL' } });
    expect((await plain(sim, '/getReceivedEdocList', { ...G22, secret: 'nope' })).body).toMatchObject({ status: 'FAIL', ErrorCode: '-1' });
    expect((await plain(sim, '/getReceivedEdocList', { ...G22, systemId: 'ghost' })).body).toMatchObject({ status: 'FAIL', ErrorCode: '-1' });
    sim.setSuspended(G22.systemId, true);
    expect((await plain(sim, '/getReceivedEdocList', G22)).body).toMatchObject({ status: 'FAIL', ErrorCode: '-9' });
    sim.setSuspended(G22.systemId, false);
    expect((await plain(sim, '/getReceivedEdocList', G22)).body).toMatchObject({ status: 'OK' });
  });

  it('counts each request against its operation', async () => {
    sim.resetStats();
    await plain(sim, '/getAgenciesList', G22);
    await plain(sim, '/getReceivedEdocList', G22);
    await plain(sim, '/getReceivedEdocList', { ...G22, secret: 'x' });
    expect(sim.stats.byOperation).toEqual({ getAgenciesList: 1, getReceivedEdocList: 2 });
  });

  it('stops start-up on invalid options with one coded message', async () => {
    await expect(startDocumentExchangeSimulator({ maxMessageBytes: -1, systems: [{ ...G22, systemId: '' }] })).rejects.toThrow(/^SIM_OPTIONS_INVALID: .*systems\.0\.systemId.*maxMessageBytes/);
  });
});
