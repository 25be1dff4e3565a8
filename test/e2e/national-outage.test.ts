import { startTestGateway, type TestGateway } from '../utils/gateway';

describe('when the national database fails', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 120, timeoutMs: 500 });
  });
  afterAll(() => gw.close());
  afterEach(() => gw.national.setFault({ mode: 'none' }));

  it('answers a hanging source with UPSTREAM_TIMEOUT within the timeout, serving the catalogue copy flagged stale', async () => {
    gw.national.setFault({ mode: 'hang' });
    const started = Date.now();
    const res = await gw.as('developer').graphql<{ procedure: { code: string; freshness: { stale: boolean; reason: string; asOf: string } } }>(/* GraphQL */ `
      { procedure(code: "1.001612") { code freshness { stale reason asOf } } }
    `);
    // Well under what a hanging source would take, with room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(6000);
    expect(res.data!.procedure).toMatchObject({ code: '1.001612', freshness: { stale: true, reason: 'UPSTREAM_TIMEOUT' } });
    expect(res.data!.procedure.freshness.asOf).toMatch(/\+07:00$/);
    expect(res.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UPSTREAM_TIMEOUT', source: 'national-procedures', servedStale: true }) })]);
  });

  it('answers UPSTREAM_TIMEOUT and null data for a procedure it has no copy of', async () => {
    gw.national.setFault({ mode: 'hang' });
    const res = await gw.as('developer').graphql(/* GraphQL */ `{ procedure(code: "9.999998") { code } }`);
    expect(res.data).toEqual({ procedure: null });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', source: 'national-procedures' });
    expect(res.errors?.[0]?.message).not.toContain(gw.national.url);
  });

  it('keeps listing procedures from the catalogue, flagged stale, after a failed refresh, and recovers', async () => {
    gw.national.setFault({ mode: 'fail', status: 503 });
    await gw.running.sources.catalogue.refresh();
    const stale = await gw.as('developer').graphql<{ procedures: { totalCount: number; freshness: { stale: boolean; reason: string } } }>(/* GraphQL */ `
      { procedures(first: 5) { totalCount freshness { stale reason } } }
    `);
    expect(stale.data!.procedures).toEqual({ totalCount: 120, freshness: { stale: true, reason: 'UPSTREAM_UNAVAILABLE' } });
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { sources: Array<{ ok: boolean; error: { code: string } }> }).sources[0]).toMatchObject({ ok: false, error: { code: 'UPSTREAM_UNAVAILABLE' } });

    gw.national.setFault({ mode: 'none' });
    await gw.running.sources.catalogue.refresh();
    const fresh = await gw.as('developer').graphql<{ procedures: { freshness: { stale: boolean } } }>(/* GraphQL */ `{ procedures(first: 1) { freshness { stale } } }`);
    expect(fresh.data!.procedures.freshness.stale).toBe(false);
  });

  it('keeps serving after a source that answers garbage', async () => {
    gw.national.setFault({ mode: 'garbage' });
    const res = await gw.as('developer').graphql(/* GraphQL */ `{ procedure(code: "9.999997") { code } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', source: 'national-procedures' });
    gw.national.setFault({ mode: 'none' });
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
  });
});
