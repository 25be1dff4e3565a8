import type { Dossier as SimDossier } from '../../simulators/one-stop';
import { startTestGateway, type TestGateway } from '../utils/gateway';

interface DossierNode {
  code: string;
  province: string;
  procedureCode: string | null;
  procedure: { code: string; name: string } | null;
  status: { code: number | null; label: string | null; vendorCode: string };
  channel: string | null;
  submittedAt: string | null;
  receivedAt: string | null;
  appointmentAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  applicant: { name: string | null; idNumber: string | null };
  agency: { code: string } | null;
}

interface DossierPage {
  dossiers: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: DossierNode[] };
}

const PAGE = /* GraphQL */ `
  query Page($first: Int, $after: String, $filter: DossierFilter) {
    dossiers(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        code province procedureCode procedure { code name }
        status { code label vendorCode } channel
        submittedAt receivedAt appointmentAt finishedAt returnedAt
        applicant { name idNumber } agency { code }
      }
    }
  }
`;

const PER_PROVINCE = 250;

describe('dossiers across three provinces of three dialects', () => {
  let gw: TestGateway;
  let canonical: Map<string, SimDossier & { dialect: string }>;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 250, dossiersPerProvince: PER_PROVINCE });
    canonical = new Map(gw.provinces.flatMap((sim) => sim.dossiers.map((d) => [d.code, { ...d, dialect: sim.dialect }] as const)));
  });
  afterAll(() => gw.close());

  async function readAll(filter?: Record<string, unknown>, first = 100): Promise<{ nodes: DossierNode[]; total: number; pages: number }> {
    const nodes: DossierNode[] = [];
    let after: string | null = null;
    let total = -1;
    let pages = 0;
    for (;;) {
      const res: { data?: DossierPage; errors?: unknown[] } = await gw.graphql<DossierPage>(PAGE, { first, after, filter });
      expect(res.errors).toBeUndefined();
      const conn: DossierPage['dossiers'] = res.data!.dossiers;
      if (total === -1) total = conn.totalCount;
      expect(conn.totalCount).toBe(total);
      nodes.push(...conn.nodes);
      pages += 1;
      if (!conn.pageInfo.hasNextPage) return { nodes, total, pages };
      after = conn.pageInfo.endCursor;
    }
  }

  it('pages through every dossier of every province with a cursor, without duplicates or gaps, newest first', async () => {
    const { nodes, total } = await readAll();
    expect(total).toBe(PER_PROVINCE * 3);
    expect(new Set(nodes.map((n) => n.code))).toEqual(new Set(canonical.keys()));
    expect(nodes).toHaveLength(total);
    const dates = nodes.map((n) => n.receivedAt ?? n.submittedAt ?? '');
    for (let i = 1; i < dates.length; i++) expect(dates[i]! <= dates[i - 1]!).toBe(true);
    expect(new Set(nodes.map((n) => n.province))).toEqual(new Set(['province-h56', 'province-h41', 'province-h48']));
  });

  it('gives every dossier the same values in one shape, whatever the dialect, with instants that do not drift', async () => {
    const { nodes } = await readAll();
    for (const node of nodes) {
      const truth = canonical.get(node.code)!;
      expect({ code: node.code, submittedAt: node.submittedAt, receivedAt: node.receivedAt, appointmentAt: node.appointmentAt, finishedAt: node.finishedAt, returnedAt: node.returnedAt }).toEqual({
        code: truth.code,
        submittedAt: truth.submittedAt,
        receivedAt: truth.receivedAt,
        appointmentAt: truth.appointmentAt,
        finishedAt: truth.finishedAt,
        returnedAt: truth.returnedAt,
      });
      expect(node.applicant).toEqual({ name: truth.applicant.fullName, idNumber: truth.applicant.identityNumber });
      expect(node.agency?.code).toBe(truth.agencyCode);
      expect(node.channel).toBe(({ 1: 'IN_PERSON', 2: 'ONLINE', 3: 'POSTAL' } as const)[truth.channel]);
      expect(node.procedureCode).toBe(truth.procedureCode);
      expect(node.procedure?.code).toBe(truth.nationalProcedureCode);
      if ((truth as { awaitingExtension?: boolean }).awaitingExtension && truth.dialect === 'igate') {
        expect(node.status).toMatchObject({ code: null, label: null, vendorCode: '10' });
      } else {
        expect(node.status.code).toBe(truth.status);
      }
    }
  });

  it('resolves a local variant procedure code to the national procedure', async () => {
    const variant = [...canonical.values()].find((d) => d.procedureCode !== d.nationalProcedureCode)!;
    expect(variant).toBeDefined();
    const { data } = await gw.graphql<{ dossier: DossierNode }>(/* GraphQL */ `query($c: ID!) { dossier(code: $c) { procedureCode procedure { code } } }`, { c: variant.code });
    expect(data!.dossier).toEqual({ procedureCode: variant.procedureCode, procedure: { code: variant.nationalProcedureCode } });
  });

  it('filters by agency with subordinates, status, channel and reception dates as the source data says', async () => {
    const district = [...canonical.values()].find((d) => /^000\.00\.\d\d\.H41$/.test(d.agencyCode) === false && d.agencyCode.endsWith('.H41'))!.agencyCode.replace(/^\d{3}\.\d{2}\./, '000.00.');
    const from = '2025-01-01T00:00:00+07:00';
    const to = '2026-01-01T00:00:00+07:00';
    const filter = { agency: district, status: [9, 10], channel: 'ONLINE', receivedFrom: from, receivedTo: to };
    const { nodes, total } = await readAll(filter, 50);
    const expected = [...canonical.values()].filter(
      (d) =>
        d.agencyCode.endsWith(district.slice(7)) &&
        [9, 10].includes(d.status) &&
        d.channel === 2 &&
        d.receivedAt !== null &&
        Date.parse(d.receivedAt) >= Date.parse(from) &&
        Date.parse(d.receivedAt) < Date.parse(to),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(total).toBe(expected.length);
    expect(new Set(nodes.map((n) => n.code))).toEqual(new Set(expected.map((d) => d.code)));
  });

  it('finds the dossiers of a national procedure whatever code variant the province recorded', async () => {
    const variant = [...canonical.values()].find((d) => d.procedureCode !== d.nationalProcedureCode)!;
    const { nodes } = await readAll({ procedure: variant.nationalProcedureCode });
    const expected = [...canonical.values()].filter((d) => d.nationalProcedureCode === variant.nationalProcedureCode);
    expect(new Set(nodes.map((n) => n.code))).toEqual(new Set(expected.map((d) => d.code)));
    expect(nodes.some((n) => n.procedureCode === variant.procedureCode)).toBe(true);
  });

  it('makes the same number of upstream calls for a page of 5 and a page of 50 with steps, procedures, agencies and sectors', async () => {
    const nested = /* GraphQL */ `query($first: Int) { dossiers(first: $first) { nodes { code status { code label } steps { handler content } procedure { code name sectors { name } implementingAgencies { name } } sector { name } agency { code name parent { name } } } } }`;
    const calls = async (first: number): Promise<number> => {
      for (const sim of [gw.national, ...gw.provinces]) sim.resetStats();
      const res = await gw.graphql<{ dossiers: { nodes: unknown[] } }>(nested, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data!.dossiers.nodes).toHaveLength(first);
      return [gw.national, ...gw.provinces].reduce((sum, sim) => sum + sim.stats.requests, 0);
    };
    const small = await calls(5);
    const large = await calls(50);
    expect(large).toBe(small);
  });

  it('computes the published statistics from the source data, counting days in Vietnam time', async () => {
    const agency = '000.00.00.H41';
    const from = '2024-01-01T00:00:00+07:00';
    const to = '2026-01-01T00:00:00+07:00';
    const { data, errors } = await gw.graphql<{ dossierStatistics: Record<string, number | null> }>(
      /* GraphQL */ `query($a: ID!, $f: DateTime!, $t: DateTime!) { dossierStatistics(agency: $a, from: $f, to: $t) { received processed onTime late inProgress overdue onlineRate onTimeRate } }`,
      { a: agency, f: from, t: to },
    );
    expect(errors).toBeUndefined();
    // The simulator writes every instant as ISO with +07:00, so its first ten characters are the Vietnam day.
    const inScope = gw.provinces[1]!.dossiers.filter((d) => d.receivedAt !== null && d.receivedAt >= from && d.receivedAt < to);
    const finished = inScope.filter((d) => d.status === 9 || d.status === 10);
    const day = (instant: string): string => instant.slice(0, 10);
    const late = finished.filter((d) => d.appointmentAt !== null && day((d.finishedAt ?? d.returnedAt)!) > day(d.appointmentAt)).length;
    const open = inScope.filter((d) => [1, 2, 4, 5, 6].includes(d.status));
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(data!.dossierStatistics).toEqual({
      received: inScope.length,
      processed: finished.length,
      onTime: finished.length - late,
      late,
      inProgress: open.length,
      overdue: open.filter((d) => d.appointmentAt !== null && today > day(d.appointmentAt)).length,
      onlineRate: inScope.filter((d) => d.channel === 2).length / inScope.length,
      onTimeRate: (finished.length - late) / finished.length,
    });
    expect(inScope.length).toBeGreaterThan(50);
    expect(late).toBeGreaterThan(0);
  });

  it('reads one dossier live from its province, with processing steps, for every dialect', async () => {
    for (const sim of gw.provinces) {
      const truth = sim.dossiers.find((d) => d.steps.length >= 3)!;
      const { data, errors } = await gw.graphql<{ dossier: { code: string; steps: Array<{ handler: string; content: string; startedAt: string }>; freshness: { stale: boolean } } }>(
        /* GraphQL */ `query($c: ID!) { dossier(code: $c) { code steps { handler content startedAt } freshness { stale } } }`,
        { c: truth.code },
      );
      expect(errors).toBeUndefined();
      expect(data!.dossier.code).toBe(truth.code);
      expect(data!.dossier.steps.map((s) => s.handler)).toEqual(truth.steps.map((s) => s.handler));
      expect(data!.dossier.steps.map((s) => s.startedAt)).toEqual(truth.steps.map((s) => s.start));
      expect(data!.dossier.freshness.stale).toBe(false);
    }
  });

  it('answers null for an unknown dossier and for a province that is not configured, and BAD_USER_INPUT for a malformed code', async () => {
    const res = await gw.graphql<{ a: unknown; b: unknown; c: unknown }>(/* GraphQL */ `{
      a: dossier(code: "000.00.41.H56-200101-9999") { code }
      b: dossier(code: "000.00.41.H41-200101-9999") { code }
      c: dossier(code: "000.00.01.H01-240101-0001") { code }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: null, b: null, c: null });
    const bad = await gw.graphql(/* GraphQL */ `{ dossier(code: "hồ sơ 1") { code } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reports vendor statuses the configured table does not map, in /readyz', async () => {
    const ready = (await (await fetch(`${gw.url}/readyz`)).json()) as { sources: Array<{ source: string; details?: { dossiers?: { unmappedStatuses: Record<string, number> } } }> };
    const igate = ready.sources.find((s) => s.source === 'province-h56')!;
    const expected = gw.provinces[0]!.dossiers.filter((d) => (d as { awaitingExtension?: boolean }).awaitingExtension).length;
    expect(expected).toBeGreaterThan(0);
    expect(igate.details!.dossiers!.unmappedStatuses['10']).toBeGreaterThanOrEqual(expected);
  });
});
