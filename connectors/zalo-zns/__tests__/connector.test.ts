import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startZaloZnsSimulator, type ZaloZnsSimulator } from '../../../simulators/zalo-zns';
import { isGatewayError } from '../../../src/errors';
import { defineConnectorContractTests } from '../../kit/testing/define-connector-contract-tests';
import { createMemoryTokenStore, createZaloZnsConnector, type ZaloZnsConnector, type ZnsMessage } from '..';

const fixture = (name: string): string => readFileSync(path.join(__dirname, '../fixtures', name), 'utf8');
const LIMITS = { '400102': { customer_name: 30, dossier_code: 30, status: 30, agency_name: 50, appointment_date: 20 } };
let sequence = 0;
const message = (overrides: Partial<ZnsMessage> = {}): ZnsMessage => ({
  phone: '0912 345 678',
  templateId: '400102',
  templateData: { customer_name: 'N.V. An', dossier_code: '000.00.20.H56-240315-0001', status: 'Được tiếp nhận', agency_name: 'UBND xã Thanh Thái', appointment_date: '20/03/2024' },
  trackingId: `t-${++sequence}`,
  ...overrides,
});
const connectorFor = (sim: ZaloZnsSimulator, extra: Partial<Parameters<typeof createZaloZnsConnector>[0]> = {}) =>
  createZaloZnsConnector({ url: sim.url, oauthUrl: sim.oauthUrl, appId: sim.appId, secretKey: sim.secretKey, refreshToken: 'first', templateLimits: LIMITS, timeoutMs: 2000, ...extra });
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

defineConnectorContractTests('zalo-zns', async ({ timeoutMs, resilience }) => {
  const sim = await startZaloZnsSimulator({ refreshToken: 'first' });
  const connector = connectorFor(sim, { timeoutMs, resilience });
  return {
    sim,
    connector,
    writes: true,
    read: () => connector.send(message()),
    provokeSourceError: () => sim.failNext(1, { error: -100, message: 'Lỗi không xác định' }),
    close: async () => {
      await connector.close();
      await sim.close();
    },
  };
});

describe('zalo-zns connector', () => {
  let sim: ZaloZnsSimulator;
  let connector: ZaloZnsConnector;
  beforeEach(async () => {
    sim = await startZaloZnsSimulator({ refreshToken: 'first', phonesWithoutZalo: ['84987654321'] });
    connector = connectorFor(sim);
  });
  afterEach(async () => {
    await connector.close();
    await sim.close();
  });

  it('sends a template message in 84… form with its tracking id, and Zalo keeps exactly that', async () => {
    const receipt = await connector.send(message({ trackingId: 'change-17-zns' }));
    const [kept] = sim.state().messages;
    expect(receipt).toEqual({ delivered: true, providerId: kept!.msgId, duplicate: false, sentAt: kept!.receivedAt.replace(/Z$/, 'Z') });
    expect(kept).toMatchObject({ phone: '84912345678', templateId: '400102', trackingId: 'change-17-zns', templateData: message().templateData });
  });

  it('shortens a long Vietnamese parameter to its declared limit, so the strict simulator takes it', async () => {
    const long = 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa – Chi nhánh số 2'.normalize('NFD');
    await connector.send(message({ templateData: { ...message().templateData, agency_name: long } }));
    const sent = sim.state().messages[0]!.templateData.agency_name!;
    expect(sent).toBe('Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa…');
    expect([...sent].length).toBeLessThanOrEqual(50);
  });

  it('counts a tracking id Zalo delivered before as delivered, with the first msg_id, and never sends it twice', async () => {
    const first = await connector.send(message({ trackingId: 'same' }));
    const again = await connector.send(message({ trackingId: 'same' }));
    expect(again).toEqual({ delivered: true, providerId: first.providerId, duplicate: true, sentAt: null });
    expect(sim.state().messages).toHaveLength(1);
  });

  it('refreshes the access token once for concurrent sends, and keeps the rotated refresh token in its store', async () => {
    const store = createMemoryTokenStore({ accessToken: null, refreshToken: 'first', accessTokenExpiresAt: null });
    const fresh = connectorFor(sim, { tokenStore: store, refreshToken: undefined });
    await Promise.all([1, 2, 3, 4].map(() => fresh.send(message())));
    expect(sim.stats.byOperation.refreshToken).toBe(1);
    expect(store.current!.refreshToken).toBe(sim.state().refreshToken);
    expect(store.current!.refreshToken).not.toBe('first');
    await fresh.close();
  });

  it('refreshes before the access token expires, never waiting for Zalo to refuse it', async () => {
    const shortLived = await startZaloZnsSimulator({ refreshToken: 'first', accessTokenTtlSeconds: 60 });
    const early = connectorFor(shortLived, { refreshMarginSeconds: 300 });
    await early.send(message());
    await early.send(message());
    // Each token lives 60 s, inside the 300 s margin: each send refreshes first, and no send is refused.
    expect(shortLived.stats.byOperation).toEqual({ refreshToken: 2, sendTemplate: 2 });
    await early.close();
    await shortLived.close();
  });

  it('refreshes and retries once when Zalo says the access token is invalid', async () => {
    await connector.send(message());
    sim.expireAccessTokens();
    sim.resetStats();
    await connector.send(message({ trackingId: 'after-expiry' }));
    expect(sim.stats.byOperation).toEqual({ sendTemplate: 2, refreshToken: 1 });
    expect(sim.state().messages.map((m) => m.trackingId)).toContain('after-expiry');
  });

  it('reads the OA API token-expired code -216 and HTTP 401 as expired tokens too', async () => {
    await connector.send(message());
    sim.failNext(1, { status: 200, body: fixture('send-oa-api-token-expired.json'), contentType: 'application/json' });
    await connector.send(message({ trackingId: 'after-216' }));
    sim.failNext(1, { status: 401, body: 'Unauthorized' });
    await connector.send(message({ trackingId: 'after-401' }));
    expect(sim.state().refreshes).toBe(3);
    expect(sim.state().messages.map((m) => m.trackingId)).toEqual([expect.any(String), 'after-216', 'after-401']);
  });

  it('reports UPSTREAM_AUTH_FAILED, not retryable, when the refresh token is spent', async () => {
    const spent = connectorFor(sim, { refreshToken: 'already-used' });
    const err = await failureOf(spent.send(message()));
    expect(err.extensions).toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', source: 'zalo-zns', upstreamCode: -14020, retryable: false });
    await spent.close();
  });

  it('reports a recipient without Zalo as a final UPSTREAM_ERROR with Zalo\'s code', async () => {
    const err = await failureOf(connector.send(message({ phone: '0987654321' })));
    expect(err.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamCode: -118, retryable: false });
  });

  it('refuses a number that is no Vietnamese mobile before calling Zalo', async () => {
    const err = await failureOf(connector.send(message({ phone: '024 3825 3456' })));
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', retryable: false });
    expect(sim.stats.byOperation.sendTemplate).toBeUndefined();
  });

  it('marks a rate limit retryable, and a spent daily quota retryable after the next Vietnam midnight', async () => {
    await connector.send(message());
    sim.failNext(1, { status: 200, body: fixture('send-rate-limited.json'), contentType: 'application/json' });
    expect((await failureOf(connector.send(message()))).extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamCode: -32, retryable: true });
    sim.failNext(1, { status: 200, body: fixture('send-quota-exceeded.json'), contentType: 'application/json' });
    const quota = await failureOf(connector.send(message()));
    expect(quota.extensions).toMatchObject({ upstreamCode: -144, retryable: true });
    const msToMidnight = (86_400_000 - ((Date.now() + 7 * 3_600_000) % 86_400_000));
    expect(Math.abs((quota.extensions.retryAfterMs as number) - msToMidnight)).toBeLessThan(60_000);
  });

  it('reads an error code sent as a string, as real deployments send it', async () => {
    await connector.send(message());
    sim.failNext(1, { status: 200, body: fixture('send-phone-invalid-code-as-string.json'), contentType: 'application/json' });
    const err = await failureOf(connector.send(message()));
    expect(err.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstreamCode: -108, retryable: false });
    expect(err.message).toContain('Phone number is invalid');
  });

  it('reads a success whose numbers are strings', async () => {
    await connector.send(message());
    sim.failNext(1, { status: 200, body: fixture('send-success-strings.json'), contentType: 'application/json' });
    await expect(connector.send(message())).resolves.toEqual({ delivered: true, providerId: '2b3c9d7e8f0a4b1c9d2e3f4a5b6c7d8e', duplicate: false, sentAt: '2024-03-15T02:20:00.000Z' });
  });

  it('reports a proxy\'s HTML error page as a retryable outage whose outcome is unknown', async () => {
    await connector.send(message());
    sim.failNext(1, { status: 502, body: fixture('proxy-bad-gateway.html'), contentType: 'text/html' });
    expect((await failureOf(connector.send(message()))).extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstreamCode: 502, retryable: true, outcomeUnknown: true });
    sim.failNext(1, { status: 200, body: fixture('proxy-bad-gateway.html'), contentType: 'text/html' });
    expect((await failureOf(connector.send(message()))).extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', retryable: true, outcomeUnknown: true });
    sim.failNext(1, { status: 200, body: fixture('send-no-error-field.json'), contentType: 'application/json' });
    expect((await failureOf(connector.send(message()))).extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', retryable: true, outcomeUnknown: true });
  });

  it('reports a timeout as retryable with an unknown outcome, so a retry reuses the tracking id', async () => {
    const quick = connectorFor(sim, { timeoutMs: 300 });
    await quick.send(message());
    sim.setFault({ mode: 'hang' });
    const err = await failureOf(quick.send(message({ trackingId: 'lost-answer' })));
    sim.setFault({ mode: 'none' });
    expect(err.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', retryable: true, outcomeUnknown: true });
    await quick.close();
  });

  it('reports its readiness with the OA\'s quota', async () => {
    await connector.send(message());
    await expect(connector.checkReady()).resolves.toMatchObject({ ok: true, details: { quota: { daily: 10000, remaining: 9999 } } });
  });
});
