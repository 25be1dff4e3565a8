import { startNationalProceduresSimulator, type NationalProceduresSimulator } from '../../../simulators/national-procedures';
import { defineConnectorContractTests } from '../../kit/testing/define-connector-contract-tests';
import { createNationalProceduresConnector, type NationalProceduresConnector } from '..';

const credentials = { username: 'u', password: 'p', dstcode: 'VN:GOV:000.00.00.G22:vpcpdvcprovider' };

defineConnectorContractTests('national-procedures', async ({ timeoutMs, resilience }) => {
  const sim = await startNationalProceduresSimulator({ procedures: 50, seed: 3, ...credentials });
  const connector = createNationalProceduresConnector({ url: sim.url, ...credentials, timeoutMs, resilience });
  let wrongService = false;
  return {
    sim,
    connector,
    read: async () => {
      if (wrongService) {
        wrongService = false;
        // The adapter answers a call without a calling agency (madonvi) with its own error_code.
        const broken = createNationalProceduresConnector({ url: sim.url, ...credentials, madonvi: ' ', timeoutMs });
        try {
          return await broken.listSectors();
        } finally {
          await broken.close();
        }
      }
      return connector.listSectors();
    },
    provokeSourceError: () => {
      wrongService = true;
    },
    close: async () => {
      await connector.close();
      await sim.close();
    },
  };
});

describe('national procedures connector', () => {
  let sim: NationalProceduresSimulator;
  let connector: NationalProceduresConnector;
  beforeAll(async () => {
    sim = await startNationalProceduresSimulator({ procedures: 60, seed: 11, ...credentials });
    connector = createNationalProceduresConnector({ url: sim.url, ...credentials, timeoutMs: 2000 });
  });
  afterAll(async () => {
    await connector.close();
    await sim.close();
  });

  it('lists every procedure code and name the source publishes', async () => {
    const summaries = await connector.listProcedureSummaries();
    expect(summaries.map((s) => s.code).sort()).toEqual(sim.data.procedures.map((p) => p.MATTHC.trim()).sort());
  });

  it('reads a full procedure and maps it from the UPPERCASE record', async () => {
    const raw = sim.data.procedures.find((p) => p.MATTHC === '1.001612')!;
    const record = await connector.getProcedure('1.001612');
    expect(record).toMatchObject({ code: '1.001612', name: raw.TENTTHC.trim(), published: true });
    expect(record!.channels.length).toBe((raw.CACHTHUCTHUCHIEN ?? []).length);
    expect(record!.implementingAgencies.map((a) => a.code)).toEqual((raw.COQUANTHUCHIEN ?? []).map((a) => a.MADONVI).filter(Boolean));
  });

  it('reads a procedure by its local variant code, and answers null for an unknown or unresolvable code', async () => {
    await expect(connector.getProcedure('1.001612.000.00.00.H56')).resolves.toMatchObject({ code: '1.001612' });
    await expect(connector.getProcedure('9.999999')).resolves.toBeNull();
    await expect(connector.getProcedure('not-a-code')).resolves.toBeNull();
  });

  it('logs in once for many concurrent calls', async () => {
    const fresh = createNationalProceduresConnector({ url: sim.url, ...credentials });
    sim.resetStats();
    await Promise.all([fresh.listSectors(), fresh.listAgencies(), fresh.listSectors(), fresh.getProcedure('1.001612')]);
    expect(sim.stats.byOperation.login).toBe(1);
    await fresh.close();
  });

  it('logs in again when the session expires and retries the call once', async () => {
    await connector.listSectors();
    sim.expireSessions();
    sim.resetStats();
    const sectors = await connector.listSectors();
    expect(sectors.length).toBe(sim.data.sectors.length);
    expect(sim.stats.byOperation.login).toBe(1);
    expect(sim.stats.byOperation.LayDanhMucLinhVuc).toBe(2);
  });

  it('sends the routing code as a query parameter when configured so', async () => {
    const viaQuery = createNationalProceduresConnector({ url: sim.url, ...credentials, dstcodeIn: 'query' });
    await expect(viaQuery.listSectors()).resolves.toHaveLength(sim.data.sectors.length);
    await viaQuery.close();
  });

  it('reports UPSTREAM_AUTH_FAILED when the credentials are refused, without caching the failure', async () => {
    const wrong = createNationalProceduresConnector({ url: sim.url, ...credentials, password: 'wrong' });
    await expect(wrong.listSectors()).rejects.toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', extensions: { source: 'national-procedures', upstreamCode: '1' } });
    sim.resetStats();
    await expect(wrong.listSectors()).rejects.toMatchObject({ code: 'UPSTREAM_AUTH_FAILED' });
    expect(sim.stats.byOperation.login).toBe(1);
    await wrong.close();
  });
});
