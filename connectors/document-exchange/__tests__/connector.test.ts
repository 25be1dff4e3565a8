import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startDocumentExchangeSimulator, type AxisSystem, type DocumentExchangeSimulator } from '../../../simulators/document-exchange';
import { GatewayError, isGatewayError } from '../../../src/errors';
import { defineConnectorContractTests } from '../../kit/testing/define-connector-contract-tests';
import { createDocumentExchangeConnector, type DocumentExchangeConnector, type DocumentExchangeOptions } from '..';

const SAMPLE = readFileSync(path.join(__dirname, '../fixtures/edoc_new.vpcp-sdk.edxml'));
const STATUS_01 = readFileSync(path.join(__dirname, '../fixtures/status_inbox_01.edxml'));

/** The SDK sample goes from 002.00.20.H13 to the legacy organ id 28.22.H17. */
const SENDER: AxisSystem = { systemId: 'h13.qlvb', secret: 'sender-secret', agencyCode: '002.00.20.H13', name: 'UBND xã Hòa Tiến' };
const GATEWAY: AxisSystem = { systemId: 'lienthong', secret: 'gateway-secret', agencyCode: '28.22.H17', name: 'UBND xã Hòa Sơn' };
const G22: AxisSystem = { systemId: 'vpcp.qlvb', secret: 'g22-secret', agencyCode: '000.00.00.G22', name: 'Văn phòng Chính phủ' };
const H41: AxisSystem = { systemId: 'nghean.qlvb', secret: 'h41-secret', agencyCode: '000.00.00.H41', name: 'UBND Tỉnh Nghệ An' };

const optionsFor = (sim: { url: string }, system: AxisSystem, extra: Partial<DocumentExchangeOptions> = {}): DocumentExchangeOptions => ({
  url: sim.url,
  systemId: system.systemId,
  secret: system.secret,
  agencyCode: system.agencyCode,
  timeoutMs: 2000,
  ...extra,
});

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const err = await promise.then(
    (value) => new Error(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 200)}`),
    (e: unknown) => e,
  );
  if (!isGatewayError(err)) throw err;
  return err;
}

defineConnectorContractTests('document-exchange', async ({ timeoutMs, resilience }) => {
  const sim = await startDocumentExchangeSimulator({ seed: 3, systems: [SENDER, GATEWAY] });
  sim.sendAs(SENDER.systemId, SAMPLE, 'edoc');
  const connector = createDocumentExchangeConnector(optionsFor(sim, GATEWAY, { timeoutMs, resilience }));
  let suspendNext = false;
  return {
    sim,
    connector,
    // The inbox is read per message type, both at once.
    parallelCalls: 2,
    read: async () => {
      if (!suspendNext) return connector.listReceived();
      // The axis refuses every call of a system its operator has suspended, with its own ErrorCode.
      suspendNext = false;
      sim.setSuspended(GATEWAY.systemId, true);
      try {
        return await connector.listReceived();
      } finally {
        sim.setSuspended(GATEWAY.systemId, false);
      }
    },
    provokeSourceError: () => {
      suspendNext = true;
    },
    close: async () => {
      await connector.close();
      await sim.close();
    },
  };
});

describe('document exchange connector', () => {
  let sim: DocumentExchangeSimulator;
  let connector: DocumentExchangeConnector;
  beforeAll(async () => {
    sim = await startDocumentExchangeSimulator({ seed: 5, systems: [SENDER, GATEWAY, G22, H41], maxMessageBytes: 32 * 1024 });
    connector = createDocumentExchangeConnector(optionsFor(sim, GATEWAY));
  });
  afterAll(async () => {
    await connector.close();
    await sim.close();
  });

  it('stops on unusable options with one CONFIG_INVALID naming each, and never shows the secret', () => {
    let err: unknown;
    try {
      createDocumentExchangeConnector({ url: 'ftp://axis', systemId: ' ', secret: '', agencyCode: 'G22', timeoutMs: 0, limits: { maxDepth: -1 } });
    } catch (e) {
      err = e;
    }
    expect(isGatewayError(err) && err.code).toBe('CONFIG_INVALID');
    const message = (err as Error).message;
    for (const part of ['url:', 'systemId:', 'secret:', 'agencyCode:', 'timeoutMs:', 'maxDepth']) expect(message).toContain(part);
    expect(message).toContain('(hidden)');
  });

  it('reports a wrong secret as UPSTREAM_AUTH_FAILED with the axis\' code', async () => {
    const wrong = createDocumentExchangeConnector(optionsFor(sim, { ...GATEWAY, secret: 'not-the-secret' }));
    const err = await rejection(wrong.listReceived());
    expect(err.extensions).toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', source: 'document-exchange', upstreamCode: '-1' });
    expect(await wrong.checkReady()).toMatchObject({ ok: false, error: { code: 'UPSTREAM_AUTH_FAILED' } });
    await wrong.close();
  });

  it('reports ready with the size of its inbox', async () => {
    sim.sendAs(SENDER.systemId, SAMPLE, 'edoc');
    const report = await connector.checkReady();
    expect(report).toMatchObject({ source: 'document-exchange', kind: 'document-exchange', ok: true });
    expect(report.details?.inbox).toBe(sim.inbox(GATEWAY.systemId).length);
  });

  it('lists the axis\' agencies with levels read from their codes', async () => {
    const agencies = await connector.listAgencies();
    const byCode = new Map(agencies.map((a) => [a.code, a]));
    expect(byCode.get('000.00.00.G22')).toEqual({ code: '000.00.00.G22', name: 'Văn phòng Chính phủ', level: 'CENTRAL' });
    expect(byCode.get('000.00.00.H41')).toMatchObject({ level: 'PROVINCE' });
    expect(byCode.get('28.22.H17')).toEqual({ code: '28.22.H17', name: 'UBND xã Hòa Sơn', level: null });
    expect(agencies.length).toBeGreaterThan(500);
  });

  it('refuses a status message as a document, a document as a status, and broken XML, without calling the axis', async () => {
    sim.resetStats();
    expect((await rejection(connector.sendDocument(STATUS_01))).code).toBe('EDXML_INVALID');
    expect((await rejection(connector.sendStatus(SAMPLE))).code).toBe('EDXML_INVALID');
    expect((await rejection(connector.sendDocument('<edXML><oops></edXML>'))).extensions).toMatchObject({ code: 'EDXML_INVALID', line: expect.any(Number) });
    expect(sim.stats.requests).toBe(0);
  });

  it('refuses a message over its own limit before sending, and reports the axis refusing one as PAYLOAD_TOO_LARGE', async () => {
    const small = createDocumentExchangeConnector(optionsFor(sim, SENDER, { limits: { maxBytes: 1024 } }));
    expect((await rejection(small.sendDocument(SAMPLE))).code).toBe('PAYLOAD_TOO_LARGE');
    await small.close();
    const sender = createDocumentExchangeConnector(optionsFor(sim, SENDER));
    const padded = Buffer.concat([SAMPLE, Buffer.from(`<!-- ${'x'.repeat(40 * 1024)} -->`)]);
    expect((await rejection(sender.sendDocument(padded))).extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', source: 'document-exchange', upstreamCode: '-6' });
    await sender.close();
  });

  it('reports the axis refusing a message it cannot route as UPSTREAM_ERROR with its code and words', async () => {
    const sender = createDocumentExchangeConnector(optionsFor(sim, H41));
    const err = await rejection(sender.sendStatus(readFileSync(path.join(__dirname, '../fixtures/status_finish_06.edxml')).toString('utf8').replace(/000\.00\.00\.G22/g, '000.00.00.G99')));
    expect(err.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamCode: '-5' });
    expect(err.message).toContain('000.00.00.G99');
    await sender.close();
  });

  it('reports an id the axis does not know as NOT_FOUND, and refuses an unknown acknowledgement', async () => {
    expect((await rejection(connector.getMessage('no-such-doc'))).extensions).toMatchObject({ code: 'NOT_FOUND', docId: 'no-such-doc', source: 'document-exchange' });
    expect((await rejection(connector.acknowledge('no-such-doc', 'done'))).code).toBe('NOT_FOUND');
    expect((await rejection(connector.acknowledge('x', 'read' as 'done'))).code).toBe('BAD_USER_INPUT');
  });
});

describe('document exchange connector on the wire', () => {
  interface Seen {
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    body: Buffer;
  }
  let server: http.Server;
  let url: string;
  const seen: Seen[] = [];
  let answer: unknown = { status: 'OK', ErrorCode: '0', ErrorDesc: '', DocId: 'd-1' };
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vxp`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('signs every call as the SDK does, uploads the file as file_doc byte for byte, and never sends the secret', async () => {
    const connector = createDocumentExchangeConnector({ url, systemId: 'lienthong', secret: 'top-secret', agencyCode: '002.00.20.H13' });
    const sent = await connector.sendDocument(SAMPLE);
    // Without a signing key and a signature service, the bytes go as given and carry no verdict.
    expect(sent).toEqual({ docId: 'd-1', bytes: Buffer.from(SAMPLE), signatures: null });
    await connector.close();
    const call = seen.at(-1)!;
    expect(call).toMatchObject({ method: 'POST', url: '/vxp/sendEdoc' });
    const signHeader = call.headers['xroadvnpt-sign-header'] as string;
    expect(call.headers['xroadvnpt-hash-header']).toBe(createHmac('sha256', 'top-secret').update(signHeader).digest('hex'));
    const signed = JSON.parse(signHeader) as Record<string, string>;
    expect(signed).toMatchObject({
      'XroadVnpt-systemid': 'lienthong',
      'XroadVnpt-from': '002.00.20.H13',
      'XroadVnpt-servicetype': 'eDoc',
      'XroadVnpt-messagetype': 'edoc',
      'XroadVnpt-hash-file': [...createHash('sha256').update(SAMPLE).digest()].map((b) => b.toString(16)).join(''),
    });
    expect(signed['XroadVnpt-timestamp']).toMatch(/^\d{8}T\d{6}\+\d{4}$/);
    expect(call.headers['xroadvnpt-sign-header-key']).toBe(Object.keys(signed).map((k) => k.replace('XroadVnpt-', '')).join(';'));
    expect(JSON.stringify(call.headers)).not.toContain('top-secret');
    const boundary = /boundary=(\S+)/.exec(call.headers['content-type'] as string)![1]!;
    const start = call.body.indexOf('\r\n\r\n') + 4;
    expect(call.body.subarray(0, start).toString()).toContain('name="file_doc"');
    expect(call.body.subarray(start, call.body.indexOf(`\r\n--${boundary}--`)).equals(SAMPLE)).toBe(true);
  });

  it('answers UPSTREAM_BAD_RESPONSE for a message that is not base64, an answer without ErrorCode, and a send without DocId', async () => {
    const connector = createDocumentExchangeConnector({ url, systemId: 'lienthong', secret: 's', agencyCode: '002.00.20.H13' });
    answer = { status: 'OK', ErrorCode: '0', ErrorDesc: '', data: '<edXML>not base64</edXML>' };
    expect((await rejection(connector.getMessage('d-1'))).extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', docId: 'd-1' });
    answer = { data: [] };
    expect((await rejection(connector.listReceived())).code).toBe('UPSTREAM_BAD_RESPONSE');
    answer = { status: 'OK', ErrorCode: '0', ErrorDesc: '' };
    expect((await rejection(connector.sendDocument(SAMPLE))).code).toBe('UPSTREAM_BAD_RESPONSE');
    await connector.close();
  });

  it('reads list items as the axis sends them: a lone object as a list, items without an id skipped, times in Vietnam time', async () => {
    const connector = createDocumentExchangeConnector({ url, systemId: 'lienthong', secret: 's', agencyCode: '002.00.20.H13' });
    answer = { status: 'OK', ErrorCode: 0, ErrorDesc: '', data: { docId: 'r-1', from: ' 000.00.00.G22 ', status: 'initial', created_time: '2024-03-05 08:15:00' } };
    expect(await connector.listReceived()).toEqual([
      { docId: 'r-1', messageType: 'edoc', from: '000.00.00.G22', to: null, acknowledgement: 'pending', receivedAt: '2024-03-05T08:15:00+07:00', updatedAt: null },
      { docId: 'r-1', messageType: 'status', from: '000.00.00.G22', to: null, acknowledgement: 'pending', receivedAt: '2024-03-05T08:15:00+07:00', updatedAt: null },
    ]);
    answer = { status: 'OK', ErrorCode: '0', ErrorDesc: '', data: [{ toCode: 'x' }, { senderDocId: 's-1', toCode: '000.00.00.H99', receiverDocId: '', sendStatus: 'fail', sendStatusDesc: 'Không có hệ thống nhận' }] };
    expect(await connector.listSent()).toEqual([
      expect.objectContaining({ docId: 's-1', to: '000.00.00.H99', recipientDocId: null, delivered: false, deliveryNote: 'Không có hệ thống nhận', acknowledgement: null }),
    ]);
    await connector.close();
  });
});
