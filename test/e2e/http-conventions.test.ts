import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serverAudits } from 'graphql-http';
import { request } from 'undici';
import { startTestGateway, type TestGateway } from '../utils/gateway';

const SECTORS = /* GraphQL */ `{ sectors { code name } }`;

describe('GraphQL over HTTP, as the spec says (graphql-http audits, with a token on every request)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 20 });
  });
  afterAll(() => gw.close());

  // The audits call fetch themselves; every request must carry a token, as every client's does.
  const withToken = (input: RequestInfo | URL, init: RequestInit = {}) => fetch(input, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: gw.authorization } });
  for (const audit of serverAudits({ url: () => `${gw.url}/graphql`, fetchFn: withToken })) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      // MUST, SHOULD and MAY alike: anything but ok names what the server answered.
      expect({ status: result.status, reason: result.status === 'ok' ? undefined : result.reason }).toEqual({ status: 'ok', reason: undefined });
    });
  }
});

describe('HTTP conventions of /graphql', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 300 });
  });
  afterAll(() => gw.close());

  const post = (headers: Record<string, string>, body: unknown) =>
    request(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: gw.authorization, ...headers }, body: JSON.stringify(body) });

  it('answers in application/graphql-response+json to a client that accepts it, and in application/json otherwise', async () => {
    const modern = await post({ accept: 'application/graphql-response+json, application/json;q=0.9' }, { query: SECTORS });
    expect(modern.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
    await modern.body.dump();
    const legacy = await post({ accept: 'application/json' }, { query: SECTORS });
    expect(legacy.headers['content-type']).toMatch(/^application\/json/);
    await legacy.body.dump();
  });

  it('answers a document that does not parse with 400 in the GraphQL media type and 200 in legacy JSON, the error in the body either way', async () => {
    for (const [accept, status, type] of [
      ['application/graphql-response+json', 400, 'application/graphql-response+json'],
      ['application/json', 200, 'application/json'],
    ] as const) {
      const res = await post({ accept }, { query: '{ sectors { code ' });
      const body = (await res.body.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
      expect({ status: res.statusCode, type: String(res.headers['content-type']).split(';')[0], code: body.errors[0]!.extensions.code, hasData: 'data' in body }).toEqual({ status, type, code: 'GRAPHQL_PARSE_FAILED', hasData: false });
    }
  });

  it("keeps the gateway's own refusals at their catalogue status in either media type", async () => {
    const deep = `{ procedures { nodes { implementingAgencies { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } } }`;
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const res = await post({ accept }, { query: deep });
      const body = (await res.body.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect({ accept, status: res.statusCode, code: body.errors[0]!.extensions.code }).toEqual({ accept, status: 400, code: 'QUERY_LIMIT_EXCEEDED' });
    }
  });

  it('refuses a subscription sent to /graphql with a coded 400, pointing to /graphql/ws, whatever directives its root field carries', async () => {
    const answer = async (query: string) => {
      const res = await post({ accept: 'application/graphql-response+json' }, { query });
      const body = (await res.body.json()) as { errors?: Array<{ message: string; extensions: { code: string } }> };
      return { status: res.statusCode, code: body.errors?.[0]?.extensions.code, message: body.errors?.[0]?.message };
    };
    expect(await answer(/* GraphQL */ `subscription Changes { dossierStatusChanged { id } }`)).toEqual({ status: 400, code: 'BAD_REQUEST', message: expect.stringContaining('/graphql/ws') });
    expect(await answer(/* GraphQL */ `subscription Maybe($on: Boolean = false) { dossierStatusChanged @include(if: $on) { id } }`)).toEqual({ status: 400, code: 'BAD_REQUEST', message: 'Subscription "Maybe" must not use "@skip" or "@include" directives in the top level selection. Subscriptions are served over WebSocket at /graphql/ws.' });
    // A query beside it in the document: validation reads every operation, so it is refused all the same.
    expect(await answer(/* GraphQL */ `query Sectors { sectors { code } } subscription Maybe($on: Boolean!) { dossierStatusChanged @skip(if: $on) { id } }`)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it('runs queries sent by GET and refuses mutations sent by GET with 405, allowing POST', async () => {
    const query = await request(`${gw.url}/graphql?query=${encodeURIComponent(SECTORS)}`, { headers: { authorization: gw.authorization, accept: 'application/graphql-response+json' } });
    expect(query.statusCode).toBe(200);
    const { data } = (await query.body.json()) as { data: { sectors: unknown[] } };
    expect(data.sectors.length).toBe(gw.national.data.sectors.length);
    const mutation = `mutation { acknowledgeDocument(id: "x", status: "03") { id } }`;
    const refused = await request(`${gw.url}/graphql?query=${encodeURIComponent(mutation)}`, { headers: { authorization: gw.as('province-officer').authorization, accept: 'application/json' } });
    expect(refused.statusCode).toBe(405);
    expect(refused.headers.allow).toBe('POST');
    await refused.body.dump();
  });

  it('refuses a GET query with no token, whatever it asks (a browser never sends a bearer token by itself)', async () => {
    const res = await request(`${gw.url}/graphql?query=${encodeURIComponent(SECTORS)}`, { headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(401);
    await res.body.dump();
  });

  it('compresses a large answer as the client accepts, and sends a small one as it is', async () => {
    const big = /* GraphQL */ `{ procedures(first: 100) { nodes { code name levels sectors { code name } implementingAgencies { code name level } } } }`;
    const plain = await post({ accept: 'application/json' }, { query: big });
    const expected = await plain.body.text();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(expected.length).toBeGreaterThan(10_000);
    for (const [encoding, inflate] of [
      ['gzip', gunzipSync],
      ['br', brotliDecompressSync],
    ] as const) {
      const res = await post({ accept: 'application/json', 'accept-encoding': encoding }, { query: big });
      expect(res.headers['content-encoding']).toBe(encoding);
      const bytes = Buffer.from(await res.body.arrayBuffer());
      expect(bytes.length).toBeLessThan(expected.length / 3);
      expect(JSON.parse(inflate(bytes).toString('utf8'))).toEqual(JSON.parse(expected));
    }
    const small = await post({ accept: 'application/json', 'accept-encoding': 'gzip' }, { query: '{ __typename }' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(await small.body.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('sends the playground gzipped once: it inflates to the page itself', async () => {
    const res = await request(`${gw.url}/`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    const html = gunzipSync(Buffer.from(await res.body.arrayBuffer())).toString('utf8');
    expect(html.trimStart().toLowerCase()).toMatch(/^<!doctype html>/);
  });
});

describe('CORS', () => {
  const ALLOWED = 'https://motcua.thanhhoa.gov.vn';
  let gw: TestGateway;
  let closed: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 20, server: { cors: { origins: [ALLOWED, 'http://localhost:5173/'] } } });
    closed = await startTestGateway({ procedures: 20 });
  });
  afterAll(async () => {
    await gw.close();
    await closed.close();
  });

  const preflight = (url: string, origin: string) =>
    request(`${url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });

  it('answers the preflight of a configured origin, which carries no token, with what it may send', async () => {
    for (const origin of [ALLOWED, 'http://localhost:5173']) {
      const res = await preflight(gw.url, origin);
      expect({ status: res.statusCode, origin: res.headers['access-control-allow-origin'] }).toEqual({ status: 204, origin });
      expect(String(res.headers['access-control-allow-methods'])).toBe('GET, POST');
      expect(String(res.headers['access-control-allow-headers'])).toContain('authorization');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['access-control-max-age']).toBe('600');
      await res.body.dump();
    }
  });

  it('lets a configured origin read answers, and tells no other origin anything', async () => {
    const allowed = await request(`${gw.url}/graphql`, { method: 'POST', headers: { origin: ALLOWED, 'content-type': 'application/json', authorization: gw.authorization }, body: JSON.stringify({ query: SECTORS }) });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(String(allowed.headers['access-control-expose-headers'])).toContain('x-request-id');
    expect(String(allowed.headers.vary)).toMatch(/origin/i);
    await allowed.body.dump();

    const other = await preflight(gw.url, 'https://evil.example');
    expect({ status: other.statusCode, origin: other.headers['access-control-allow-origin'] }).toEqual({ status: 404, origin: undefined });
    expect(((await other.body.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('NOT_FOUND');
    const read = await request(`${gw.url}/graphql`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json', authorization: gw.authorization }, body: JSON.stringify({ query: SECTORS }) });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    await read.body.dump();
  });

  it('allows no origin at all unless configured', async () => {
    const res = await preflight(closed.url, ALLOWED);
    expect({ status: res.statusCode, origin: res.headers['access-control-allow-origin'] }).toEqual({ status: 404, origin: undefined });
    await res.body.dump();
  });
});

describe('request ids upstream', () => {
  /** A recording proxy in front of the exchange axis: what the axis receives, headers included. */
  let proxy: http.Server;
  let target: URL | null = null;
  const waiting: Array<() => void> = [];
  const seen: Array<{ path: string; requestId: string | undefined }> = [];
  let gw: TestGateway;

  beforeAll(async () => {
    proxy = http.createServer((req, res) => {
      const forward = () => {
        seen.push({ path: req.url ?? '', requestId: req.headers['x-request-id'] as string | undefined });
        const upstream = http.request({ host: target!.hostname, port: target!.port, path: req.url, method: req.method, headers: { ...req.headers, host: target!.host } }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      };
      // The axis' address is known once the demo sources run: calls before that wait for it.
      if (target) forward();
      else waiting.push(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    gw = await startTestGateway({ procedures: 20, documentExchange: { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` } });
    target = new URL(gw.axis.url);
    for (const forward of waiting.splice(0)) forward();
  });
  afterAll(async () => {
    await gw.close();
    await new Promise((resolve) => proxy.close(resolve));
  });

  it('carries the x-request-id of the GraphQL request on every call made to answer it', async () => {
    const clerk = await gw.withClaims({ client_id: 'qlvb-nghean', sub: 'van-thu-h41', agency: '000.00.00.H41', scope: 'documents:read' });
    seen.length = 0;
    const res = await clerk.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-h41-0001' },
      body: JSON.stringify({ query: /* GraphQL */ `{ documents(filter: { agency: "000.00.00.H41" }) { nodes { id } } }` }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-h41-0001');
    const forThisRequest = seen.filter((s) => s.requestId === 'trace-h41-0001');
    expect(forThisRequest.length).toBeGreaterThan(0);
    expect(seen.filter((s) => s.requestId !== 'trace-h41-0001')).toEqual([]);
  });
});
