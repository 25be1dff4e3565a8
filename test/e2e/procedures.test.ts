import { startTestGateway, type Caller, type TestGateway } from '../utils/gateway';

interface ProcedurePage {
  procedures: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    freshness: { stale: boolean; asOf: string | null };
    nodes: Array<{ code: string; name: string; levels: string[]; sectors: Array<{ code: string; name: string | null }> }>;
  };
}

describe('procedures end to end (gateway ↔ national simulator over HTTP), read by a developer\'s application', () => {
  let gw: TestGateway;
  let developer: Caller;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 300 });
    developer = gw.as('developer');
  });
  afterAll(() => gw.close());

  it('answers one procedure by national code with the values the source holds', async () => {
    const raw = gw.national.data.procedures.find((p) => p.MATTHC === '1.001612')!;
    const { data, errors } = await developer.graphql<{ procedure: Record<string, unknown> }>(/* GraphQL */ `
      query { procedure(code: "1.001612") { code name published levels sectors { code name } freshness { stale } } }
    `);
    expect(errors).toBeUndefined();
    expect(data!.procedure).toMatchObject({ code: '1.001612', name: raw.TENTTHC.trim(), published: true, freshness: { stale: false } });
  });

  it('resolves a local variant code to its national procedure', async () => {
    const { data } = await developer.graphql<{ procedure: { code: string } | null }>(/* GraphQL */ `{ procedure(code: "1.003560.000.00.00.H56") { code } }`);
    expect(data!.procedure).toEqual({ code: '1.003560' });
  });

  it('answers null for a code the source does not know, and BAD_USER_INPUT for a code that is not one', async () => {
    const unknown = await developer.graphql<{ procedure: unknown }>(/* GraphQL */ `{ procedure(code: "9.999999") { code } }`);
    expect(unknown.data).toEqual({ procedure: null });
    const bad = await developer.graphql(/* GraphQL */ `{ procedure(code: "khai-sinh") { code } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages through every procedure with cursors, without duplicates or gaps, in code order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 20; page++) {
      const res: { data?: ProcedurePage } = await developer.graphql<ProcedurePage>(
        /* GraphQL */ `query($after: String) { procedures(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { code } } }`,
        { after },
      );
      const conn: ProcedurePage['procedures'] = res.data!.procedures;
      total = conn.totalCount;
      seen.push(...conn.nodes.map((n) => n.code));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    const expected = gw.national.data.procedures.map((p) => p.MATTHC.trim()).sort();
    expect(total).toBe(expected.length);
    expect(seen).toEqual(expected);
  });

  it('pages the procedure catalogue without skipping or repeating while procedures are withdrawn between pages', async () => {
    const codes = (page: { procedures: { nodes: Array<{ code: string }> } }) => page.procedures.nodes.map((n) => n.code);
    const PROCEDURES = /* GraphQL */ `query($after: String) { procedures(first: 40, after: $after) { pageInfo { hasNextPage endCursor } nodes { code } } }`;
    type Page = { procedures: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ code: string }> } };
    const raw = gw.national.data.procedures as Array<{ MATTHC: string }>;
    const kept = [...raw];
    try {
      const first = await developer.graphql<Page>(PROCEDURES, { after: null });
      const seen = codes(first.data!);
      // The source withdraws one procedure already read and one not yet read; the catalogue is refreshed.
      const before = seen[10]!;
      const ahead = raw.map((p) => p.MATTHC.trim()).sort().find((code) => code > seen[seen.length - 1]!)!;
      raw.splice(0, raw.length, ...kept.filter((p) => p.MATTHC.trim() !== before && p.MATTHC.trim() !== ahead));
      await gw.running.sources.catalogue.refresh();

      let after: string | null = first.data!.procedures.pageInfo.endCursor;
      while (after) {
        const page: { data?: Page } = await developer.graphql<Page>(PROCEDURES, { after });
        seen.push(...codes(page.data!));
        after = page.data!.procedures.pageInfo.hasNextPage ? page.data!.procedures.pageInfo.endCursor : null;
      }

      const original = kept.map((p) => p.MATTHC.trim()).sort();
      expect(seen).toEqual(original.filter((code) => code !== ahead));
      expect(seen).toContain(before);
    } finally {
      raw.splice(0, raw.length, ...kept);
      await gw.running.sources.catalogue.refresh();
    }
  });

  it('filters by accent-free text, sector, level and agency as the source data says', async () => {
    const raw = gw.national.data.procedures;
    const sector = raw[0]!.LINHVUCTHUCHIEN![0]!.MALINHVUC;
    const expectedSector = raw.filter((p) => (p.LINHVUCTHUCHIEN ?? []).some((s) => s.MALINHVUC === sector)).length;
    const bySector = await developer.graphql<ProcedurePage>(/* GraphQL */ `query($s: ID) { procedures(filter: {sector: $s}, first: 100) { totalCount nodes { sectors { code } } } }`, { s: sector });
    expect(bySector.data!.procedures.totalCount).toBe(expectedSector);
    expect(bySector.data!.procedures.nodes.every((n) => n.sectors.some((s) => s.code === sector))).toBe(true);

    const byText = await developer.graphql<ProcedurePage>(/* GraphQL */ `{ procedures(filter: {text: "dang ky khai sinh"}, first: 5) { nodes { code name } } }`);
    expect(byText.data!.procedures.nodes.map((n) => n.code)).toContain('1.001612');

    const communes = await developer.graphql<ProcedurePage>(/* GraphQL */ `{ procedures(filter: {level: COMMUNE}, first: 100) { totalCount nodes { levels } } }`);
    const expectedCommune = raw.filter((p) => (p.CAPTHUCHIEN ?? []).some((c) => c.CAPTHUCHIEN.trim() === '3')).length;
    expect(communes.data!.procedures.totalCount).toBe(expectedCommune);
    expect(communes.data!.procedures.nodes.every((n) => n.levels.includes('COMMUNE'))).toBe(true);
  });

  it('refuses a page larger than 100 with QUERY_LIMIT_EXCEEDED and a forged cursor with BAD_USER_INPUT', async () => {
    const big = await developer.graphql(/* GraphQL */ `{ procedures(first: 1000) { totalCount } }`);
    expect(big.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'listSize', argument: 'Query.procedures.first' });
    const forged = await developer.graphql(/* GraphQL */ `{ procedures(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists agencies within a province and walks up to the parent', async () => {
    const { data } = await developer.graphql<{ agencies: { totalCount: number; nodes: Array<{ code: string; level: string; parent: { code: string } | null }> } }>(/* GraphQL */ `
      { agencies(filter: {within: "000.00.00.H48", level: DISTRICT}) { totalCount nodes { code level parent { code name } } } }
    `);
    const expected = gw.national.data.agencies.filter((a) => a.MADONVI.endsWith('.H48') && a.CAPDONVI === '2').length;
    expect(data!.agencies.totalCount).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    for (const agency of data!.agencies.nodes) {
      expect(agency.code.endsWith('.H48')).toBe(true);
      expect(agency.parent?.code).toBe('000.00.00.H48');
    }
  });

  it('lists every sector of the source', async () => {
    const { data } = await developer.graphql<{ sectors: Array<{ code: string }> }>(/* GraphQL */ `{ sectors { code name } }`);
    expect(data!.sectors.map((s) => s.code).sort()).toEqual(gw.national.data.sectors.map((s) => s.MALINHVUC).sort());
  });

  it('answers parse and validation errors with their codes and HTTP 400', async () => {
    const parse = await developer.graphql(`{ procedures(first: 1 { totalCount } }`);
    expect(parse.status).toBe(400);
    expect(parse.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = await developer.graphql(`{ procedures { nope } }`);
    expect(invalid.status).toBe(400);
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers malformed JSON and oversized bodies with coded errors', async () => {
    const malformed = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: developer.authorization }, body: '{"query": "{ sectors { code } }"' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    const huge = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: developer.authorization }, body: JSON.stringify({ query: `{ sectors { code } }`, pad: 'x'.repeat(2_000_000) }) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves GET queries, /healthz and a per-source /readyz', async () => {
    const get = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ sectors { code } }')}`, { headers: { 'apollo-require-preflight': 'true', authorization: developer.authorization } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { data: { sectors: unknown[] } }).data.sectors.length).toBeGreaterThan(0);
    const health = await fetch(`${gw.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${gw.url}/readyz`);
    const body = (await ready.json()) as { status: string; sources: Array<{ source: string; ok: boolean; details: { catalogue: { procedures: number } } }> };
    expect(ready.status).toBe(200);
    expect(body.sources.map((s) => s.source)).toEqual(['national-procedures', 'qlvb-g22', 'qlvb-h41']);
    expect(body.sources.every((s) => s.ok)).toBe(true);
    expect(body.sources[0]!.details.catalogue.procedures).toBe(300);
  });
});
