import { createStore } from '../../src/store';
import { startTestGateway } from '../utils/gateway';

describe('the store behind the gateway', () => {
  it('keeps answering procedure queries from the mirror, flagged stale, when the national database is down at start', async () => {
    const first = await startTestGateway({ procedures: 150 });
    const { dataDir } = first;
    const deadUrl = first.national.url;
    await first.close(); // stops the gateway and the national simulator; the mirror stays on disk

    const second = await startTestGateway({ procedures: 150, dataDir, national: { url: deadUrl, timeoutMs: 300 } });
    try {
      await second.national.close(); // this test's fresh simulator is not used: the configured URL is dead
      const res = await second.as('developer').graphql<{ procedures: { totalCount: number; freshness: { stale: boolean; reason: string | null; asOf: string } }; procedure: { code: string; freshness: { stale: boolean } } }>(/* GraphQL */ `
        { procedures(first: 3) { totalCount freshness { stale reason asOf } } procedure(code: "1.001612") { code freshness { stale } } }
      `);
      expect(res.data!.procedures.totalCount).toBe(150);
      expect(res.data!.procedure).toEqual({ code: '1.001612', freshness: { stale: true } });
      // The first refresh may still be running when the query arrives; wait for it to fail.
      await second.running.sources.catalogue.refresh();
      const after = await second.as('developer').graphql<{ procedures: { freshness: { stale: boolean; reason: string | null } } }>(/* GraphQL */ `{ procedures(first: 1) { freshness { stale reason } } }`);
      expect(after.data!.procedures.freshness).toEqual({ stale: true, reason: 'UPSTREAM_UNAVAILABLE' });
      expect(res.errors?.map((e) => e.extensions?.code)).toContain('UPSTREAM_UNAVAILABLE');
    } finally {
      await second.close();
    }
  });

  it('records every operation in the audit log and loses none on a graceful shutdown', async () => {
    const gw = await startTestGateway({ procedures: 40 });
    const { dataDir } = gw;
    await gw.as('developer').graphql(/* GraphQL */ `query Sectors { sectors { code } }`);
    await gw.as('developer').graphql(/* GraphQL */ `query OneProcedure { procedure(code: "1.001612") { code sectors { code } implementingAgencies { code } } }`);
    await gw.as('developer').graphql(/* GraphQL */ `query Broken { procedures(first: 1 { totalCount } }`);
    const many = Array.from({ length: 25 }, (_, i) => gw.as('developer').graphql(`query Page${i} { procedures(first: 2) { nodes { code } } }`));
    await Promise.all(many);
    await gw.close();

    const store = await createStore({ dataDir });
    try {
      const { items, totalCount } = await store.audit.query({}, { first: 100 });
      expect(totalCount).toBe(28);
      const byName = new Map(items.map((e) => [e.operationName, e]));
      const developer = gw.as('developer').claims;
      expect(byName.get('Sectors')).toMatchObject({ outcome: 'success', operationType: 'query', errorCodes: [], clientIp: '127.0.0.1' });
      expect(byName.get('Sectors')).toMatchObject({ access: 'graphql', subject: developer.sub, tokenId: developer.jti, clientId: developer.client_id, agencyCode: null });
      expect(byName.get('Sectors')!.records.Sector).toBeGreaterThan(0);
      expect(byName.get('OneProcedure')!.records.Procedure).toBe(1);
      expect(byName.get('OneProcedure')!.documentHash).toMatch(/^[0-9a-f]{64}$/);
      const broken = items.find((e) => e.errorCodes.includes('GRAPHQL_PARSE_FAILED'));
      expect(broken).toMatchObject({ outcome: 'rejected' });
      expect(items.filter((e) => e.operationName?.startsWith('Page'))).toHaveLength(25);
    } finally {
      await store.close();
    }
  });

  it('reports the store in /readyz', async () => {
    const gw = await startTestGateway({ procedures: 20 });
    try {
      const body = (await (await fetch(`${gw.url}/readyz`)).json()) as { store: { kind: string; location: string; ok: boolean } };
      expect(body.store).toEqual({ kind: 'sqlite', location: expect.stringContaining(gw.dataDir), ok: true });
    } finally {
      await gw.close();
    }
  });
});
