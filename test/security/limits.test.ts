import { startTestGateway, type TestGateway } from '../utils/gateway';
import { auditOf, newRequestId } from './audit-of';

/**
 * Fifteen aliases of one dossier page with steps, procedure and agency, as in the attack
 * of issue 9. Its cost by the gateway's rule (a leaf 1; an object 2 plus 1.5 times its
 * children, all times its page size):
 *   steps { handler content } = 2 + 1.5 × 2 = 5, and so procedure { code name } and agency { code name }
 *   nodes = 2 + 1.5 × (1 + 5 + 5 + 5) = 26
 *   dossiers(first: n) = (2 + 1.5 × 26) × n = 41n, and fifteen of them 615n.
 * So n = 32 costs 19,680 (under 20,000), n = 33 costs 20,295 and n = 100 costs 61,500.
 */
const DOSSIER_BOMB = (first: string) => `query Bomb${first.startsWith('$') ? '($n: Int)' : ''} { ${Array.from({ length: 15 }, (_, i) => `d${i}: dossiers(first: ${first}) { nodes { code steps { handler content } procedure { code name } agency { code name } } }`).join(' ')} }`;

const limitOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions;

describe('query limits with the default settings', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 60, dossiersPerProvince: 40 });
  });
  afterAll(() => gw.close());

  describe('the cost of an operation', () => {
    it('counts a page size given in a variable as its value', async () => {
      for (const [n, cost] of [[33, 20_295], [100, 61_500]] as const) {
        const res = await gw.graphql(DOSSIER_BOMB('$n'), { n });
        expect(res.status).toBe(400);
        expect(res.data).toBeUndefined();
        expect(res.errors).toEqual([{ message: `Query cost limit of 20000 exceeded, found ${cost}.`, extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxCost' } }]);
      }
    });

    it('counts a literal page size the same way', async () => {
      const res = await gw.graphql(DOSSIER_BOMB('100'));
      expect(res.errors).toEqual([{ message: 'Query cost limit of 20000 exceeded, found 61500.', extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxCost' } }]);
    });

    it('lets the same operation through when its variables keep it under the limit', async () => {
      // The national sync reads every province: the one caller for whom the whole page is there to be served.
      const res = await gw.as('national-portal-sync').graphql<Record<string, { nodes: unknown[] }>>(DOSSIER_BOMB('$n'), { n: 32 });
      expect(res.errors).toBeUndefined();
      expect(Object.keys(res.data!)).toHaveLength(15);
      expect(res.data!.d0!.nodes).toHaveLength(32);
    });
  });

  it('judges one operation by each request\'s own variables, in any order, with an absent variable taking its default', async () => {
    // Verdicts are kept per operation and variables: the same text with other values must never get another request's verdict.
    // By the rule above: n = 32 costs 19,680, n = 33 costs 20,295; absent, $n is 100 (61,500); null leaves the
    // field's own default page size, 20 (12,300); n = 1 costs 615.
    const sync = gw.as('national-portal-sync');
    const query = /* GraphQL */ `query Paged($n: Int = 100) { ${Array.from({ length: 15 }, (_, i) => `d${i}: dossiers(first: $n) { nodes { code steps { handler content } procedure { code name } agency { code name } } }`).join(' ')} }`;
    for (const [variables, refused] of [[{ n: 32 }, false], [{ n: 33 }, true], [{ n: 32 }, false], [{}, true], [{ n: 1 }, false], [{}, true], [{ n: null }, false]] as const) {
      const res = await sync.graphql(query, variables);
      expect([variables, res.status, limitOf(res)?.limit ?? null]).toEqual([variables, refused ? 400 : 200, refused ? 'maxCost' : null]);
    }
  });

  describe('images, which cost the gateway what thousands of fields do', () => {
    // A QR code weighs 1000 (@cost in the schema). nodes { qrCode { mediaType } } = 2 + 1.5 × (1000 + 1.5 × 1) = 1504.25;
    // procedures(first: 100) = (2 + 1.5 × 1504.25) × 100 = 225,837.5, and fifteen aliases fifteen times that.
    it('refuses a page of a hundred PNG QR codes, and fifteen aliases of it, before drawing any (it stalled the loop 45 s)', async () => {
      const page = (alias: string) => `${alias}: procedures(first: 100) { nodes { qrCode(format: PNG) { mediaType } } }`;
      const one = await gw.as('developer').graphql(`{ ${page('p0')} }`);
      expect([one.status, one.errors?.[0]?.message, limitOf(one)]).toEqual([400, 'Query cost limit of 20000 exceeded, found 225837.5.', { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxCost' }]);
      const fifteen = await gw.as('developer').graphql(`{ ${Array.from({ length: 15 }, (_, i) => page(`p${i}`)).join(' ')} }`);
      expect([fifteen.status, limitOf(fifteen)?.limit]).toEqual([400, 'maxCost']);
    });

    it('draws the QR codes of a few procedures, as a page that shows them does', async () => {
      // (2 + 1.5 × 1504.25) × 5 = 11,291.875
      const res = await gw.as('developer').graphql<{ procedures: { nodes: Array<{ qrCode: { mediaType: string } }> } }>(`{ procedures(first: 5) { nodes { qrCode(format: PNG) { mediaType } } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.procedures.nodes.map((n) => n.qrCode.mediaType)).toEqual(Array(5).fill('image/png'));
    });
  });

  describe('the list-size cap in the schema', () => {
    it.each([
      ['dossiers(first:)', /* GraphQL */ `{ dossiers(first: 101) { totalCount } }`, {}, 'Query.dossiers.first'],
      ['dossiers(first:) from a variable', /* GraphQL */ `query($n: Int) { dossiers(first: $n) { totalCount } }`, { n: 101 }, 'Query.dossiers.first'],
      ['procedures(first:)', /* GraphQL */ `{ procedures(first: 101) { totalCount } }`, {}, 'Query.procedures.first'],
      ['agencies(first:)', /* GraphQL */ `{ agencies(first: 101) { totalCount } }`, {}, 'Query.agencies.first'],
      ['documents(first:)', /* GraphQL */ `{ documents(first: 101) { totalCount } }`, {}, 'Query.documents.first'],
      ['auditLog(first:)', /* GraphQL */ `{ auditLog(first: 1001) { totalCount } }`, {}, 'Query.auditLog.first'],
      ['a dossier filter with eleven statuses', /* GraphQL */ `query($f: DossierFilter) { dossiers(filter: $f) { totalCount } }`, { f: { status: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1] } }, 'Query.dossiers.filter.status'],
    ])('refuses %s over its cap with QUERY_LIMIT_EXCEEDED', async (_name, query, variables, argument) => {
      const res = await gw.graphql(query, variables);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      expect(res.errors).toEqual([{ message: expect.stringContaining(`${argument.split('.').slice(2).join('.')}`), extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'listSize', argument } }]);
    });

    it('refuses a document to 501 recipients or with 51 attachments, and sends nothing', async () => {
      const sent = gw.axis.stats.byOperation.sendEdoc ?? 0;
      const send = /* GraphQL */ `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id } }`;
      const base = { from: '000.00.00.G22', number: '1', notation: 'VPCP', subject: 'x', to: ['000.00.00.H41'] };
      const recipients = await gw.graphql(send, { input: { ...base, to: Array.from({ length: 501 }, () => '000.00.00.H41') } });
      expect(limitOf(recipients)).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'listSize', argument: 'Mutation.sendDocument.input.to' });
      const attachment = { name: 'a.txt', contentType: 'text/plain', contentBase64: 'YQ==' };
      const attachments = await gw.graphql(send, { input: { ...base, attachments: Array.from({ length: 51 }, () => attachment) } });
      expect(limitOf(attachments)).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'listSize', argument: 'Mutation.sendDocument.input.attachments' });
      expect(gw.axis.stats.byOperation.sendEdoc ?? 0).toBe(sent);
    });

    it('serves a page at the cap', async () => {
      const res = await gw.as('national-portal-sync').graphql<{ dossiers: { nodes: unknown[] } }>(/* GraphQL */ `{ dossiers(first: 100) { nodes { code } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.dossiers.nodes).toHaveLength(100);
    });
  });

  describe('one coded refusal for every limit', () => {
    const nested = (levels: number): string => (levels === 0 ? 'code' : `relatedProcedures { ${nested(levels - 1)} }`);
    const cases: Array<{ name: string; limit: string; send: (gw: TestGateway, headers: Record<string, string>) => Promise<Response> }> = [
      { name: 'depth', limit: 'maxDepth', send: (g, h) => postJson(g, { query: `{ procedures { nodes { ${nested(9)} } } }` }, h) },
      { name: 'aliases', limit: 'maxAliases', send: (g, h) => postJson(g, { query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: sectors { code }`).join(' ')} }` }, h) },
      { name: 'directives', limit: 'maxDirectives', send: (g, h) => postJson(g, { query: `{ sectors { ${'code @include(if: true) '.repeat(51)}} }` }, h) },
      { name: 'tokens in a POST', limit: 'maxTokens', send: (g, h) => postJson(g, { query: `{ sectors { ${'code '.repeat(2001)}} }` }, h) },
      { name: 'tokens in a GET', limit: 'maxTokens', send: (g, h) => fetch(`${g.url}/graphql?query=${encodeURIComponent(`{ sectors { ${'code '.repeat(2001)}} }`)}`, { headers: { ...h, authorization: g.authorization, 'apollo-require-preflight': 'true' } }) },
      { name: 'cost', limit: 'maxCost', send: (g, h) => postJson(g, { query: DOSSIER_BOMB('$n'), variables: { n: 100 } }, h) },
      { name: 'list size', limit: 'listSize', send: (g, h) => postJson(g, { query: `{ dossiers(first: 500) { totalCount } }` }, h) },
      { name: 'batch', limit: 'batch', send: (g, h) => postJson(g, [{ query: '{ sectors { code } }' }, { query: '{ sectors { code } }' }], h) },
    ];

    it.each(cases)('$name: 400 QUERY_LIMIT_EXCEEDED naming the limit, no syntax error, audited under that code', async ({ limit, send }) => {
      const requestId = newRequestId();
      const res = await send(gw, { 'x-request-id': requestId });
      const body = (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
      expect(res.status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit });
      expect(body.errors![0]!.message).not.toMatch(/Syntax Error/i);
      const entries = await auditOf(gw, requestId);
      expect(entries.map((e) => ({ outcome: e.outcome, errorCodes: e.errorCodes }))).toEqual([{ outcome: 'rejected', errorCodes: ['QUERY_LIMIT_EXCEEDED'] }]);
    });

    it('a body over the size limit: 413 PAYLOAD_TOO_LARGE, audited under that code', async () => {
      const requestId = newRequestId();
      const res = await postJson(gw, { query: '{ sectors { code } }', variables: { pad: 'x'.repeat(1_100_000) } }, { 'x-request-id': requestId });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { errors: Array<{ extensions: unknown }> }).errors[0]!.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
      expect((await auditOf(gw, requestId)).map((e) => e.errorCodes)).toEqual([['PAYLOAD_TOO_LARGE']]);
    });
  });
});

describe('query limits with a low cost limit', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 30, limits: { maxCost: 100 } });
  });
  afterAll(() => gw.close());

  // procedures(first: n) { nodes { code } } costs (2 + 1.5 × (2 + 1.5 × 1)) × n = 7.25n.

  it('refuses a fractional cost with QUERY_LIMIT_EXCEEDED, never a syntax error, and audits it under that code', async () => {
    const requestId = newRequestId();
    const res = await gw.graphql(/* GraphQL */ `{ procedures(first: 14) { nodes { code } } }`, {}, { 'x-request-id': requestId });
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([{ message: 'Query cost limit of 100 exceeded, found 101.5.', extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxCost' } }]);
    expect((await auditOf(gw, requestId)).map((e) => e.errorCodes)).toEqual([['QUERY_LIMIT_EXCEEDED']]);
    const under = await gw.graphql(/* GraphQL */ `{ procedures(first: 13) { nodes { code } } }`);
    expect(under.errors).toBeUndefined();
  });

  it('counts the default page size of a field called without one', async () => {
    const res = await gw.graphql(/* GraphQL */ `{ procedures { nodes { code } } }`);
    expect(res.errors).toEqual([{ message: 'Query cost limit of 100 exceeded, found 145.', extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxCost' } }]);
  });

  it('prices a fragment bomb as the fields it stands for, without expanding it', async () => {
    // F0 spreads F1 twice, F1 spreads F2 twice, … F19 holds { code }: F0 stands for 2^20 codes,
    // and sectors { ...F0 } costs 2 + 1.5 × 2^20 = 1,572,866.
    const fragments = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Sector { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const res = await gw.graphql(`query { sectors { ...F0 } } ${fragments} fragment F20 on Sector { code }`);
    expect(res.errors).toEqual([{ message: 'Query cost limit of 100 exceeded, found 1572866.', extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxCost' } }]);
  });

  it('counts fragments as the fields they stand for', async () => {
    const res = await gw.graphql(/* GraphQL */ `
      query { procedures(first: 14) { ...Page } }
      fragment Page on ProcedureConnection { nodes { ... on Procedure { code } } }
    `);
    expect(res.errors).toEqual([{ message: 'Query cost limit of 100 exceeded, found 101.5.', extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxCost' } }]);
  });
});

function postJson(gw: TestGateway, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: gw.authorization, ...headers }, body: JSON.stringify(body) });
}
