import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayError, isGatewayError } from '../../../src/errors';
import { createResilience, type BreakerState, type Resilience, type UpstreamEvent } from '../create-resilience';
import { createHttpClient, type HttpClient } from '../http-client';
import type { BreakerOptions } from '../resilience-options';
import { startScriptedServer, type ScriptedServer } from './scripted-server';

/** Opens on more than half of at least four attempts; tries again 300 ms after opening. */
const BREAKER: BreakerOptions = { volumeThreshold: 4, errorThresholdPercentage: 50, windowMs: 60_000, resetTimeoutMs: 300 };

async function becomes(resilience: Resilience, state: BreakerState): Promise<void> {
  for (let waited = 0; resilience.state() !== state; waited += 20) {
    if (waited > 5000) throw new Error(`the breaker stayed ${resilience.state()}, expected ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the circuit breaker of a source', () => {
  let server: ScriptedServer;
  let resilience: Resilience;
  let client: HttpClient;
  let events: UpstreamEvent[];

  beforeEach(async () => {
    server = await startScriptedServer();
    resilience = createResilience('province-h48', { retries: { count: 0 }, breaker: BREAKER });
    events = [];
    resilience.observe((e) => events.push(e));
    client = createHttpClient({ source: 'province-h48', baseUrl: server.url, timeoutMs: 2000, resilience });
  });
  afterEach(async () => {
    await client.close();
    resilience.close();
    await server.close();
  });

  const get = (path = '/x') => client.request({ method: 'GET', path });

  it('opens only when more than the threshold percentage of at least volumeThreshold attempts failed', async () => {
    server.script((_req, i) => (i % 2 === 0 ? { status: 500 } : { status: 200 }));
    for (let i = 0; i < 4; i++) await get();
    // Two failures of four: 50 %, not more than 50 %.
    expect(resilience.state()).toBe('closed');
    await get();
    // Three of five: 60 %.
    expect(resilience.state()).toBe('open');
    expect(events.filter((e) => e.type === 'breaker')).toEqual([{ type: 'breaker', source: 'province-h48', state: 'open' }]);
  });

  it('fails fast while open with UPSTREAM_UNAVAILABLE and breaker "open", without reaching the source', async () => {
    server.script(() => ({ status: 503 }));
    for (let i = 0; i < 4; i++) await get();
    expect(resilience.state()).toBe('open');
    const started = Date.now();
    const err = await get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(isGatewayError(err) && err.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', source: 'province-h48', breaker: 'open' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(server.received).toHaveLength(4);
    expect(resilience.snapshot()).toMatchObject({ state: 'open', window: { calls: 4, failures: 4 }, rejected: { breakerOpen: 1, overloaded: 0, queued: 0 } });
    expect(events.at(-1)).toEqual({ type: 'rejected', source: 'province-h48', code: 'UPSTREAM_UNAVAILABLE', reason: 'BREAKER_OPEN' });
  });

  it('half-opens after the reset timeout, lets a single trial through, and closes when it succeeds', async () => {
    server.script(() => ({ status: 503 }));
    for (let i = 0; i < 4; i++) await get();
    await becomes(resilience, 'halfOpen');
    server.script(() => ({ status: 200, body: 'back', delayMs: 100 }));
    // Two different reads (identical ones would share one call).
    const [trial, other] = await Promise.allSettled([get('/a'), get('/b')]);
    expect(trial).toMatchObject({ status: 'fulfilled', value: { status: 200 } });
    expect(other.status === 'rejected' && other.reason).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { breaker: 'halfOpen' } });
    expect(server.received).toHaveLength(5);
    expect(resilience.state()).toBe('closed');
    await expect(get()).resolves.toMatchObject({ status: 200 });
    expect(events.filter((e) => e.type === 'breaker').map((e) => e.type === 'breaker' && e.state)).toEqual(['open', 'halfOpen', 'closed']);
  });

  it('opens again when the trial fails', async () => {
    server.script(() => ({ status: 503 }));
    for (let i = 0; i < 4; i++) await get();
    await becomes(resilience, 'halfOpen');
    await get();
    expect(resilience.state()).toBe('open');
    expect(server.received).toHaveLength(5);
  });

  it('counts timeouts and refused connections as failures', async () => {
    server.script(() => 'hang');
    const hung = createHttpClient({ source: 'province-h48', baseUrl: server.url, timeoutMs: 100, resilience });
    for (let i = 0; i < 4; i++) await expect(hung.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(resilience.state()).toBe('open');
    await hung.close();

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refusing = createResilience('gone', { retries: { count: 0 }, breaker: BREAKER });
    const gone = createHttpClient({ source: 'gone', baseUrl: `http://127.0.0.1:${port}`, resilience: refusing });
    for (let i = 0; i < 4; i++) await expect(gone.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(refusing.state()).toBe('open');
    await gone.close();
    refusing.close();
  });

  it('never opens on 4xx answers, nor on the source\'s own error answers sent with a 5xx', async () => {
    server.script(() => ({ status: 404 }));
    for (let i = 0; i < 12; i++) await get();
    server.script(() => ({ status: 500, body: 'SOAP fault' }));
    const fault = (): never => {
      throw new GatewayError('UPSTREAM_ERROR', 'the service answered a SOAP fault', { source: 'province-h48', upstreamCode: 'HOSO_KHONG_TON_TAI' });
    };
    for (let i = 0; i < 12; i++) await expect(client.request({ method: 'POST', path: '/svc', idempotent: true }, fault)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
    expect(resilience.state()).toBe('closed');
    expect(server.received).toHaveLength(24);
    expect(events.filter((e) => e.type === 'attempt' && e.outcome === 'error')).toHaveLength(12);
  });

  it('lets every call through when disabled', async () => {
    const off = createResilience('off', { retries: { count: 0 }, breaker: { ...BREAKER, enabled: false } });
    const plain = createHttpClient({ source: 'off', baseUrl: server.url, resilience: off });
    server.script(() => ({ status: 503 }));
    for (let i = 0; i < 10; i++) await plain.request({ method: 'GET', path: '/x' });
    expect(server.received).toHaveLength(10);
    expect(off.state()).toBe('closed');
    await plain.close();
    off.close();
  });
});
