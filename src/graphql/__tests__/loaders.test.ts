import { createResilience } from '../../../connectors/kit';
import type { NationalProceduresConnector } from '../../../connectors/national-procedures';
import { anonymousPrincipal } from '../../auth';
import { createProcedureCatalogue } from '../../catalogue';
import type { DeliveryEngine } from '../../delivery';
import type { Printing } from '../../printing';
import { createDocumentRegistry } from '../../documents';
import type { DossierPlane } from '../../dossiers';
import type { SyncAdmin } from '../../sync';
import type { ProcedureRecord } from '../../domain/procedure';
import { GatewayError } from '../../errors';
import { createSilentLogger } from '../../log';
import { createContext } from '../context';

function procedure(code: string, related: string[] = []): ProcedureRecord {
  return {
    code, name: `Thủ tục ${code}`, typeCode: 1, published: true, publishingAgencyCode: null, decision: null, levels: ['COMMUNE'],
    sectors: [], requirements: null, keywords: null, description: null, applicantDescription: null, implementingAgencyDescription: null,
    competentAgencyDescription: null, receivingAddress: null, steps: [], channels: [], applicantTypes: [], requiredPapers: [], results: [],
    legalBasis: [], implementingAgencies: [], competentAgencies: [], authorizedAgencies: [], coordinatingAgencies: [],
    relatedProcedures: related.map((c) => ({ code: c, name: null })), interconnectedProcedures: [],
  };
}

/** A connector double that serves records from a map and counts LayThuTuc calls; no network. */
function fakeConnector(records: Record<string, ProcedureRecord | Error>): NationalProceduresConnector & { calls: string[] } {
  const calls: string[] = [];
  return {
    name: 'national-procedures',
    kind: 'national-procedures',
    stats: { requests: 0, failures: 0 },
    resilience: createResilience('national-procedures'),
    calls,
    toNationalCode: (code) => (/^\d\.\d{6}/.exec(code)?.[0] ?? null),
    listProcedureSummaries: async () => Object.keys(records).map((code) => ({ code, name: null })),
    async getProcedure(code) {
      calls.push(code);
      const found = records[code];
      if (found instanceof Error) throw found;
      return found ?? null;
    },
    listAgencies: async () => [],
    listSectors: async () => [],
    checkReady: async () => ({ source: 'national-procedures', kind: 'national-procedures', ok: true, latencyMs: 0 }),
    close: async () => {},
  };
}

function contextFor(connector: NationalProceduresConnector) {
  const catalogue = createProcedureCatalogue({ connector, logger: createSilentLogger(), refreshIntervalSeconds: 0 });
  return { catalogue, ctx: createContext({
      requestId: 't',
      clientIp: null,
      principal: anonymousPrincipal(),
      auditLog: { query: async () => ({ items: [], totalCount: 0, nextCursor: null }) },
      logger: createSilentLogger(),
      sources: { nationalProcedures: connector, catalogue, dossiers: {} as DossierPlane /* the procedure loaders under test never reach it */, syncAdmin: {} as SyncAdmin /* nor this */, printing: {} as Printing /* nor this */, delivery: {} as DeliveryEngine /* nor this */, documents: createDocumentRegistry({ connectors: [], logger: createSilentLogger() }), nationalCodeOf: () => null },
      catalogueWaitMs: 100,
      dossiersWaitMs: 100,
    }) };
}

describe('per-request loaders', () => {
  it('read a procedure missing from the catalogue from the source once, however many times it is asked for', async () => {
    const connector = fakeConnector({ '1.000002': procedure('1.000002') });
    const { ctx } = contextFor(connector);
    const results = await Promise.all([ctx.loaders.procedure.load('1.000002'), ctx.loaders.procedure.load('1.000002'), ctx.loaders.procedure.load('1.000002')]);
    expect(results.map((r) => r?.code)).toEqual(['1.000002', '1.000002', '1.000002']);
    expect(connector.calls).toEqual(['1.000002']);
  });

  it('count a procedure the catalogue lacks as one cache miss, read at once or by batch', async () => {
    const connector = fakeConnector({ '1.000002': procedure('1.000002') });
    const { catalogue, ctx } = contextFor(connector);
    const lookups: string[] = [];
    catalogue.observeLookups((cache, result) => lookups.push(`${cache} ${result}`));
    expect((await ctx.loaders.procedureNow('1.000002'))?.code).toBe('1.000002');
    expect(lookups).toEqual(['procedures miss']);
    expect(connector.calls).toEqual(['1.000002']);
  });

  it('answer one error per failing key and keep the neighbours in a batch', async () => {
    const connector = fakeConnector({
      '1.000001': procedure('1.000001'),
      '1.000002': new GatewayError('UPSTREAM_TIMEOUT', 'slow', { source: 'national-procedures' }),
      '1.000003': procedure('1.000003'),
    });
    const { ctx } = contextFor(connector);
    const results = await ctx.loaders.procedure.loadMany(['1.000001', '1.000002', '1.000003', '1.000004']);
    expect((results[0] as ProcedureRecord).code).toBe('1.000001');
    expect(results[1]).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect((results[2] as ProcedureRecord).code).toBe('1.000003');
    expect(results[3]).toBeNull();
  });

  it('serve the catalogue copy flagged stale, with a warning, when the live read fails', async () => {
    const records: Record<string, ProcedureRecord | Error> = { '1.000001': procedure('1.000001') };
    const connector = fakeConnector(records);
    const { ctx, catalogue } = contextFor(connector);
    await catalogue.refresh();
    records['1.000001'] = new GatewayError('UPSTREAM_UNAVAILABLE', 'down', { source: 'national-procedures' });
    const answer = await ctx.loaders.liveProcedure.load('1.000001');
    expect(answer).toMatchObject({ code: '1.000001', freshness: { stale: true, reason: 'UPSTREAM_UNAVAILABLE' } });
    expect(ctx.warnings).toHaveLength(1);
    expect(ctx.warnings[0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: 'national-procedures', servedStale: true });
  });

  it('fail a live read with its coded error when there is no copy to fall back on', async () => {
    const connector = fakeConnector({ '1.000009': new GatewayError('UPSTREAM_TIMEOUT', 'slow', { source: 'national-procedures' }) });
    const { ctx } = contextFor(connector);
    await expect(ctx.loaders.liveProcedure.load('1.000009')).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(ctx.warnings).toHaveLength(0);
  });

  it('resolve an agency the directory lacks from its code alone', async () => {
    const { ctx } = contextFor(fakeConnector({}));
    await expect(ctx.loaders.agency.load('000.00.53.H48')).resolves.toEqual({ code: '000.00.53.H48', name: null, level: 'DISTRICT' });
  });
});
