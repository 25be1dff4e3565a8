import { propagation, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTestGateway, type TestGateway } from '../utils/gateway';

const ONE_PROCEDURE = /* GraphQL */ `
  query OneProcedure($code: ID!) { procedure(code: $code) { code name } }
`;

/** The spans of one trace once its SERVER span has ended (it ends when the response is written, just after the client has it). */
async function traceOf(exporter: InMemorySpanExporter, traceId: (span: ReadableSpan) => boolean): Promise<{ server: ReadableSpan; clients: ReadableSpan[] }> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const server = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && traceId(s));
    if (server) {
      const clients = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CLIENT && s.spanContext().traceId === server.spanContext().traceId);
      return { server, clients };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no SERVER span ended within 10 s; spans: ${exporter.getFinishedSpans().map((s) => s.name).join(', ')}`);
}

describe('telemetry off (the default)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 50 });
  });
  afterAll(() => gw.close());

  it('registers nothing with OpenTelemetry: no tracer provider, no propagator, and requests are answered as ever', async () => {
    const res = await gw.as('developer').graphql(ONE_PROCEDURE, { code: gw.national.data.procedures[0]!.MATTHC.trim() });

    expect(res.errors).toBeUndefined();
    expect(gw.running.telemetry).toBeNull();
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
    expect(propagation.fields()).toEqual([]);
  });
});

describe('telemetry on, spans to an in-memory exporter', () => {
  const exporter = new InMemorySpanExporter();
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 50, telemetry: { enabled: true, serviceName: 'lienthong-test' }, spanExporter: exporter });
  });
  afterAll(() => gw.close());
  beforeEach(() => exporter.reset());

  it("continues the caller's trace: the request's span is the child of the incoming traceparent, and the national database call the child of the request's", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpanId = '00f067aa0ba902b7';
    const code = gw.national.data.procedures[1]!.MATTHC.trim();

    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: gw.as('developer').authorization, traceparent: `00-${traceId}-${callerSpanId}-01` },
      body: JSON.stringify({ query: ONE_PROCEDURE, variables: { code }, operationName: 'OneProcedure' }),
    });
    expect(res.status).toBe(200);

    const { server, clients } = await traceOf(exporter, (s) => s.spanContext().traceId === traceId);
    expect(server.parentSpanContext?.spanId).toBe(callerSpanId);
    expect(server.name).toBe('query OneProcedure');
    expect(server.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'OneProcedure',
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'url.path': '/graphql',
      'http.response.status_code': 200,
      'lienthong.request_id': res.headers.get('x-request-id'),
    });
    expect(server.resource.attributes['service.name']).toBe('lienthong-test');
    const national = clients.filter((s) => s.attributes['lienthong.source'] === 'national-procedures');
    expect(national.length).toBeGreaterThan(0);
    for (const span of national) {
      expect(span.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
      expect(span.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 200 });
    }
  });

  it('starts a trace of its own for a request without traceparent', async () => {
    const res = await gw.as('developer').graphql(ONE_PROCEDURE, { code: gw.national.data.procedures[2]!.MATTHC.trim() });
    expect(res.errors).toBeUndefined();

    const { server, clients } = await traceOf(exporter, () => true);
    expect(server.parentSpanContext).toBeUndefined();
    expect(clients.length).toBeGreaterThan(0);
    expect(clients.every((s) => s.parentSpanContext?.spanId === server.spanContext().spanId)).toBe(true);
  });

  it("follows the caller's decision not to sample: nothing of that trace is recorded", async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';

    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: gw.as('developer').authorization, traceparent: `00-${traceId}-b7ad6b7169203331-00` },
      body: JSON.stringify({ query: ONE_PROCEDURE, variables: { code: gw.national.data.procedures[3]!.MATTHC.trim() } }),
    });
    expect(res.status).toBe(200);
    // A sampled request after it, whose spans end after the unsampled one's would have.
    await gw.as('developer').graphql(ONE_PROCEDURE, { code: gw.national.data.procedures[4]!.MATTHC.trim() });
    await traceOf(exporter, (s) => s.spanContext().traceId !== traceId);

    expect(exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId)).toEqual([]);
  });

  it('names a refused operation and records its error code', async () => {
    const res = await gw.as('developer').graphql(/* GraphQL */ `query TooMany { procedures(first: 101) { totalCount } }`);
    expect(res.status).toBe(400);

    const { server } = await traceOf(exporter, () => true);
    expect(server.name).toBe('query TooMany');
    expect(server.attributes['lienthong.error_codes']).toEqual(['QUERY_LIMIT_EXCEEDED']);
  });
});
