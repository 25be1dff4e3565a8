import { createResilience, type AttemptResult, type Connector, type Resilience } from '../../../connectors/kit';
import { GatewayError } from '../../errors';
import { createGatewayMetrics, type GatewayMetrics } from '../create-gateway-metrics';
import { parsePrometheusText, type MetricFamily } from '../testing/parse-prometheus-text';

/** A connector as the metrics see it: a name and a resilience layer. */
function connectorOn(resilience: Resilience): Connector {
  return { name: resilience.source, kind: 'test', resilience, checkReady: async () => ({ source: resilience.source, kind: 'test', ok: true, latencyMs: 0 }), close: async () => {} };
}

async function scrape(metrics: GatewayMetrics): Promise<Map<string, MetricFamily>> {
  return parsePrometheusText(await metrics.registry.metrics());
}

/** The value of the one sample of `family` whose labels include `labels` (and are no more than `name` asks). */
function valueOf(families: Map<string, MetricFamily>, family: string, labels: Record<string, string>, name = family): number | undefined {
  return families.get(family)?.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

const answered = <T>(value: T, status = 200): AttemptResult<T> => ({ ok: true, value, status });
const unavailable = (source: string): AttemptResult<never> => ({ ok: false, error: new GatewayError('UPSTREAM_UNAVAILABLE', 'down', { source }), status: 503 });

describe('createGatewayMetrics', () => {
  let metrics: GatewayMetrics;
  beforeEach(() => {
    metrics = createGatewayMetrics({ operationLimit: 2 });
  });
  afterEach(() => metrics.close());

  it('counts GraphQL requests by operation, type and outcome, and their durations in buckets', async () => {
    metrics.recordRequest({ operationName: 'Procedures', type: 'query', outcome: 'success', seconds: 0.003 });
    metrics.recordRequest({ operationName: 'Procedures', type: 'query', outcome: 'error', seconds: 0.2 });
    metrics.recordRequest({ operationName: 'Procedures', type: 'query', outcome: 'success', seconds: 4 });
    const families = await scrape(metrics);
    expect(valueOf(families, 'lienthong_graphql_requests_total', { operation: 'Procedures', type: 'query', outcome: 'success' })).toBe(2);
    expect(valueOf(families, 'lienthong_graphql_requests_total', { operation: 'Procedures', type: 'query', outcome: 'error' })).toBe(1);
    const bucket = (le: string) => valueOf(families, 'lienthong_graphql_request_duration_seconds', { operation: 'Procedures', le }, 'lienthong_graphql_request_duration_seconds_bucket');
    // 3 ms, 200 ms and 4 s: one by 5 ms, two by 250 ms, all three by 5 s.
    expect([bucket('0.005'), bucket('0.1'), bucket('0.25'), bucket('2.5'), bucket('5'), bucket('+Inf')]).toEqual([1, 1, 2, 2, 3, 3]);
    expect(valueOf(families, 'lienthong_graphql_request_duration_seconds', {}, 'lienthong_graphql_request_duration_seconds_sum')).toBeCloseTo(4.203, 6);
  });

  it('keeps the operation label to a bounded set, whatever names clients send', async () => {
    for (const name of ['A', 'B', 'C', 'D', 'A', null, '__schema', '1bad']) metrics.recordRequest({ operationName: name, type: 'query', outcome: 'success', seconds: 0.01 });
    const families = await scrape(metrics);
    const operations = families.get('lienthong_graphql_requests_total')!.samples.map((s) => [s.labels.operation, s.value]);
    expect(Object.fromEntries(operations)).toEqual({ A: 2, B: 1, __other: 2, __anonymous: 1, __invalid: 2 });
  });

  it('follows each source\'s resilience layer: attempts by outcome, errors by code, retries, shared calls, refusals and the breaker\'s state', async () => {
    const national = createResilience('national-procedures', { retries: { count: 1, baseDelayMs: 0, maxDelayMs: 0 }, breaker: { volumeThreshold: 2, resetTimeoutMs: 60_000 } });
    const province = createResilience('province-h56', { breaker: { enabled: false } });
    metrics.observeSources([connectorOn(national), connectorOn(province)]);

    // Two identical reads at once: one upstream attempt, one shared call.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = { idempotent: true, key: 'GET /sectors', timeoutMs: 5000, attempt: async () => (await gate, answered('ok')) };
    const both = Promise.all([province.execute(slow), province.execute(slow)]);
    release();
    await both;
    // A read that fails twice (once and its retry): two failures, one retry; the breaker opens (2 of 2 failed).
    await expect(national.execute({ idempotent: true, key: null, timeoutMs: 5000, attempt: async () => unavailable('national-procedures') })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    // Refused by the open breaker.
    await expect(national.execute({ idempotent: true, key: null, timeoutMs: 5000, attempt: async () => answered('never sent') })).rejects.toMatchObject({ extensions: { breaker: 'open' } });
    // The source's own error answer.
    await expect(
      province.execute({ idempotent: false, key: null, timeoutMs: 5000, attempt: async () => ({ ok: false, error: new GatewayError('UPSTREAM_ERROR', 'no such dossier', { source: 'province-h56' }), status: 500 }) }),
    ).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });

    const families = await scrape(metrics);
    const requests = (source: string, outcome: string) => valueOf(families, 'lienthong_upstream_requests_total', { source, outcome });
    expect([requests('province-h56', 'success'), requests('province-h56', 'error'), requests('national-procedures', 'failure'), requests('national-procedures', 'rejected')]).toEqual([1, 1, 2, 1]);
    expect(valueOf(families, 'lienthong_upstream_shared_total', { source: 'province-h56' })).toBe(1);
    expect(valueOf(families, 'lienthong_upstream_retries_total', { source: 'national-procedures' })).toBe(1);
    expect(valueOf(families, 'lienthong_upstream_errors_total', { source: 'national-procedures', code: 'UPSTREAM_UNAVAILABLE' })).toBe(3);
    expect(valueOf(families, 'lienthong_upstream_errors_total', { source: 'province-h56', code: 'UPSTREAM_ERROR' })).toBe(1);
    expect(valueOf(families, 'lienthong_upstream_rejected_total', { source: 'national-procedures', reason: 'BREAKER_OPEN' })).toBe(1);
    // Attempts sent: two to the province, two to the national database; the refused one took no time at the source.
    expect(valueOf(families, 'lienthong_upstream_request_duration_seconds', { source: 'province-h56' }, 'lienthong_upstream_request_duration_seconds_count')).toBe(2);
    expect(valueOf(families, 'lienthong_upstream_request_duration_seconds', { source: 'national-procedures' }, 'lienthong_upstream_request_duration_seconds_count')).toBe(2);
    expect(valueOf(families, 'lienthong_breaker_state', { source: 'national-procedures' })).toBe(2);
    expect(valueOf(families, 'lienthong_breaker_state', { source: 'province-h56' })).toBe(0);
    expect(valueOf(families, 'lienthong_upstream_in_flight', { source: 'province-h56' })).toBe(0);
    national.close();
    province.close();
  });

  it('reads sync lag and outbox depth from what the gateway registers, at each scrape, and scrapes without them when they fail', async () => {
    let lag = 12;
    metrics.registerSyncLag(() => [{ source: 'province-h56', seconds: lag }]);
    metrics.registerOutboxDepth(async () => [{ consumer: 'national-portal', state: 'pending', count: 7 }]);
    let families = await scrape(metrics);
    expect(valueOf(families, 'lienthong_dossier_sync_lag_seconds', { source: 'province-h56' })).toBe(12);
    expect(valueOf(families, 'lienthong_outbox_depth', { consumer: 'national-portal', state: 'pending' })).toBe(7);
    lag = 30;
    metrics.registerOutboxDepth(async () => {
      throw new Error('store down');
    });
    families = await scrape(metrics);
    expect(valueOf(families, 'lienthong_dossier_sync_lag_seconds', { source: 'province-h56' })).toBe(30);
    expect(families.get('lienthong_outbox_depth')?.samples ?? []).toEqual([]);
  });

  it('counts cache lookups by cache and result', async () => {
    metrics.recordCache('agencies', 'hit');
    metrics.recordCache('agencies', 'hit');
    metrics.recordCache('agencies', 'stale');
    const families = await scrape(metrics);
    expect(valueOf(families, 'lienthong_cache_requests_total', { cache: 'agencies', result: 'hit' })).toBe(2);
    expect(valueOf(families, 'lienthong_cache_requests_total', { cache: 'agencies', result: 'stale' })).toBe(1);
  });

  it('carries the process\'s own metrics: memory, heap and event-loop delay', async () => {
    const families = await scrape(metrics);
    for (const name of ['process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'process_cpu_seconds_total']) {
      expect(families.get(name)?.samples[0]?.value).toBeGreaterThanOrEqual(0);
    }
    expect(families.get('process_resident_memory_bytes')!.samples[0]!.value).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('keeps two gateways\' numbers apart', async () => {
    const other = createGatewayMetrics();
    other.recordRequest({ operationName: 'X', type: 'query', outcome: 'success', seconds: 0.01 });
    const families = await scrape(metrics);
    expect(families.get('lienthong_graphql_requests_total')?.samples ?? []).toEqual([]);
    other.close();
  });
});
