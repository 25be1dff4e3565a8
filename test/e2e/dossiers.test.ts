import type { Dossier as SimDossier } from '../../simulators/one-stop';
import { startTestGateway, type Caller, type TestGateway } from '../utils/gateway';

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

const PER_PROVINCE = 500;

// Jurisdictions written out by hand from the agency code groups `L4.L3.L2.L1` (docs/sources.md,
// "Agency codes"), not taken from the gateway's own rule: Thanh Hóa is L1 H56; its city of
// Thanh Hóa L2 41 within it; that city's first ward L3 01 within that.
const IN_THANH_HOA = /^\d{3}\.\d{2}\.\d{2}\.H56$/;
const IN_THANH_HOA_CITY = /^\d{3}\.\d{2}\.41\.H56$/;
const IN_WARD_01 = /^\d{3}\.01\.41\.H56$/;

/** The order the gateway promises, computed from the source's own data: newest first by reception (else submission), ties by code. */
function newestFirst(dossiers: readonly SimDossier[]): string[] {
  const instant = (d: SimDossier) => Date.parse(d.receivedAt ?? d.submittedAt);
  return [...dossiers].sort((a, b) => instant(b) - instant(a) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).map((d) => d.code);
}

describe('dossiers across three provinces of three dialects', () => {
  let gw: TestGateway;
  let all: Array<SimDossier & { dialect: string }>;
  let canonical: Map<string, SimDossier & { dialect: string }>;
  let thanhHoa: SimDossier[];
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 250, dossiersPerProvince: PER_PROVINCE });
    all = gw.provinces.flatMap((sim) => sim.dossiers.map((d) => ({ ...d, dialect: sim.dialect })));
    canonical = new Map(all.map((d) => [d.code, d]));
    thanhHoa = gw.provinces[0]!.dossiers.slice();
  });
  afterAll(() => gw.close());

  /** Every page of a list as `caller`, following the cursors, with the totalCount each page gave. */
  async function readAll(caller: Caller, filter?: Record<string, unknown>, first = 100): Promise<{ nodes: DossierNode[]; totals: number[]; pages: number }> {
    const nodes: DossierNode[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    for (let pages = 1; ; pages += 1) {
      const res: { data?: DossierPage; errors?: unknown[] } = await caller.graphql<DossierPage>(PAGE, { first, after, filter });
      expect(res.errors).toBeUndefined();
      const conn: DossierPage['dossiers'] = res.data!.dossiers;
      totals.push(conn.totalCount);
      nodes.push(...conn.nodes);
      if (!conn.pageInfo.hasNextPage) return { nodes, totals, pages };
      after = conn.pageInfo.endCursor;
    }
  }

  describe('paging with cursors', () => {
    it('lets the national sync page through every dossier of every province in the promised order, none skipped and none repeated', async () => {
      const { nodes, totals, pages } = await readAll(gw.as('national-portal-sync'));

      expect(nodes.map((n) => n.code)).toEqual(newestFirst(all));
      expect(new Set(totals)).toEqual(new Set([PER_PROVINCE * 3]));
      expect(pages).toBe(Math.ceil((PER_PROVINCE * 3) / 100));
      expect(new Set(nodes.map((n) => n.province))).toEqual(new Set(['province-h56', 'province-h41', 'province-h48']));
    });

    it('gives a district officer, page after page of 7, exactly the dossiers of its city and the communes under it, in order', async () => {
      const expected = newestFirst(thanhHoa.filter((d) => IN_THANH_HOA_CITY.test(d.agencyCode)));
      expect(expected.length).toBeGreaterThan(14);

      const { nodes, totals, pages } = await readAll(gw.as('district-officer'), undefined, 7);

      expect(nodes.map((n) => n.code)).toEqual(expected);
      expect(new Set(totals)).toEqual(new Set([expected.length]));
      expect(pages).toBe(Math.ceil(expected.length / 7));
    });

    it('gives the province officer every dossier of Thanh Hóa and none of another province', async () => {
      const { nodes } = await readAll(gw.as('province-officer'), undefined, 50);

      expect(nodes.map((n) => n.code)).toEqual(newestFirst(all.filter((d) => IN_THANH_HOA.test(d.agencyCode))));
      expect(nodes).toHaveLength(PER_PROVINCE);
    });

    it('gives the commune officer its own ward only, with each applicant masked (it has no pii:read)', async () => {
      const own = thanhHoa.filter((d) => IN_WARD_01.test(d.agencyCode));
      expect(own.length).toBeGreaterThan(0);

      const { nodes } = await readAll(gw.as('commune-officer'), undefined, 3);

      expect(nodes.map((n) => n.code)).toEqual(newestFirst(own));
      for (const node of nodes) {
        const { fullName, identityNumber } = canonical.get(node.code)!.applicant;
        const initials = fullName.split(' ').map((word) => `${[...word][0]}***`).join(' ');
        expect(node.applicant).toEqual({ name: initials, idNumber: `${identityNumber.slice(0, 4)}******${identityNumber.slice(-2)}` });
      }
    });
  });

  it('gives the national sync every dossier with the same values in one shape, whatever the dialect, with instants that do not drift', async () => {
    const { nodes } = await readAll(gw.as('national-portal-sync'));
    expect(nodes).toHaveLength(all.length);
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
      if (truth.awaitingExtension && truth.dialect === 'igate') {
        expect(node.status).toMatchObject({ code: null, label: null, vendorCode: '10' });
      } else {
        expect(node.status.code).toBe(truth.status);
      }
    }
  });

  it('resolves a local variant procedure code to the national procedure for the province officer', async () => {
    const variant = thanhHoa.find((d) => d.procedureCode !== d.nationalProcedureCode)!;
    expect(variant).toBeDefined();
    const { data } = await gw.as('province-officer').graphql<{ dossier: DossierNode }>(/* GraphQL */ `query($c: ID!) { dossier(code: $c) { procedureCode procedure { code } } }`, { c: variant.code });
    expect(data!.dossier).toEqual({ procedureCode: variant.procedureCode, procedure: { code: variant.nationalProcedureCode } });
  });

  it('lets the province officer filter by a district with its communes, status, channel and reception dates as the source data says', async () => {
    const from = '2024-01-01T00:00:00+07:00';
    const to = '2026-06-01T00:00:00+07:00';
    const filter = { agency: '000.00.41.H56', status: [4, 9, 10], channel: 'ONLINE', receivedFrom: from, receivedTo: to };
    const expected = thanhHoa.filter(
      (d) =>
        IN_THANH_HOA_CITY.test(d.agencyCode) &&
        [4, 9, 10].includes(d.status) &&
        d.channel === 2 &&
        d.receivedAt !== null &&
        Date.parse(d.receivedAt) >= Date.parse(from) &&
        Date.parse(d.receivedAt) < Date.parse(to),
    );
    expect(expected.length).toBeGreaterThan(0);

    const { nodes, totals } = await readAll(gw.as('province-officer'), filter, 5);

    expect(nodes.map((n) => n.code)).toEqual(newestFirst(expected));
    expect(new Set(totals)).toEqual(new Set([expected.length]));
  });

  it('finds for the province officer the dossiers of a national procedure whatever code variant Thanh Hóa recorded', async () => {
    const variant = thanhHoa.find((d) => d.procedureCode !== d.nationalProcedureCode)!;
    const { nodes } = await readAll(gw.as('province-officer'), { procedure: variant.nationalProcedureCode });
    expect(nodes.map((n) => n.code)).toEqual(newestFirst(thanhHoa.filter((d) => d.nationalProcedureCode === variant.nationalProcedureCode)));
    expect(nodes.some((n) => n.procedureCode === variant.procedureCode)).toBe(true);
  });

  it('makes the same number of upstream calls for a page of 5 and a page of 50 with steps, procedures, agencies and sectors', async () => {
    const nested = /* GraphQL */ `query($first: Int) { dossiers(first: $first) { nodes { code status { code label } steps { handler content } procedure { code name sectors { name } implementingAgencies { name } } sector { name } agency { code name parent { name } } } } }`;
    const calls = async (first: number): Promise<number> => {
      for (const sim of [gw.national, ...gw.provinces]) sim.resetStats();
      const res = await gw.as('province-officer').graphql<{ dossiers: { nodes: unknown[] } }>(nested, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data!.dossiers.nodes).toHaveLength(first);
      return [gw.national, ...gw.provinces].reduce((sum, sim) => sum + sim.stats.requests, 0);
    };
    const small = await calls(5);
    const large = await calls(50);
    expect(large).toBe(small);
  });

  it('computes for Nghệ An\'s officer the published statistics from the source data, counting days in Vietnam time', async () => {
    const officer = await gw.withClaims({ client_id: 'one-stop-h41', sub: 'can-bo-tinh-h41', agency: '000.00.00.H41', scope: 'dossiers:read' });
    const agency = '000.00.00.H41';
    const from = '2024-01-01T00:00:00+07:00';
    const to = '2026-01-01T00:00:00+07:00';
    const { data, errors } = await officer.graphql<{ dossierStatistics: Record<string, number | null> }>(
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

  it('reads one dossier live from its province, with processing steps, for each province\'s own officer, in every dialect', async () => {
    const officers = [
      gw.as('province-officer'),
      await gw.withClaims({ client_id: 'one-stop-h41', sub: 'can-bo-tinh-h41', agency: '000.00.00.H41', scope: 'dossiers:read pii:read' }),
      await gw.withClaims({ client_id: 'one-stop-h48', sub: 'can-bo-tinh-h48', agency: '000.00.00.H48', scope: 'dossiers:read pii:read' }),
    ];
    for (const [index, sim] of gw.provinces.entries()) {
      const truth = sim.dossiers.find((d) => d.steps.length >= 3)!;
      const { data, errors } = await officers[index]!.graphql<{ dossier: { code: string; steps: Array<{ handler: string; content: string; startedAt: string }>; freshness: { stale: boolean } } }>(
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

  it('answers the national sync null for an unknown dossier and for a province that is not configured, and BAD_USER_INPUT for a malformed code', async () => {
    const sync = gw.as('national-portal-sync');
    const res = await sync.graphql<{ a: unknown; b: unknown; c: unknown }>(/* GraphQL */ `{
      a: dossier(code: "000.00.41.H56-200101-9999") { code }
      b: dossier(code: "000.00.41.H41-200101-9999") { code }
      c: dossier(code: "000.00.01.H01-240101-0001") { code }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: null, b: null, c: null });
    const bad = await sync.graphql(/* GraphQL */ `{ dossier(code: "hồ sơ 1") { code } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reports vendor statuses the configured table does not map, in /readyz', async () => {
    const ready = (await (await fetch(`${gw.url}/readyz`)).json()) as { sources: Array<{ source: string; details?: { dossiers?: { unmappedStatuses: Record<string, number> } } }> };
    const igate = ready.sources.find((s) => s.source === 'province-h56')!;
    const expected = thanhHoa.filter((d) => d.awaitingExtension).length;
    expect(expected).toBeGreaterThan(0);
    expect(igate.details!.dossiers!.unmappedStatuses['10']).toBeGreaterThanOrEqual(expected);
  });
});
