import { createNationalProceduresConnector } from '../../../connectors/national-procedures';
import { startNationalProceduresSimulator, type NationalProceduresSimulator } from '../../../simulators/national-procedures';
import { createSilentLogger } from '../../log';
import { createProcedureCatalogue, type CatalogueCache, type CatalogueLookup } from '../procedure-catalogue';

const DSTCODE = 'VN:GOV:000.00.00.G22:vpcpdvcprovider';
let sim: NationalProceduresSimulator;

beforeAll(async () => {
  sim = await startNationalProceduresSimulator({ seed: 5, procedures: 30, dstcode: DSTCODE, username: 'u', password: 'p' });
});
afterAll(() => sim.close());

describe('the catalogue as a cache of reference data', () => {
  it('reports each lookup as a hit, a miss or stale, and flags the copy stale while the source is down or once it is two intervals and a minute old', async () => {
    let clock = Date.parse('2026-11-02T08:00:00+07:00');
    const connector = createNationalProceduresConnector({ url: sim.url, dstcode: DSTCODE, username: 'u', password: 'p', timeoutMs: 2000, resilience: { retries: { count: 0 }, breaker: { enabled: false } } });
    const catalogue = createProcedureCatalogue({ connector, logger: createSilentLogger(), refreshIntervalSeconds: 3600, now: () => clock });
    const seen: Array<[CatalogueCache, CatalogueLookup]> = [];
    catalogue.observeLookups((cache, result) => seen.push([cache, result]));
    try {
      await catalogue.refresh();
      const procedure = sim.data.procedures[3]!.MATTHC.trim();
      const agency = sim.data.agencies[0]!.MADONVI;
      const sector = sim.data.sectors[0]!.MALINHVUC;

      expect(catalogue.getProcedure(procedure)?.code).toBe(procedure);
      expect(catalogue.getAgency(agency)?.code).toBe(agency);
      expect(catalogue.getSector(sector)?.code).toBe(sector);
      expect(catalogue.getAgency('000.99.99.H99')).toBeUndefined();
      expect(seen.splice(0)).toEqual([['procedures', 'hit'], ['agencies', 'hit'], ['sectors', 'hit'], ['agencies', 'miss']]);

      // Two intervals and a minute without a refresh (3600 × 2 + 60 s): still served, flagged stale.
      clock += 7_260_000;
      expect(catalogue.freshness().stale).toBe(false);
      clock += 1;
      expect(catalogue.freshness()).toMatchObject({ stale: true, reason: 'UPSTREAM_TIMEOUT' });
      expect(catalogue.getProcedure(procedure)?.code).toBe(procedure);
      expect(seen.splice(0)).toEqual([['procedures', 'stale']]);

      // A refresh while the source is down keeps the copy, flagged stale with the source's error.
      sim.setFault({ mode: 'fail', status: 503 });
      await catalogue.refresh();
      expect(catalogue.freshness()).toMatchObject({ stale: true, reason: 'UPSTREAM_UNAVAILABLE' });
      expect(catalogue.getAgency(agency)?.code).toBe(agency);
      expect(seen.splice(0)).toEqual([['agencies', 'stale']]);

      // Back: one refresh and it is current again.
      sim.setFault({ mode: 'none' });
      // The failed refresh gave up at its first failure and left its other list calls in flight; a refresh made at once
      // joins those (identical reads share one call) and fails with them. There were three: the third refresh gets through.
      let report = null;
      for (let attempt = 0; attempt < 3 && !report; attempt++) report = await catalogue.refresh();
      expect(report).toMatchObject({ procedures: 30, failed: 0 });
      expect(catalogue.freshness()).toEqual({ stale: false, asOf: new Date(clock), reason: null });
      expect(catalogue.getSector(sector)?.code).toBe(sector);
      expect(seen.splice(0)).toEqual([['sectors', 'hit']]);
    } finally {
      catalogue.stop();
      await connector.close();
    }
  });
});
