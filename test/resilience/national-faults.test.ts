import type { TestGateway } from '../utils/gateway';
import { CONNECTIONS, FAULTS, runDrill, startDrillGateway, startTestGateway, drillCaller } from './fault-drill';

describe('when the national procedure database fails', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startDrillGateway();
  });
  afterAll(() => gw.close());

  it.each(FAULTS)('answers the rest in time, serves its procedures from the copy, and recovers, when it $name', async ({ fault, code }) => {
    await runDrill(gw, { sims: [gw.national], failing: ['national-procedures'], fault, code, maxSockets: CONNECTIONS });
  });
});

describe('on a first start with the national procedure database unreachable', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // Nothing listens on port 9: every call is refused. No copy of the catalogue exists yet.
    gw = await startTestGateway({
      procedures: 20,
      dossiersPerProvince: 5,
      waitForSources: false,
      // No retries: a refused call is known at once, inside the 300 ms the catalogue is waited
      // for (retried with back-off, it could still be trying then and answer a timeout).
      national: { url: 'http://127.0.0.1:9', catalogue: { refreshIntervalSeconds: 0, concurrency: 8, waitMs: 300 }, resilience: { retries: { count: 0 } } },
    });
  });
  afterAll(() => gw.close());

  it('answers the catalogue\'s fields null with the error naming the source and each path, and the provinces\' parts in full', async () => {
    const code = gw.provinces[0]!.dossiers[0]!.code;
    const res = await (await drillCaller(gw)).graphql<{ procedures: null; sectors: null; agencies: null; dossier: { code: string } | null }>(
      /* GraphQL */ `query($c: ID!) { procedures(first: 1) { totalCount } sectors { code } agencies(first: 1) { totalCount } dossier(code: $c) { code } }`,
      { c: code },
    );
    expect(res.data).toEqual({ procedures: null, sectors: null, agencies: null, dossier: { code } });
    const failures = (res.errors ?? []).map((e) => [e.path?.[0], e.extensions?.code, e.extensions?.source]).sort();
    expect(failures).toEqual([
      ['agencies', 'UPSTREAM_UNAVAILABLE', 'national-procedures'],
      ['procedures', 'UPSTREAM_UNAVAILABLE', 'national-procedures'],
      ['sectors', 'UPSTREAM_UNAVAILABLE', 'national-procedures'],
    ]);
  });
});
