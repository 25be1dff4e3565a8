import { GatewayError } from '../../../src/errors';
import { createResilience } from '../create-resilience';
import { createHttpClient, type HttpClient, type HttpResponse } from '../http-client';
import type { ResilienceOptions } from '../resilience-options';
import { startScriptedServer, type ScriptedServer } from './scripted-server';

/** Quick retries and no breaker: these tests are about retrying alone. */
const QUICK: ResilienceOptions = { retries: { count: 2, baseDelayMs: 10, maxDelayMs: 20 }, breaker: { enabled: false } };

describe('retries through createHttpClient', () => {
  let server: ScriptedServer;
  let client: HttpClient;
  const clientWith = (options: ResilienceOptions, timeoutMs = 5000): HttpClient =>
    (client = createHttpClient({ source: 'flaky', baseUrl: server.url, timeoutMs, resilience: createResilience('flaky', options) }));

  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(async () => {
    await client?.close();
    client?.resilience.close();
    await server.close();
  });

  it('sends a failed GET again and returns the answer once the source recovers', async () => {
    server.script((_req, i) => (i < 2 ? { status: 503 } : { status: 200, body: 'ok' }));
    const res = await clientWith(QUICK).request({ method: 'GET', path: '/x' });
    expect({ status: res.status, body: res.text(), requests: server.received.length }).toEqual({ status: 200, body: 'ok', requests: 3 });
  });

  it('gives up after the configured retries and hands the last answer back', async () => {
    server.script(() => ({ status: 502 }));
    await expect(clientWith(QUICK).request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 502 });
    expect(server.received).toHaveLength(3);
  });

  it('sends a request again after a dropped connection', async () => {
    server.script((_req, i) => (i === 0 ? 'reset' : { status: 200, body: 'ok' }));
    await expect(clientWith(QUICK).request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200 });
    expect(server.received).toHaveLength(2);
  });

  it('never sends a POST twice unless the caller marks it idempotent', async () => {
    server.script(() => ({ status: 503 }));
    await expect(clientWith(QUICK).request({ method: 'POST', path: '/sendEdoc', body: 'x' })).resolves.toMatchObject({ status: 503 });
    expect(server.received).toHaveLength(1);

    server.script(() => 'reset');
    await expect(client.request({ method: 'POST', path: '/sendEdoc', body: 'x' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(server.received).toHaveLength(2);

    server.script(() => ({ status: 503 }));
    await client.request({ method: 'POST', path: '/integration', body: 'LayThuTuc', idempotent: true });
    expect(server.received).toHaveLength(5);
  });

  it('never retries a GET the caller marks as not idempotent', async () => {
    server.script(() => ({ status: 503 }));
    await clientWith(QUICK).request({ method: 'GET', path: '/x', idempotent: false });
    expect(server.received).toHaveLength(1);
  });

  it('does not retry a 4xx, nor a 5xx its reader found to be the source\'s own error answer', async () => {
    server.script(() => ({ status: 404 }));
    await clientWith(QUICK).request({ method: 'GET', path: '/x' });
    expect(server.received).toHaveLength(1);

    // A SOAP fault comes with HTTP 500: the service answered, it is not failing.
    server.script(() => ({ status: 500, body: '<Fault>HOSO_KHONG_TON_TAI</Fault>' }));
    const fault = (res: HttpResponse): never => {
      throw new GatewayError('UPSTREAM_ERROR', `fault: ${res.text()}`, { source: 'flaky', upstreamCode: 'HOSO_KHONG_TON_TAI' });
    };
    await expect(client.request({ method: 'POST', path: '/svc', idempotent: true }, fault)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
    expect(server.received).toHaveLength(2);

    // The same status read as the source failing (a proxy's error page) is retried.
    const down = (): never => {
      throw new GatewayError('UPSTREAM_UNAVAILABLE', 'proxy error page', { source: 'flaky' });
    };
    await expect(client.request({ method: 'POST', path: '/svc', idempotent: true }, down)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(server.received).toHaveLength(5);
  });

  it('waits at least the seconds a 429 asks for in Retry-After before trying again', async () => {
    server.script((_req, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    await expect(clientWith(QUICK).request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200 });
    const [first, second] = server.received;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
  });

  it('waits until the HTTP-date a 503 names in Retry-After', async () => {
    let until = 0;
    server.script((_req, i) => {
      if (i > 0) return { status: 200 };
      const date = new Date(Date.now() + 1500).toUTCString();
      until = Date.parse(date);
      return { status: 503, headers: { 'retry-after': date } };
    });
    await expect(clientWith(QUICK).request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200 });
    expect(server.received[1]!.at).toBeGreaterThanOrEqual(until);
  });

  it('does not wait for a Retry-After longer than maxRetryAfterMs, nor past the call\'s budget: the answer comes back at once', async () => {
    server.script(() => ({ status: 503, headers: { 'retry-after': '120' } }));
    const started = Date.now();
    await expect(clientWith({ ...QUICK, retries: { ...QUICK.retries, maxRetryAfterMs: 5000 } }).request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 503 });
    expect(server.received).toHaveLength(1);

    server.script(() => ({ status: 503, headers: { 'retry-after': '2' } }));
    await client.close();
    const tight = clientWith({ ...QUICK, retries: { ...QUICK.retries, maxRetryAfterMs: 10_000 } }, 1000);
    await expect(tight.request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 503 });
    expect(server.received).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not retry after the deadline passed: a hung source costs one attempt and the budget', async () => {
    server.script(() => 'hang');
    const started = Date.now();
    await expect(clientWith(QUICK, 300).request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT', extensions: { source: 'flaky' } });
    expect(server.received).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
  });

  it('keeps the waits between retries below the backoff ceiling', async () => {
    server.script(() => ({ status: 503 }));
    await clientWith({ retries: { count: 3, baseDelayMs: 50, maxDelayMs: 80 }, breaker: { enabled: false } }).request({ method: 'GET', path: '/x' });
    const gaps = server.received.slice(1).map((r, i) => r.at - server.received[i]!.at);
    expect(gaps).toHaveLength(3);
    // Ceilings 50, 80, 80 ms; the slack is for a loaded machine, far below what an unbounded wait would take.
    for (const gap of gaps) expect(gap).toBeLessThan(80 + 500);
  });
});
