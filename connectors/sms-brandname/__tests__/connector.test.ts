import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSmsBrandnameSimulator, type SmsBrandnameSimulator } from '../../../simulators/sms-brandname';
import { isGatewayError } from '../../../src/errors';
import { defineConnectorContractTests } from '../../kit/testing/define-connector-contract-tests';
import { createSmsBrandnameConnector, type SmsBrandnameConnector, type SmsMessage } from '..';

const fixture = (name: string): string => readFileSync(path.join(__dirname, '../fixtures', name), 'utf8');
let sequence = 0;
const message = (overrides: Partial<SmsMessage> = {}): SmsMessage => ({
  phone: '0912.345.678',
  text: 'UBND xã Thanh Thái: Hồ sơ 000.00.06.H41-240315-0001 của N.V. An đã được tiếp nhận. Hẹn trả 20/03/2024.',
  trackingId: `s-${++sequence}`,
  ...overrides,
});
const connectorFor = (sim: SmsBrandnameSimulator, extra: Partial<Parameters<typeof createSmsBrandnameConnector>[0]> = {}) =>
  createSmsBrandnameConnector({ url: sim.url, apiKey: sim.apiKey, secretKey: sim.secretKey, brandname: 'UBND-TINH', timeoutMs: 2000, ...extra });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (err: unknown) => {
      if (!isGatewayError(err)) throw err;
      return err;
    },
  );

defineConnectorContractTests('sms-brandname', async ({ timeoutMs, resilience }) => {
  const sim = await startSmsBrandnameSimulator();
  const connector = connectorFor(sim, { timeoutMs, resilience });
  return {
    sim,
    connector,
    writes: true,
    read: () => connector.send(message()),
    provokeSourceError: () => sim.failNext(1, { codeResult: '99', errorMessage: 'Hệ thống bận' }),
    close: async () => {
      await connector.close();
      await sim.close();
    },
  };
});

describe('sms-brandname connector', () => {
  let sim: SmsBrandnameSimulator;
  let connector: SmsBrandnameConnector;
  beforeEach(async () => {
    sim = await startSmsBrandnameSimulator({ balance: 100 });
    connector = connectorFor(sim);
  });
  afterEach(async () => {
    await connector.close();
    await sim.close();
  });

  it('sends the text without diacritics in one segment, in 84… form, with the tracking id as RequestId', async () => {
    const receipt = await connector.send(message({ trackingId: 'change-17-sms' }));
    const [kept] = sim.state().messages;
    expect(receipt).toEqual({ delivered: true, providerId: kept!.smsId, duplicate: false, sentAt: null });
    expect(kept).toMatchObject({
      phone: '84912345678',
      brandname: 'UBND-TINH',
      unicode: false,
      requestId: 'change-17-sms',
      content: 'UBND xa Thanh Thai: Ho so 000.00.06.H41-240315-0001 cua N.V. An da duoc tiep nhan. Hen tra 20/03/2024.',
    });
  });

  it('sends Vietnamese as Unicode when configured so', async () => {
    const unicode = connectorFor(sim, { unicode: true });
    await unicode.send(message({ text: 'Hồ sơ đã được tiếp nhận.' }));
    expect(sim.state().messages[0]).toMatchObject({ unicode: true, content: 'Hồ sơ đã được tiếp nhận.' });
    await unicode.close();
  });

  it('refuses a text longer than one segment before calling the gateway', async () => {
    const err = await failureOf(connector.send(message({ text: 'x'.repeat(161) })));
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', retryable: false });
    expect(sim.stats.byOperation.send).toBeUndefined();
  });

  it('counts a RequestId the gateway took before as delivered, and never sends it twice', async () => {
    const first = await connector.send(message({ trackingId: 'same' }));
    await expect(connector.send(message({ trackingId: 'same' }))).resolves.toEqual({ delivered: true, providerId: first.providerId, duplicate: true, sentAt: null });
    expect(sim.state().messages).toHaveLength(1);
  });

  it('counts a duplicate answer without an SMSID as delivered too', async () => {
    sim.failNext(1, { status: 200, body: fixture('send-duplicate-without-smsid.json'), contentType: 'application/json' });
    await expect(connector.send(message())).resolves.toEqual({ delivered: true, providerId: null, duplicate: true, sentAt: null });
  });

  it('reads CodeResult sent as a number', async () => {
    sim.failNext(1, { status: 200, body: fixture('send-accepted-number-code.json'), contentType: 'application/json' });
    await expect(connector.send(message())).resolves.toMatchObject({ providerId: 'ebe101db-87cd-4285-b97b-6a7a90455ded30', duplicate: false });
  });

  it('reports refused keys as UPSTREAM_AUTH_FAILED, not retryable', async () => {
    const wrong = connectorFor(sim, { secretKey: 'wrong' });
    expect((await failureOf(wrong.send(message()))).extensions).toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', upstreamCode: '101', retryable: false });
    await expect(wrong.checkReady()).resolves.toMatchObject({ ok: false, error: { code: 'UPSTREAM_AUTH_FAILED' } });
    await wrong.close();
  });

  it('reports a low balance as retryable and an unknown brandname (old endpoints\' CodeResponse) as final', async () => {
    sim.failNext(1, { status: 200, body: fixture('send-balance-too-low.json'), contentType: 'application/json' });
    expect((await failureOf(connector.send(message()))).extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamCode: '103', retryable: true });
    sim.failNext(1, { status: 200, body: fixture('send-old-endpoint-code-response.json'), contentType: 'application/json' });
    expect((await failureOf(connector.send(message()))).extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamCode: '104', retryable: false });
  });

  it('reports a rate limiter\'s HTML page as retryable, and an IIS error page as an outage of unknown outcome', async () => {
    sim.failNext(1, { status: 429, body: fixture('send-rate-limited.html'), contentType: 'text/html' });
    expect((await failureOf(connector.send(message()))).extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstreamCode: 429, retryable: true, outcomeUnknown: false });
    sim.failNext(1, { status: 500, body: fixture('iis-server-error.html'), contentType: 'text/html' });
    expect((await failureOf(connector.send(message()))).extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstreamCode: 500, retryable: true, outcomeUnknown: true });
    sim.failNext(1, { status: 200, body: fixture('iis-server-error.html'), contentType: 'text/html' });
    expect((await failureOf(connector.send(message()))).extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', retryable: true, outcomeUnknown: true });
    expect(sim.state().messages).toHaveLength(0);
  });

  it('reports its readiness with the account balance', async () => {
    await connector.send(message());
    await expect(connector.checkReady()).resolves.toMatchObject({ ok: true, details: { balance: 99 } });
  });
});
