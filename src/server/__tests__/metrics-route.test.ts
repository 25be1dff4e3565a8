import Fastify from 'fastify';
import { parseConfig } from '../../config';
import { createSilentLogger } from '../../log';
import { parsePrometheusText } from '../../metrics/testing/parse-prometheus-text';
import { registerMetricsRoute } from '../metrics-route';

/** No connectors; one province whose copy is 12 s behind and one never read. */
const sources = {
  connectors: [],
  dossiers: { provinces: async () => [{ source: 'province-h56', lagMs: 12_000 }, { source: 'province-h41', lagMs: null }] },
};

const base = {
  auth: { issuer: 'urn:test', audience: 'urn:gateway', jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }] } },
  sources: { nationalProcedures: { url: 'http://127.0.0.1:9', dstcode: 'VN:GOV:000.00.00.G22:x', username: 'u', password: 'p' } },
};

describe('registerMetricsRoute', () => {
  it('serves nothing and records nothing unless server.metrics is on', async () => {
    const app = Fastify();
    const metrics = registerMetricsRoute(app, parseConfig(base, {}), sources, createSilentLogger());
    const api = await app.listen({ host: '127.0.0.1', port: 0 });
    expect(metrics).toBeUndefined();
    expect(app.metricsUrl).toBeNull();
    expect((await fetch(`${api}/metrics`)).status).toBe(404);
    await app.close();
  });

  it('serves /metrics in the Prometheus text format on its own listener, not on the API\'s, from start to close', async () => {
    const app = Fastify();
    app.get('/graphql', async () => 'api');
    const metrics = registerMetricsRoute(app, parseConfig({ ...base, server: { metrics: true, metricsPort: 0 } }, {}), sources, createSilentLogger());
    const api = await app.listen({ host: '127.0.0.1', port: 0 });
    expect(app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(app.metricsUrl!.startsWith(api)).toBe(false);
    expect((await fetch(`${api}/metrics`)).status).toBe(404);

    metrics!.recordRequest({ operationName: 'Procedures', type: 'query', outcome: 'success', seconds: 0.02 });
    const res = await fetch(app.metricsUrl!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = parsePrometheusText(await res.text());
    expect(families.get('lienthong_graphql_requests_total')?.samples).toEqual([{ name: 'lienthong_graphql_requests_total', labels: { operation: 'Procedures', type: 'query', outcome: 'success' }, value: 1 }]);
    expect(families.get('lienthong_dossier_sync_lag_seconds')?.samples).toEqual([{ name: 'lienthong_dossier_sync_lag_seconds', labels: { source: 'province-h56' }, value: 12 }]);

    const url = app.metricsUrl!;
    await app.close();
    await expect(fetch(url)).rejects.toThrow();
  });

  it('stops start-up when its port is taken', async () => {
    const holder = Fastify();
    await holder.listen({ host: '127.0.0.1', port: 0 });
    const port = (holder.server.address() as { port: number }).port;
    const app = Fastify();
    registerMetricsRoute(app, parseConfig({ ...base, server: { metrics: true, metricsPort: port } }, {}), sources, createSilentLogger());
    await expect(app.listen({ host: '127.0.0.1', port: 0 })).rejects.toThrow(/EADDRINUSE/);
    await app.close();
    await holder.close();
  });
});
