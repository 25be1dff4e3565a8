import { startTestGateway, type TestGateway } from '../utils/gateway';

const LIST = /* GraphQL */ `{ dossiers(first: 100) { totalCount freshness { stale reason } nodes { province } } }`;

interface ListAnswer {
  dossiers: { totalCount: number; freshness: { stale: boolean; reason: string | null }; nodes: Array<{ province: string }> };
}

describe('when a province is down', () => {
  it('answers with the other provinces\' dossiers and a coded error naming the province that never answered', async () => {
    const gw = await startTestGateway({ procedures: 120, dossiersPerProvince: 60, provinces: [{}, {}, { url: 'http://127.0.0.1:9' }] });
    try {
      const res = await gw.as('national-portal-sync').graphql<ListAnswer>(LIST);
      expect(res.data!.dossiers.totalCount).toBe(120);
      expect(new Set(res.data!.dossiers.nodes.map((n) => n.province))).toEqual(new Set(['province-h56', 'province-h41']));
      expect(res.data!.dossiers.freshness).toEqual({ stale: true, reason: 'UPSTREAM_UNAVAILABLE' });
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('province H48'),
          extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', source: 'province-h48', province: 'H48' }),
        }),
      ]);
      const ready = await fetch(`${gw.url}/readyz`);
      expect(ready.status).toBe(503);
    } finally {
      await gw.close();
    }
  });

  it('answers with the provinces read so far and a coded error naming one still being read for the first time', async () => {
    const gw = await startTestGateway({ procedures: 60, dossiersPerProvince: 40, timeoutMs: 8000, dossiersWaitMs: 300, waitForSources: false });
    try {
      gw.provinces[2]!.setFault({ mode: 'hang' });
      await gw.running.sources.catalogue.whenLoaded(10_000);
      // The other two provinces answer quickly; wait until both are in.
      for (let i = 0; i < 50 && (await gw.running.sources.dossiers.provinces()).filter((p) => p.loaded).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      const res = await gw.as('national-portal-sync').graphql<ListAnswer>(LIST);
      expect(res.data!.dossiers.totalCount).toBe(80);
      expect(res.data!.dossiers.freshness).toEqual({ stale: true, reason: 'UPSTREAM_TIMEOUT' });
      expect(res.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('still being read'), extensions: expect.objectContaining({ code: 'UPSTREAM_TIMEOUT', source: 'province-h48' }) })]);
    } finally {
      gw.provinces[2]!.setFault({ mode: 'none' });
      await gw.close();
    }
  });

  describe('after it was read once', () => {
    let gw: TestGateway;
    beforeAll(async () => {
      // Long enough for the healthy provinces on a loaded machine; the hanging one costs this much per read.
      gw = await startTestGateway({ procedures: 120, dossiersPerProvince: 60, timeoutMs: 3000 });
    });
    afterAll(() => gw.close());

    it('keeps its last copy, flagged stale with the error naming it, next to the others\' fresh data', async () => {
      gw.provinces[1]!.setFault({ mode: 'hang' });
      await gw.running.sources.dossiers.syncAll();
      const res = await gw.as('national-portal-sync').graphql<ListAnswer>(LIST);
      expect(res.data!.dossiers.totalCount).toBe(180);
      expect(res.data!.dossiers.freshness).toEqual({ stale: true, reason: 'UPSTREAM_TIMEOUT' });
      expect(res.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UPSTREAM_TIMEOUT', source: 'province-h41', servedStale: true }) })]);

      const code = gw.provinces[1]!.dossiers[0]!.code;
      const one = await gw.as('national-portal-sync').graphql<{ dossier: { code: string; freshness: { stale: boolean; reason: string } } }>(/* GraphQL */ `query($c: ID!) { dossier(code: $c) { code freshness { stale reason } } }`, { c: code });
      expect(one.data!.dossier).toEqual({ code, freshness: { stale: true, reason: 'UPSTREAM_TIMEOUT' } });
      expect(one.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', source: 'province-h41', servedStale: true });

      gw.provinces[1]!.setFault({ mode: 'none' });
      await gw.running.sources.dossiers.syncAll();
      const healed = await gw.as('national-portal-sync').graphql<ListAnswer>(LIST);
      expect(healed.errors).toBeUndefined();
      expect(healed.data!.dossiers.freshness.stale).toBe(false);
    });
  });
});
