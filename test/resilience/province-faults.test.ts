import type { TestGateway } from '../utils/gateway';
import { CONNECTIONS, FAULTS, runDrill, startDrillGateway, drillCaller } from './fault-drill';

/** The demo's provinces: name, index among the simulators, and the sockets the gateway may hold to it (iGate's SSO has a pool of two besides the API's). */
const PROVINCES = [
  ['province-h56', 'igate', 0, CONNECTIONS + 2],
  ['province-h41', 'motcua', 1, CONNECTIONS],
  ['province-h48', 'soap', 2, CONNECTIONS],
] as const;

describe('when a province\'s one-stop system fails', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startDrillGateway();
  });
  afterAll(() => gw.close());

  describe.each(PROVINCES)('%s (%s)', (source, _dialect, index, maxSockets) => {
    it.each(FAULTS)('answers everything else in time, names it in the error of its dossiers, and recovers, when it $name', async ({ fault, code }) => {
      await runDrill(gw, { sims: [gw.provinces[index]!], failing: [source], fault, code, maxSockets });
    });
  });

  it('never opens the breaker of a SOAP province over faults that say a dossier does not exist (HTTP 500 with its own error)', async () => {
    const soap = gw.running.sources.connectors.find((c) => c.name === 'province-h48')!;
    const unknown = gw.provinces[2]!.dossiers[0]!.code.replace(/-\d{6}-\d+$/, '-991231-9999');
    gw.provinces[2]!.resetStats();
    // Ten times the four failures that would open it, were the faults counted as failures.
    for (let i = 0; i < 10; i++) {
      const res = await (await drillCaller(gw)).graphql(/* GraphQL */ `query($c: ID!) { dossier(code: $c) { code } }`, { c: unknown });
      expect(res).toMatchObject({ data: { dossier: null } });
      expect(res.errors).toBeUndefined();
    }
    expect(gw.provinces[2]!.stats.requests).toBe(10);
    expect(soap.resilience.state()).toBe('closed');
  });
});
