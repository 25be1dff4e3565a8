import { parsePrometheusText, type MetricFamily } from '../../src/metrics/testing/parse-prometheus-text';
import { startTestGateway, type TestGateway } from '../utils/gateway';

function valueOf(families: Map<string, MetricFamily>, family: string, labels: Record<string, string>, name = family): number | undefined {
  return families.get(family)?.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

/** Sum of `family`'s samples whose labels include `labels`. */
function sumOf(families: Map<string, MetricFamily>, family: string, labels: Record<string, string>, exclude: Record<string, string> = {}): number {
  return (families.get(family)?.samples ?? [])
    .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v) && !Object.entries(exclude).some(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

describe('/metrics', () => {
  let gw: TestGateway;
  let metricsUrl: string;
  beforeAll(async () => {
    gw = await startTestGateway({
      procedures: 60,
      timeoutMs: 400,
      server: { metrics: true, metricsPort: 0 },
      national: { resilience: { retries: { count: 0 }, breaker: { volumeThreshold: 3, resetTimeoutMs: 60_000 } } },
    });
    metricsUrl = gw.running.gateway.app.metricsUrl!;
  });
  afterAll(() => gw.close());

  async function scrape(): Promise<Map<string, MetricFamily>> {
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parsePrometheusText(await res.text());
  }

  it('is served on its own listener, not on the API\'s port', async () => {
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(metricsUrl).port).not.toBe(new URL(gw.url).port);
    expect((await fetch(`${gw.url}/metrics`)).status).toBe(404);
  });

  it('counts GraphQL requests by operation, type and outcome, with their durations', async () => {
    for (let i = 0; i < 3; i++) expect((await gw.graphql(/* GraphQL */ `query Catalogue { procedures(first: 2) { totalCount } }`)).errors).toBeUndefined();
    await gw.graphql(/* GraphQL */ `query Misspelt { procedurez { totalCount } }`);
    await gw.graphql(/* GraphQL */ `{ procedure(code: "1.001612") { code } }`);
    const families = await scrape();
    expect(valueOf(families, 'lienthong_graphql_requests_total', { operation: 'Catalogue', type: 'query', outcome: 'success' })).toBe(3);
    // Refused by validation, still named and typed from its document.
    expect(valueOf(families, 'lienthong_graphql_requests_total', { operation: 'Misspelt', type: 'query', outcome: 'rejected' })).toBe(1);
    expect(valueOf(families, 'lienthong_graphql_requests_total', { operation: '__anonymous', type: 'query', outcome: 'success' })).toBe(1);
    expect(valueOf(families, 'lienthong_graphql_request_duration_seconds', { operation: 'Catalogue', type: 'query' }, 'lienthong_graphql_request_duration_seconds_count')).toBe(3);
  });

  it('counts the catalogue\'s lookups of reference data: one per agency named, a miss for a code the directory lacks', async () => {
    const code = gw.national.data.agencies[2]!.MADONVI;
    const before = await scrape();
    const hits = (families: Map<string, MetricFamily>) => valueOf(families, 'lienthong_cache_requests_total', { cache: 'agencies', result: 'hit' }) ?? 0;
    const misses = (families: Map<string, MetricFamily>) => valueOf(families, 'lienthong_cache_requests_total', { cache: 'agencies', result: 'miss' }) ?? 0;
    // Two agencies by code (one known, one not), each the directory's answer: a hit and a miss.
    const res = await gw.graphql(/* GraphQL */ `query Two($a: ID!) { known: agency(code: $a) { name } unknown: agency(code: "000.99.99.H99") { name } }`, { a: code });
    expect(res.data).toEqual({ known: { name: gw.national.data.agencies[2]!.TENDONVI.trim() }, unknown: null });
    const after = await scrape();
    expect([hits(after) - hits(before), misses(after) - misses(before)]).toEqual([1, 1]);
  });

  it('counts every call to a source, as many as the source itself received', async () => {
    // Settle: nothing in flight while the two counts are taken.
    for (const c of gw.running.sources.connectors) while (c.resilience.snapshot().active > 0) await new Promise((r) => setTimeout(r, 10));
    const families = await scrape();
    const sent = sumOf(families, 'lienthong_upstream_requests_total', { source: 'national-procedures' }, { outcome: 'rejected' });
    expect(sent).toBeGreaterThan(60);
    expect(sent).toBe(gw.national.stats.requests);
    expect(valueOf(families, 'lienthong_upstream_request_duration_seconds', { source: 'national-procedures' }, 'lienthong_upstream_request_duration_seconds_count')).toBe(sent);
    for (const source of gw.running.sources.connectors.map((c) => c.name)) expect(valueOf(families, 'lienthong_breaker_state', { source })).toBe(0);
  });

  it('shows a failing source\'s errors by code, its breaker open, and the calls it refused', async () => {
    const national = gw.running.sources.connectors.find((c) => c.name === 'national-procedures')!;
    const before = await scrape();
    const errorsBefore = valueOf(before, 'lienthong_upstream_errors_total', { source: 'national-procedures', code: 'UPSTREAM_UNAVAILABLE' }) ?? 0;
    const failuresBefore = valueOf(before, 'lienthong_upstream_requests_total', { source: 'national-procedures', outcome: 'failure' }) ?? 0;
    const ask = (i: number) => gw.graphql(/* GraphQL */ `query($c: ID!) { procedure(code: $c) { code } }`, { c: `1.${String(900_000 + i)}` });
    gw.national.resetStats();
    gw.national.setFault({ mode: 'fail', status: 503 });
    try {
      // Until more than half of the breaker's window failed (the window still holds the catalogue's first read).
      for (let i = 0; national.resilience.state() !== 'open' && i < 400; i++) await ask(i);
      expect(national.resilience.state()).toBe('open');
      await ask(999);
    } finally {
      gw.national.setFault({ mode: 'none' });
    }
    const families = await scrape();
    const failed = gw.national.stats.requests;
    expect(failed).toBeGreaterThanOrEqual(3);
    expect(valueOf(families, 'lienthong_upstream_requests_total', { source: 'national-procedures', outcome: 'failure' })).toBe(failuresBefore + failed);
    expect(valueOf(families, 'lienthong_upstream_rejected_total', { source: 'national-procedures', reason: 'BREAKER_OPEN' })).toBe(1);
    expect(valueOf(families, 'lienthong_upstream_errors_total', { source: 'national-procedures', code: 'UPSTREAM_UNAVAILABLE' })).toBe(errorsBefore + failed + 1);
    expect(valueOf(families, 'lienthong_breaker_state', { source: 'national-procedures' })).toBe(2);
  });

  it('carries the process\'s memory and event-loop delay', async () => {
    const families = await scrape();
    expect(families.get('process_resident_memory_bytes')?.samples[0]?.value).toBeGreaterThan(0);
    expect(families.get('nodejs_heap_size_used_bytes')?.samples[0]?.value).toBeGreaterThan(0);
    expect(families.get('nodejs_eventloop_lag_seconds')?.type).toBe('gauge');
    expect(families.get('nodejs_eventloop_lag_p99_seconds')?.samples).toHaveLength(1);
  });
});
