import { generateAgencies } from '../../../simulators/national-procedures/generate-agencies';
import { IGATE_STATUS_TABLE, MOTCUA_STATUS_TABLE, SAMPLE_PROCEDURES, SOAP_STATUS_TABLE, startOneStopSimulator, type OneStopDialect, type OneStopSimulator } from '../../../simulators/one-stop';
import type { ResilienceOptions } from '../../kit';
import { defineConnectorContractTests } from '../../kit/testing/define-connector-contract-tests';
import { createOneStopConnector, type OneStopConnector, type OneStopOptions } from '..';
import { readListing, readWindowAndPending } from '../testing/read-listing';

const agencies = generateAgencies(5);
const TABLES = { igate: IGATE_STATUS_TABLE, motcua: MOTCUA_STATUS_TABLE, soap: SOAP_STATUS_TABLE };
const PROVINCE: Record<OneStopDialect, string> = { igate: 'H56', motcua: 'H41', soap: 'H48' };
const everything = { from: new Date('2020-01-01T00:00:00+07:00'), to: new Date('2027-01-01T00:00:00+07:00') };

async function startPair(
  dialect: OneStopDialect,
  { dossiers = 150, timeoutMs = 2000, pageSize = 40, tokenTtlMs, password = 'demo-secret', resilience }: { dossiers?: number; timeoutMs?: number; pageSize?: number; tokenTtlMs?: number; password?: string; resilience?: ResilienceOptions } = {},
) {
  const sim = await startOneStopSimulator({ dialect, provinceCode: PROVINCE[dialect], agencies, procedures: SAMPLE_PROCEDURES, dossiers, seed: 3, tokenTtlMs });
  const common = { name: `province-${PROVINCE[dialect].toLowerCase()}`, province: PROVINCE[dialect], url: sim.url, username: 'lienthong', password, statusTable: { ...TABLES[dialect] }, timeoutMs, pageSize, resilience };
  const options: OneStopOptions = dialect === 'igate' ? { ...common, dialect, ssoUrl: sim.url, clientId: 'lienthong-gateway' } : { ...common, dialect };
  return { sim, connector: createOneStopConnector(options) };
}

for (const dialect of ['igate', 'motcua', 'soap'] as const) {
  defineConnectorContractTests(`one-stop/${dialect}`, async ({ timeoutMs, resilience }) => {
    const { sim, connector } = await startPair(dialect, { dossiers: 30, timeoutMs, resilience });
    return {
      sim,
      connector,
      read: () => readListing(connector, everything),
      close: async () => {
        await connector.close();
        await sim.close();
      },
    };
  }, { sourceErrors: false });
}

describe.each(['igate', 'motcua', 'soap'] as const)('one-stop connector, %s dialect', (dialect) => {
  let sim: OneStopSimulator;
  let connector: OneStopConnector;
  beforeAll(async () => {
    ({ sim, connector } = await startPair(dialect));
  });
  afterAll(async () => {
    await connector.close();
    await sim.close();
  });

  it('lists every dossier of the province over several pages, each once', async () => {
    const dossiers = await readWindowAndPending(connector, everything);
    expect(dossiers.map((d) => d.code).sort()).toEqual(sim.dossiers.map((d) => d.code).sort());
    expect(dossiers.every((d) => d.source === connector.name)).toBe(true);
  });

  it('answers an empty window with no dossiers (on igate, only those no window can find: never received)', async () => {
    const found = await readWindowAndPending(connector, { from: new Date('2001-01-01T00:00:00+07:00'), to: new Date('2001-02-01T00:00:00+07:00') });
    const neverReceived = sim.dossiers.filter((d) => d.receivedAt === null).map((d) => d.code).sort();
    expect(found.map((d) => d.code).sort()).toEqual(dialect === 'igate' ? neverReceived : []);
  });

  it('reads one dossier with its steps, and null for an unknown code', async () => {
    const truth = sim.dossiers.find((d) => d.steps.length >= 2)!;
    const one = await connector.getDossier(truth.code);
    expect(one).toMatchObject({ code: truth.code, receivedAt: truth.receivedAt });
    expect(one!.steps!.map((s) => s.startedAt)).toEqual(truth.steps.map((s) => s.start));
    await expect(connector.getDossier('000.00.41.H56-200101-9999')).resolves.toBeNull();
  });

  it('reports UPSTREAM_AUTH_FAILED when the credentials are refused', async () => {
    const wrong = await startPair(dialect, { dossiers: 5, password: 'wrong' });
    await expect(readListing(wrong.connector, everything)).rejects.toMatchObject({ code: 'UPSTREAM_AUTH_FAILED', extensions: { source: connector.name } });
    await wrong.connector.close();
    await wrong.sim.close();
  });
});

describe('igate token expiry', () => {
  it('gets a new token when the current one expires in the middle of a listing, and loses no page', async () => {
    const { sim, connector } = await startPair('igate', { dossiers: 400, pageSize: 20 });
    try {
      let expired = false;
      const dossiers = await readWindowAndPending(connector, everything, () => {
        if (!expired) {
          sim.expireTokens();
          expired = true;
        }
      });
      expect(expired).toBe(true);
      expect(dossiers).toHaveLength(400);
      expect(sim.stats.byOperation.token).toBeGreaterThanOrEqual(2);
    } finally {
      await connector.close();
      await sim.close();
    }
  });
});
