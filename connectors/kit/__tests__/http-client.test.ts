import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimServer, type SimServer } from '../../../simulators/kit';
import { GatewayError } from '../../../src/errors';
import { createHttpClient } from '../http-client';

describe('createHttpClient', () => {
  let sim: SimServer;
  beforeAll(async () => {
    sim = await startSimServer({
      name: 'echo',
      handler: (req) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: req.path, query: Object.fromEntries(req.query), body: req.text() }) }),
    });
  });
  afterAll(() => sim.close());
  afterEach(() => sim.setFault({ mode: 'none' }));

  it('sends the path below the base URL, the query and a JSON body', async () => {
    const client = createHttpClient({ source: 'echo', baseUrl: `${sim.url}/adapter/` });
    const res = await client.request({ method: 'POST', path: '/login', query: { dstcode: 'VN:GOV:x:y', skip: undefined }, json: { a: 'ă' } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text())).toEqual({ path: '/adapter/login', query: { dstcode: 'VN:GOV:x:y' }, body: '{"a":"ă"}' });
    expect(client.stats).toEqual({ requests: 1, failures: 0 });
    await client.close();
  });

  it('raises UPSTREAM_TIMEOUT naming the source when the source hangs, within the deadline', async () => {
    sim.setFault({ mode: 'hang' });
    const client = createHttpClient({ source: 'slowpoke', baseUrl: sim.url, timeoutMs: 300 });
    const started = Date.now();
    const error = await client.request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', extensions: { code: 'UPSTREAM_TIMEOUT', source: 'slowpoke' } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(client.stats.failures).toBe(1);
    await client.close();
  });

  it('raises UPSTREAM_TIMEOUT when a slow source passes the deadline, and answers once it is fast again', async () => {
    sim.setFault({ mode: 'slow', delayMs: 1000 });
    const client = createHttpClient({ source: 'slow', baseUrl: sim.url, timeoutMs: 200 });
    await expect(client.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    sim.setFault({ mode: 'none' });
    await expect(client.request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 200 });
    await client.close();
  });

  it('raises UPSTREAM_UNAVAILABLE when the connection is reset or refused', async () => {
    sim.setFault({ mode: 'reset' });
    const client = createHttpClient({ source: 'flaky', baseUrl: sim.url, timeoutMs: 2000 });
    await expect(client.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { source: 'flaky' } });
    await client.close();

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = createHttpClient({ source: 'gone', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000 });
    await expect(refused.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { source: 'gone' } });
    await refused.close();
  });

  it('returns an HTTP error status to the caller instead of throwing', async () => {
    sim.setFault({ mode: 'fail', status: 503 });
    const client = createHttpClient({ source: 'down', baseUrl: sim.url });
    await expect(client.request({ method: 'GET', path: '/x' })).resolves.toMatchObject({ status: 503 });
    await client.close();
  });

  it('refuses a response larger than the configured cap with UPSTREAM_BAD_RESPONSE', async () => {
    const big = await startSimServer({ name: 'big', handler: () => ({ status: 200, body: Buffer.alloc(64 * 1024, 120) }) });
    const client = createHttpClient({ source: 'big', baseUrl: big.url, maxResponseBytes: 1024 });
    await expect(client.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', extensions: { source: 'big' } });
    await client.close();
    await big.close();
  });
});
