import { createResilience, type Resilience } from '../create-resilience';
import { createHttpClient, type HttpClient, type HttpResponse } from '../http-client';
import type { ResilienceOptions } from '../resilience-options';
import { startScriptedServer, type ScriptedServer } from './scripted-server';

/** No retries, no breaker: these tests are about load alone. */
const PLAIN: ResilienceOptions = { retries: { count: 0 }, breaker: { enabled: false } };

describe('a source under load', () => {
  let server: ScriptedServer;
  let resilience: Resilience;
  let client: HttpClient;
  const clientWith = (options: ResilienceOptions, { timeoutMs = 5000, connections = 16 } = {}): HttpClient => {
    resilience = createResilience('busy', options);
    client = createHttpClient({ source: 'busy', baseUrl: server.url, timeoutMs, connections, resilience });
    return client;
  };

  beforeEach(async () => {
    server = await startScriptedServer();
  });
  afterEach(async () => {
    await client.close();
    resilience.close();
    await server.close();
  });

  it('keeps at most maxInFlight calls at the source and maxQueued in line, and refuses the rest at once as OVERLOADED', async () => {
    server.script(() => 'hang');
    const busy = clientWith({ ...PLAIN, concurrency: { maxInFlight: 2, maxQueued: 3 } }, { connections: 8 });
    const started = Date.now();
    const settledAt: number[] = [];
    // The two sent first outlast the others, so the ones in line time out in line.
    const calls = Array.from({ length: 8 }, (_, i) =>
      busy.request({ method: 'GET', path: `/x${i}`, timeoutMs: i < 2 ? 2500 : 800 }).then(
        () => 'answered',
        (err: { code: string; extensions: { reason?: string } }) => {
          settledAt[i] = Date.now() - started;
          return `${err.code}${err.extensions.reason ? `/${err.extensions.reason}` : ''}`;
        },
      ),
    );
    const outcomes = await Promise.all(calls);
    expect(outcomes).toEqual([
      'UPSTREAM_TIMEOUT', 'UPSTREAM_TIMEOUT',
      'UPSTREAM_TIMEOUT/QUEUED', 'UPSTREAM_TIMEOUT/QUEUED', 'UPSTREAM_TIMEOUT/QUEUED',
      'UPSTREAM_UNAVAILABLE/OVERLOADED', 'UPSTREAM_UNAVAILABLE/OVERLOADED', 'UPSTREAM_UNAVAILABLE/OVERLOADED',
    ]);
    // The refused ones did not wait for their budget.
    for (const i of [5, 6, 7]) expect(settledAt[i]).toBeLessThan(700);
    expect(server.maxConcurrent).toBe(2);
    expect(server.received).toHaveLength(2);
    expect(resilience.snapshot()).toMatchObject({ inFlight: 0, queued: 0, rejected: { overloaded: 3, queued: 3 } });
  });

  it('hands a finished call\'s place to the next in line, so every call is answered in turn', async () => {
    server.script(() => ({ status: 200, body: 'ok', delayMs: 50 }));
    const busy = clientWith({ ...PLAIN, concurrency: { maxInFlight: 1, maxQueued: 10 } });
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => busy.request({ method: 'GET', path: `/x${i}` })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(server.maxConcurrent).toBe(1);
  });

  it('sends one upstream call for identical reads in flight and gives every caller its answer', async () => {
    server.script(() => ({ status: 200, body: 'the catalogue', delayMs: 150 }));
    const busy = clientWith(PLAIN);
    const read = (res: HttpResponse) => ({ text: res.text() });
    const answers = await Promise.all(Array.from({ length: 20 }, () => busy.request({ method: 'GET', path: '/sectors', query: { page: 1 } }, read)));
    expect(server.received).toHaveLength(1);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toEqual({ text: 'the catalogue' });
    expect(client.stats.requests).toBe(1);

    const posts = await Promise.all(
      Array.from({ length: 5 }, () => busy.request({ method: 'POST', path: '/integration', json: { service: 'LayThuTuc', maTTHC: '1.001612' }, idempotent: true })),
    );
    expect(posts.every((p) => p.status === 200)).toBe(true);
    expect(server.received).toHaveLength(2);
  });

  it('sends reads that differ in query, header or body, and writes, each on its own', async () => {
    server.script(() => ({ status: 200, delayMs: 100 }));
    const busy = clientWith(PLAIN);
    await Promise.all([
      busy.request({ method: 'GET', path: '/x', query: { page: 1 } }),
      busy.request({ method: 'GET', path: '/x', query: { page: 2 } }),
      busy.request({ method: 'GET', path: '/x', query: { page: 1 }, headers: { authorization: 'Bearer other' } }),
      busy.request({ method: 'POST', path: '/x', body: 'a', idempotent: true }),
      busy.request({ method: 'POST', path: '/x', body: 'b', idempotent: true }),
      busy.request({ method: 'POST', path: '/sendEdoc', body: 'same' }),
      busy.request({ method: 'POST', path: '/sendEdoc', body: 'same' }),
    ]);
    expect(server.received).toHaveLength(7);
  });

  it('does not keep answers: the same read after the first finished is sent again', async () => {
    const busy = clientWith(PLAIN);
    await busy.request({ method: 'GET', path: '/x' });
    await busy.request({ method: 'GET', path: '/x' });
    expect(server.received).toHaveLength(2);
  });

  it('keeps its sockets to a hung source within its pool, however many calls time out', async () => {
    server.script(() => 'hang');
    const hung = clientWith(PLAIN, { timeoutMs: 150, connections: 4 });
    for (let round = 0; round < 5; round++) {
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => hung.request({ method: 'GET', path: `/r${round}/${i}` })));
      expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
      expect(server.connections()).toBeLessThanOrEqual(4);
    }
    expect(server.maxConnections).toBeLessThanOrEqual(4);
    // Every timed-out call was sent or refused by its deadline; none is left holding memory.
    expect(resilience.snapshot()).toMatchObject({ active: 0, inFlight: 0, queued: 0, sharedCalls: 0 });
  });
});
