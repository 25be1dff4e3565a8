import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createHttpClient } from '../http-client';

/** A source that records the headers of every request and answers after a short wait (so identical calls overlap). */
async function startRecordingSource(): Promise<{ url: string; requests: Array<{ url: string; headers: http.IncomingHttpHeaders }>; close(): Promise<void> }> {
  const requests: Array<{ url: string; headers: http.IncomingHttpHeaders }> = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    setTimeout(() => res.writeHead(req.url === '/broken' ? 503 : 200, { 'content-type': 'text/plain' }).end('ok'), 50);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

describe('upstream calls without a registered tracer provider (telemetry off)', () => {
  it('send no trace context', async () => {
    const source = await startRecordingSource();
    const client = createHttpClient({ source: 'quiet', baseUrl: source.url });

    await client.request({ method: 'GET', path: '/x' });

    expect(source.requests[0]!.headers.traceparent).toBeUndefined();
    await client.close();
    await source.close();
  });
});

describe('upstream calls with a registered tracer provider', () => {
  const exporter = new InMemorySpanExporter();
  let provider: NodeTracerProvider;
  let source: Awaited<ReturnType<typeof startRecordingSource>>;
  beforeAll(async () => {
    provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register();
    source = await startRecordingSource();
  });
  afterAll(async () => {
    await source.close();
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });
  afterEach(() => {
    exporter.reset();
    source.requests.length = 0;
  });

  it('are CLIENT spans, children of the active span, whose traceparent the source receives', async () => {
    const client = createHttpClient({ source: 'national-procedures', baseUrl: `${source.url}/adapter` });
    const parent = provider.getTracer('test').startSpan('request');

    await context.with(trace.setSpan(context.active(), parent), () => client.request({ method: 'POST', path: '/integration', query: { password: 'secret' }, body: 'x', idempotent: true }));
    parent.end();

    const [span] = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CLIENT);
    expect(span!.name).toBe('POST national-procedures');
    expect(span!.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(span!.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(span!.attributes).toMatchObject({ 'lienthong.source': 'national-procedures', 'http.request.method': 'POST', 'url.path': '/adapter/integration', 'http.response.status_code': 200, 'server.address': '127.0.0.1' });
    // The query string (here a password) never reaches the span.
    expect(JSON.stringify(span!.attributes)).not.toContain('secret');
    const [, traceId, spanId] = TRACEPARENT.exec(String(source.requests[0]!.headers.traceparent))!;
    expect([traceId, spanId]).toEqual([parent.spanContext().traceId, span!.spanContext().spanId]);
    await client.close();
  });

  it('makes one span per attempt, each failed one with its catalogue code, and no span for calls that share another', async () => {
    const client = createHttpClient({ source: 'flaky', baseUrl: source.url });

    await client.request({ method: 'GET', path: '/broken' });
    const [first, second] = await Promise.all([client.request({ method: 'GET', path: '/same' }), client.request({ method: 'GET', path: '/same' })]);

    const spans = exporter.getFinishedSpans();
    const broken = spans.filter((s) => s.attributes['url.path'] === '/broken');
    // A 503 to a read is retried twice by the default policy: three attempts, each a span of its own, each an error.
    expect(source.requests.filter((r) => r.url === '/broken')).toHaveLength(3);
    expect(broken).toHaveLength(3);
    expect(broken.every((s) => s.attributes['http.response.status_code'] === 503 && s.status.code === 2)).toBe(true);
    // Identical reads in flight share one upstream call: the trace context added to headers does not tell them apart.
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(source.requests.filter((r) => r.url === '/same')).toHaveLength(1);
    expect(spans.filter((s) => s.attributes['url.path'] === '/same')).toHaveLength(1);
    await client.close();
  });

  it('records a transport failure with the code the call failed with', async () => {
    const client = createHttpClient({ source: 'gone', baseUrl: 'http://127.0.0.1:1', timeoutMs: 2000 });

    const error = await client.request({ method: 'POST', path: '/x' }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    const [span] = exporter.getFinishedSpans();
    expect(span!.attributes['error.type']).toBe('UPSTREAM_UNAVAILABLE');
    expect(span!.status.code).toBe(2);
    await client.close();
  });
});
