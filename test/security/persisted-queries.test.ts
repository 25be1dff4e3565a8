import { createHash } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../utils/gateway';
import { rawRequest } from './raw-http';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/**
 * Automatic persisted queries (APQ) stay on: a client registers a document with its hash
 * once and then sends only the hash. Whatever the spelling of the request, the stored
 * document runs under the same checks as a document sent in full, for the principal
 * that executes it.
 */
describe('automatic persisted queries', () => {
  let gw: TestGateway;
  let province: string;
  let commune: string;
  let communeCode: string;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 40, dossiersPerProvince: 60 });
    province = `Bearer ${await gw.token({ client_id: 'one-stop-h56', sub: 'province', agency: '000.00.00.H56', scope: 'procedures:read dossiers:read pii:read' })}`;
    communeCode = gw.provinces[0]!.dossiers.find((d) => /^000\.\d\d\.\d\d\.H56$/.test(d.agencyCode) && !d.agencyCode.startsWith('000.00.'))!.agencyCode;
    commune = `Bearer ${await gw.token({ client_id: 'one-stop-h56', sub: 'commune', agency: communeCode, scope: 'procedures:read dossiers:read' })}`;
  });
  afterAll(() => gw.close());

  async function post(body: unknown, authorization?: string): Promise<Answer> {
    const res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(body) });
    return { status: res.status, ...((await res.json()) as Omit<Answer, 'status'>) };
  }

  async function getHashOnly(query: string, headers: Record<string, string>, variables?: unknown): Promise<Answer> {
    const params = new URLSearchParams({ extensions: JSON.stringify(persisted(query)), ...(variables ? { variables: JSON.stringify(variables) } : {}) });
    const res = await rawRequest(gw.url, { target: `/graphql?${params}`, headers: { 'apollo-require-preflight': 'true', ...headers } });
    return { status: res.status, ...(res.json as Omit<Answer, 'status'>) };
  }

  it('runs a stored document only for a caller with a token, whatever the request says it accepts', async () => {
    const query = /* GraphQL */ `query StoredByTheProvince { dossiers(first: 3) { totalCount nodes { code applicant { name idNumber } } } }`;
    const stored = await post({ query, extensions: persisted(query) }, province);
    expect(stored.status).toBe(200);
    expect(stored.errors).toBeUndefined();
    // The attack of issue 9: a "page load" of /graphql carrying only the hash.
    for (const accept of ['application/json, text/html;q=0.1', 'text/html', '*/*']) {
      const res = await getHashOnly(query, { accept });
      expect({ accept, status: res.status, data: res.data, code: res.errors?.[0]?.extensions?.code }).toEqual({ accept, status: 401, data: undefined, code: 'UNAUTHENTICATED' });
    }
    const posted = await post({ extensions: persisted(query) });
    expect(posted.status).toBe(401);
    expect(posted.data).toBeUndefined();
  });

  it('runs a stored document as the principal executing it, never as the one that stored it', async () => {
    const query = /* GraphQL */ `query Mine { dossiers(first: 100) { totalCount nodes { agency { code } applicant { idNumber } } } }`;
    const stored = await post({ query, extensions: persisted(query) }, province);
    expect(stored.errors).toBeUndefined();
    const res = await getHashOnly(query, { authorization: commune });
    expect(res.errors).toBeUndefined();
    const answer = res.data!.dossiers as { totalCount: number; nodes: Array<{ agency: { code: string }; applicant: { idNumber: string | null } }> };
    expect(answer.totalCount).toBe(gw.provinces[0]!.dossiers.filter((d) => d.agencyCode === communeCode).length);
    expect(answer.nodes.every((n) => n.agency.code === communeCode)).toBe(true);
    const ids = new Set(gw.provinces[0]!.dossiers.map((d) => d.applicant.identityNumber));
    expect(answer.nodes.some((n) => n.applicant.idNumber !== null && ids.has(n.applicant.idNumber))).toBe(false);
  });

  it('costs a stored document with the variables of the request that executes it', async () => {
    // The dossier bomb of limits.test.ts: each alias costs 41n, the fifteen 615 for n = 1 and 61,500 for n = 100.
    const query = `query Stored($n: Int) { ${Array.from({ length: 15 }, (_, i) => `d${i}: dossiers(first: $n) { nodes { code steps { handler content } procedure { code name } agency { code name } } }`).join(' ')} }`;
    const small = await post({ query, variables: { n: 1 }, extensions: persisted(query) }, province);
    expect(small.errors).toBeUndefined();
    const big = await post({ variables: { n: 100 }, extensions: persisted(query) }, province);
    expect(big.status).toBe(400);
    expect(big.data).toBeUndefined();
    expect(big.errors).toEqual([{ message: 'Query cost limit of 20000 exceeded, found 61500.', extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxCost' } }]);
    const viaGet = await getHashOnly(query, { authorization: province }, { n: 100 });
    expect(viaGet.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxCost' });
    const capped = await post({ variables: { n: 101 }, extensions: persisted(query) }, province);
    expect(capped.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'listSize', argument: 'Query.dossiers.first' });
  });

  it('never stores a document over the token limit, so its hash alone finds nothing', async () => {
    const query = `{ sectors { ${'code '.repeat(2500)}} }`;
    const refused = await post({ query, extensions: persisted(query) }, province);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxTokens' });
    const hashOnly = await post({ extensions: persisted(query) }, province);
    expect(hashOnly.data).toBeUndefined();
    expect(hashOnly.errors).toEqual([{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);
  });

  it('answers an unknown hash with the code APQ clients wait for, so they send the document', async () => {
    const res = await post({ extensions: persisted('{ sectors { code name } }') }, province);
    expect(res.status).toBe(200);
    expect(res.errors).toEqual([{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);
  });

  it('refuses a hash that does not match the document, and an unknown protocol version, with BAD_REQUEST', async () => {
    const query = '{ sectors { code } }';
    const mismatch = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ sectors { name } }') } } }, province);
    expect({ status: mismatch.status, errors: mismatch.errors }).toEqual({ status: 400, errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }] });
    const version = await post({ query, extensions: { persistedQuery: { version: 2, sha256Hash: sha256(query) } } }, province);
    expect({ status: version.status, errors: version.errors }).toEqual({ status: 400, errors: [{ message: 'Unsupported persisted query version', extensions: { code: 'BAD_REQUEST' } }] });
  });
});
