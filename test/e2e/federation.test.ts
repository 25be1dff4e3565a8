import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Dossier as SimDossier } from '../../simulators/one-stop';
import { startTestGateway, type Caller, type GraphQLResult, type TestGateway } from '../utils/gateway';

// Jurisdictions written out by hand from the agency code groups `L4.L3.L2.L1`
// (docs/sources.md, "Agency codes"): Thanh Hóa is L1 H56, its city L2 41, that city's first
// ward L3 01; Nghệ An is L1 H41.
const IN_THANH_HOA_CITY = /^\d{3}\.\d{2}\.41\.H56$/;
const IN_WARD_01 = /^\d{3}\.01\.41\.H56$/;

const PER_PROVINCE = 300;

interface ProvinceAnswer {
  code: string;
  agency: { code: string };
  dossiers: { totalCount: number; nodes: Array<{ code: string; province: string; agency: { code: string } | null; applicant: { name: string | null; idNumber: string | null } }> };
}

/** One operation over both provinces: each part goes to the gateway that holds it. */
const BOTH_PROVINCES = /* GraphQL */ `
  query BothProvinces {
    h56: provinceH56 { code agency { code } dossiers(first: 100) { totalCount nodes { code province agency { code } applicant { name idNumber } } } }
    h41: provinceH41 { code agency { code } dossiers(first: 100) { totalCount nodes { code province agency { code } applicant { name idNumber } } } }
    procedures(first: 3) { totalCount nodes { code name } }
  }
`;

/** The national router: Apollo Gateway composing the two provincial gateways, forwarding the caller's token. */
async function startRouter(subgraphs: Array<{ name: string; url: string }>, composeAs: Caller): Promise<{ url: string; stop(): Promise<void> }> {
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs, introspectionHeaders: { authorization: composeAs.authorization } }),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<{ authorization?: string }>({
        url,
        willSendRequest({ request, context }) {
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
        },
      }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { host: '127.0.0.1', port: 0 },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return { url, stop: () => server.stop() };
}

/** Posts one operation to the router as `caller`. */
async function viaRouter<T>(routerUrl: string, caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> {
  const res = await fetch(routerUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: caller.authorization }, body: JSON.stringify({ query, variables }) });
  return { ...((await res.json()) as GraphQLResult<T>), status: res.status };
}

describe('federation: a national router composing two provincial gateways', () => {
  let thanhHoa: TestGateway;
  let ngheAn: TestGateway;
  let router: { url: string; stop(): Promise<void> };
  let h56: SimDossier[];
  let h41: SimDossier[];

  beforeAll(async () => {
    // Thanh Hóa's gateway (iGate) and Nghệ An's (motcua), each in front of its own province's simulator.
    thanhHoa = await startTestGateway({ dossiersPerProvince: PER_PROVINCE, provinceCodes: ['H56'], server: { federation: true } });
    // Nghệ An's gateway trusts the same identity provider, as gateways of one national SSO do.
    const { iss, aud } = thanhHoa.as('developer').claims as { iss: string; aud: string };
    ngheAn = await startTestGateway({
      dossiersPerProvince: PER_PROVINCE,
      provinceCodes: ['H41'],
      server: { federation: true },
      auth: { issuer: iss, audience: aud, jwks: { keys: thanhHoa.publicJwks.keys } },
    });
    h56 = thanhHoa.provinces.find((p) => p.provinceCode === 'H56')!.dossiers.slice();
    h41 = ngheAn.provinces.find((p) => p.provinceCode === 'H41')!.dossiers.slice();
    // The router composes as an application that may read public procedure data only.
    router = await startRouter(
      [
        { name: 'thanh-hoa', url: `${thanhHoa.url}/graphql` },
        { name: 'nghe-an', url: `${ngheAn.url}/graphql` },
      ],
      thanhHoa.as('developer'),
    );
  }, 120_000);
  afterAll(async () => {
    await router?.stop();
    await thanhHoa?.close();
    await ngheAn?.close();
  });

  it('answers one query spanning both provinces for the national sync, each province from its own gateway', async () => {
    const res = await viaRouter<{ h56: ProvinceAnswer; h41: ProvinceAnswer; procedures: { totalCount: number } }>(router.url, thanhHoa.as('national-portal-sync'), BOTH_PROVINCES);

    expect(res.errors).toBeUndefined();
    const { h56: a, h41: b } = res.data!;
    expect([a.code, a.agency.code, b.code, b.agency.code]).toEqual(['H56', '000.00.00.H56', 'H41', '000.00.00.H41']);
    expect(a.dossiers.totalCount).toBe(h56.length);
    expect(b.dossiers.totalCount).toBe(h41.length);
    expect(new Set(a.dossiers.nodes.map((n) => n.province))).toEqual(new Set(['province-h56']));
    expect(new Set(b.dossiers.nodes.map((n) => n.province))).toEqual(new Set(['province-h41']));
    // The national sync holds pii:read: applicants as the provinces recorded them.
    const truth = new Map([...h56, ...h41].map((d) => [d.code, d.applicant]));
    for (const node of [...a.dossiers.nodes, ...b.dossiers.nodes]) {
      expect(node.applicant).toEqual({ name: truth.get(node.code)!.fullName, idNumber: truth.get(node.code)!.identityNumber });
    }
    // National data answers once, from either gateway: both read the same national database.
    expect(res.data!.procedures.totalCount).toBe(thanhHoa.national.data.procedures.length);
  });

  it("gives a district officer of Thanh Hóa its own city's dossiers through the router, and nothing of Nghệ An", async () => {
    const own = h56.filter((d) => IN_THANH_HOA_CITY.test(d.agencyCode));
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(Math.min(h56.length, 100));

    const res = await viaRouter<{ h56: ProvinceAnswer; h41: ProvinceAnswer }>(router.url, thanhHoa.as('district-officer'), BOTH_PROVINCES);

    expect(res.errors).toBeUndefined();
    expect(res.data!.h56.dossiers.totalCount).toBe(own.length);
    expect(res.data!.h56.dossiers.nodes.map((n) => n.code).sort()).toEqual(own.map((d) => d.code).sort());
    expect(res.data!.h41.dossiers).toEqual({ totalCount: 0, nodes: [] });

    // Asked by code, a Nghệ An dossier answers as if it did not exist.
    const byCode = await viaRouter<{ provinceH41: { dossier: unknown } }>(router.url, thanhHoa.as('district-officer'), /* GraphQL */ `
      query ($code: ID!) { provinceH41 { dossier(code: $code) { code } } }
    `, { code: h41[0]!.code });
    expect(byCode.errors).toBeUndefined();
    expect(byCode.data!.provinceH41.dossier).toBeNull();
  });

  it('masks personal data through the router for the commune officer, who lacks pii:read', async () => {
    const own = new Map(h56.filter((d) => IN_WARD_01.test(d.agencyCode)).map((d) => [d.code, d.applicant]));
    expect(own.size).toBeGreaterThan(0);

    const res = await viaRouter<{ h56: ProvinceAnswer }>(router.url, thanhHoa.as('commune-officer'), /* GraphQL */ `
      query Ward { h56: provinceH56 { dossiers(first: 100) { totalCount nodes { code applicant { name idNumber } } } } }
    `);

    expect(res.errors).toBeUndefined();
    expect(res.data!.h56.dossiers.totalCount).toBe(own.size);
    for (const node of res.data!.h56.dossiers.nodes) {
      const { fullName, identityNumber } = own.get(node.code)!;
      const initials = fullName.split(' ').map((word) => `${[...word][0]}***`).join(' ');
      expect(node.applicant).toEqual({ name: initials, idNumber: `${identityNumber.slice(0, 4)}******${identityNumber.slice(-2)}` });
    }
  });

  it("hides each gateway's own root fields and mutations from the router, which serves the national data and the province fields", async () => {
    const res = await viaRouter<{ __schema: { queryType: { fields: Array<{ name: string }> }; mutationType: unknown } }>(router.url, thanhHoa.as('developer'), /* GraphQL */ `
      { __schema { queryType { fields { name } } mutationType { name } } }
    `);

    expect(res.data!.__schema.queryType.fields.map((f) => f.name).sort()).toEqual(['agencies', 'agency', 'procedure', 'procedures', 'provinceH41', 'provinceH56', 'sectors']);
    expect(res.data!.__schema.mutationType).toBeNull();
  });

  it('refuses the router a request without a token at each gateway, as any other', async () => {
    const res = await fetch(router.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: BOTH_PROVINCES }) });
    const body = (await res.json()) as GraphQLResult<{ h56: unknown; h41: unknown }>;

    expect(body.data?.h56 ?? null).toBeNull();
    expect(body.data?.h41 ?? null).toBeNull();
    expect(body.errors!.length).toBeGreaterThan(0);
  });

  it("narrows each province field to its province: another province's agency is refused, and its own answers as the root field does", async () => {
    const district = thanhHoa.as('district-officer');
    const period = { from: '2020-01-01T00:00:00+07:00', to: '2027-01-01T00:00:00+07:00' };

    const res = await district.graphql<{ root: unknown; narrowed: { stats: unknown } }>(/* GraphQL */ `
      query ($from: DateTime!, $to: DateTime!) {
        root: dossierStatistics(agency: "000.00.41.H56", from: $from, to: $to) { received processed onTime late }
        narrowed: provinceH56 { stats: dossierStatistics(agency: "000.00.41.H56", from: $from, to: $to) { received processed onTime late } }
      }
    `, period);
    const elsewhere = await district.graphql(/* GraphQL */ `
      { provinceH56 { dossiers(filter: { agency: "000.00.00.H41" }) { totalCount } } }
    `);

    expect(res.errors).toBeUndefined();
    expect(res.data!.narrowed.stats).toEqual(res.data!.root);
    expect((res.data!.root as { received: number }).received).toBe(h56.filter((d) => IN_THANH_HOA_CITY.test(d.agencyCode) && d.receivedAt !== null).length);
    expect(elsewhere.errors!.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers no inline trace (per-resolver timings, unmasked errors) to a caller asking for one', async () => {
    const res = await thanhHoa.as('developer').fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-federation-include-trace': 'ftv1' },
      body: JSON.stringify({ query: /* GraphQL */ `{ procedures(first: 1) { totalCount } }` }),
    });
    const body = (await res.json()) as { data?: unknown; extensions?: Record<string, unknown> };

    expect(body.data).toBeDefined();
    expect(body.extensions?.ftv1).toBeUndefined();
  });

  describe('the _entities a router sends, straight to a gateway', () => {
    const ENTITIES = /* GraphQL */ `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Dossier { code applicant { name } }
          ... on Procedure { code title: name }
          ... on Agency { code name }
        }
      }
    `;

    it("resolves dossiers under the caller's own jurisdiction: another district's answers null, as if it did not exist", async () => {
      const own = h56.find((d) => IN_THANH_HOA_CITY.test(d.agencyCode))!;
      const other = h56.find((d) => !IN_THANH_HOA_CITY.test(d.agencyCode))!;

      const res = await thanhHoa.as('district-officer').graphql<{ _entities: Array<{ code: string; applicant: { name: string } } | null> }>(ENTITIES, {
        representations: [
          { __typename: 'Dossier', code: own.code },
          { __typename: 'Dossier', code: other.code },
          { __typename: 'Dossier', code: h41[0]!.code },
        ],
      });

      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual([{ code: own.code, applicant: { name: own.applicant.fullName } }, null, null]);
    });

    it('masks the applicant of a dossier entity for the commune officer', async () => {
      const own = h56.find((d) => IN_WARD_01.test(d.agencyCode))!;
      const initials = own.applicant.fullName.split(' ').map((word) => `${[...word][0]}***`).join(' ');

      const res = await thanhHoa.as('commune-officer').graphql<{ _entities: Array<{ applicant: { name: string } }> }>(ENTITIES, { representations: [{ __typename: 'Dossier', code: own.code }] });

      expect(res.data!._entities[0]!.applicant.name).toBe(initials);
    });

    it('refuses dossier entities to a caller without dossiers:read, and answers it the public procedure and agency ones', async () => {
      const procedure = thanhHoa.national.data.procedures[0]!;
      const agency = thanhHoa.national.data.agencies[0]!;

      const res = await thanhHoa.as('developer').graphql<{ _entities: Array<{ code: string; title?: string; name?: string } | null> }>(ENTITIES, {
        representations: [
          { __typename: 'Dossier', code: h56[0]!.code },
          { __typename: 'Procedure', code: procedure.MATTHC.trim() },
          { __typename: 'Agency', code: agency.MADONVI.trim() },
        ],
      });

      expect(res.data!._entities[0]).toBeNull();
      expect(res.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 0], 'FORBIDDEN']]);
      expect(res.data!._entities[1]).toEqual({ code: procedure.MATTHC.trim(), title: procedure.TENTTHC.trim() });
      expect(res.data!._entities[2]!.code).toBe(agency.MADONVI.trim());
    });

    it('answers 401 to _entities and _service without a token', async () => {
      const entities = await thanhHoa.withAuthorization('').graphql(ENTITIES, { representations: [{ __typename: 'Dossier', code: h56[0]!.code }] });
      const service = await thanhHoa.withAuthorization('').graphql(/* GraphQL */ `{ _service { sdl } }`);

      expect([entities.status, service.status]).toEqual([401, 401]);
      expect([entities.data, service.data]).toEqual([undefined, undefined]);
    });

    it('refuses more representations than one page of results could need', async () => {
      const representations = Array.from({ length: 501 }, () => ({ __typename: 'Agency', code: '000.00.00.H56' }));

      const res = await thanhHoa.as('developer').graphql(ENTITIES, { representations });

      expect(res.status).toBe(400);
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'listSize', argument: 'Query._entities.representations' });
    });

    it('refuses a representation without its key with a coded error, its neighbours still answered', async () => {
      const res = await thanhHoa.as('district-officer').graphql<{ _entities: unknown[] }>(ENTITIES, {
        representations: [{ __typename: 'Dossier' }, { __typename: 'Agency', code: '000.00.41.H56' }],
      });

      expect(res.data!._entities[0]).toBeNull();
      expect(res.errors!.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 0], 'BAD_USER_INPUT']]);
      expect(res.data!._entities[1]).toMatchObject({ code: '000.00.41.H56' });
    });
  });
});
