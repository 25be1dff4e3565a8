import { demoPrincipals } from '../../src/auth/demo';
import { startTestGateway, type TestGateway } from '../utils/gateway';
import { rawRequest, type RawResponse } from './raw-http';

const SECTORS = /* GraphQL */ `query Sectors { sectors { code } }`;
const json = (value: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
const codeOf = (res: RawResponse) => res.json?.errors?.[0]?.extensions?.code;

describe('every route and every spelling of it, as an outsider tries them', () => {
  let gw: TestGateway;
  let bearer: string;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 40 });
    bearer = gw.authorization;
  });
  afterAll(() => gw.close());

  const post = (target: string, headers: Record<string, string> = {}) => rawRequest(gw.url, { method: 'POST', target, ...json({ query: SECTORS }), headers: { 'content-type': 'application/json', ...headers } });

  describe('spellings of /graphql that the router would decode to it', () => {
    // Fastify decodes the path before routing, so each of these used to reach GraphQL while
    // the authentication step, comparing the raw URL with '/graphql', let it pass.
    const spellings = () => ['/%67raphql', '/gr%61phql', '/%67%72%61%70%68%71%6C', `http://127.0.0.1:${new URL(gw.url).port}/graphql`, '/graphql#x'];

    it('are refused with BAD_REQUEST before anything runs, without a token', async () => {
      for (const target of spellings()) {
        const res = await post(target);
        expect({ target, status: res.status, code: codeOf(res), data: res.json?.data }).toEqual({ target, status: 400, code: 'BAD_REQUEST', data: undefined });
      }
    });

    it('are refused the same way with a valid token: only the canonical path is ever served', async () => {
      for (const target of spellings()) {
        const res = await post(target, { authorization: bearer });
        expect({ target, status: res.status, code: codeOf(res), data: res.json?.data }).toEqual({ target, status: 400, code: 'BAD_REQUEST', data: undefined });
      }
      const canonical = await post('/graphql', { authorization: bearer });
      expect(canonical.status).toBe(200);
      expect((canonical.json?.data as { sectors: unknown[] }).sectors.length).toBe(gw.national.data.sectors.length);
    });

    it('never let a document past the token limit reach the parser', async () => {
      const huge = `{ sectors { ${'code '.repeat(150_000)} } }`;
      const res = await rawRequest(gw.url, { method: 'POST', target: '/%67raphql', ...json({ query: huge }) });
      expect(res.status).toBe(400);
      expect(codeOf(res)).toBe('BAD_REQUEST');
    });
  });

  describe('odd spellings, with a valid token', () => {
    // Each is either refused as not canonical (BAD_REQUEST) or names no route (NOT_FOUND):
    // a coded refusal, never GraphQL.
    const cases: Array<[target: string, status: number, code: string]> = [
      ['//graphql', 400, 'BAD_REQUEST'],
      ['/graphql/', 400, 'BAD_REQUEST'],
      ['/graphql//', 400, 'BAD_REQUEST'],
      ['/./graphql', 400, 'BAD_REQUEST'],
      ['/x/../graphql', 400, 'BAD_REQUEST'],
      ['/graphql;x', 400, 'BAD_REQUEST'],
      ['/graphql;', 400, 'BAD_REQUEST'],
      ['/graphql\\', 400, 'BAD_REQUEST'],
      ['/%5Cgraphql', 400, 'BAD_REQUEST'],
      ['/graphql%2F', 400, 'BAD_REQUEST'],
      ['/graphql%2e', 400, 'BAD_REQUEST'],
      ['/graphql%00', 400, 'BAD_REQUEST'],
      ['/graphql%0d%0a', 400, 'BAD_REQUEST'],
      ['/%2567raphql', 400, 'BAD_REQUEST'],
      ['/%252567raphql', 400, 'BAD_REQUEST'],
      ['/%C0%AFgraphql', 400, 'BAD_REQUEST'],
      ['/%E0%80%AFgraphql', 400, 'BAD_REQUEST'],
      ['/graphql%zz', 400, 'BAD_REQUEST'],
      ['/graphql%', 400, 'BAD_REQUEST'],
      ['*', 400, 'BAD_REQUEST'],
      ['/GRAPHQL', 404, 'NOT_FOUND'],
      ['/Graphql', 404, 'NOT_FOUND'],
      ['/graphql.', 404, 'NOT_FOUND'],
      ['/graphql..', 404, 'NOT_FOUND'],
      ['/graphql%20', 404, 'NOT_FOUND'],
      ['/%EF%BD%87raphql', 404, 'NOT_FOUND'],
      ['/graphq', 404, 'NOT_FOUND'],
      ['/graphql.json', 404, 'NOT_FOUND'],
      ['/api/graphql', 404, 'NOT_FOUND'],
    ];

    it.each(cases)('%s is refused with %d %s and no data', async (target, status, code) => {
      const res = await post(target, { authorization: bearer });
      expect({ status: res.status, code: codeOf(res), data: res.json?.data }).toEqual({ status, code, data: undefined });
    });

    it('a raw control character or a non-ASCII byte in the request line is refused by the HTTP layer, coded', async () => {
      for (const target of ['/graphql\tx', '/gr\u00e1phql']) {
        const res = await rawRequest(gw.url, { method: 'POST', target, ...json({ query: SECTORS }), headers: { 'content-type': 'application/json', authorization: bearer } });
        expect({ target, status: res.status, code: codeOf(res), data: res.json?.data }).toEqual({ target, status: 400, code: 'BAD_REQUEST', data: undefined });
      }
    });
  });

  describe('methods and content types that reach /graphql', () => {
    const persisted = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } }));
    const withoutToken: Array<{ name: string; method: string; target: string; headers?: Record<string, string>; body?: string | Buffer }> = [
      { name: 'GET with a query', method: 'GET', target: `/graphql?query=${encodeURIComponent(SECTORS)}`, headers: { 'apollo-require-preflight': 'true' } },
      { name: 'GET with a query, as a browser', method: 'GET', target: `/graphql?query=${encodeURIComponent(SECTORS)}`, headers: { accept: 'text/html' } },
      { name: 'GET with only extensions, as a browser', method: 'GET', target: `/graphql?extensions=${persisted}`, headers: { accept: 'application/json, text/html;q=0.1', 'apollo-require-preflight': 'true' } },
      { name: 'GET with an empty query string, as a browser', method: 'GET', target: '/graphql?', headers: { accept: 'text/html' } },
      { name: 'HEAD with a query', method: 'HEAD', target: `/graphql?query=${encodeURIComponent(SECTORS)}` },
      { name: 'POST JSON', method: 'POST', target: '/graphql', ...json({ query: SECTORS }) },
      { name: 'POST JSON with a charset', method: 'POST', target: '/graphql', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ query: SECTORS }) },
      { name: 'POST JSON in UTF-16', method: 'POST', target: '/graphql', headers: { 'content-type': 'application/json; charset=utf-16' }, body: Buffer.from(`\ufeff${JSON.stringify({ query: SECTORS })}`, 'utf16le') },
      { name: 'POST JSON, as a browser', method: 'POST', target: '/graphql', headers: { 'content-type': 'application/json', accept: 'text/html' }, body: JSON.stringify({ query: SECTORS }) },
      { name: 'POST a batch', method: 'POST', target: '/graphql', ...json([{ query: SECTORS }, { query: SECTORS }]) },
      { name: 'POST hash only', method: 'POST', target: '/graphql', ...json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }) },
      { name: 'POST application/graphql', method: 'POST', target: '/graphql', headers: { 'content-type': 'application/graphql' }, body: SECTORS },
      { name: 'POST text/plain', method: 'POST', target: '/graphql', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: SECTORS }) },
      { name: 'POST form-encoded', method: 'POST', target: '/graphql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent(SECTORS)}` },
      { name: 'POST multipart', method: 'POST', target: '/graphql', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: `--x\r\ncontent-disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: SECTORS })}\r\n--x--\r\n` },
      { name: 'POST without a content type', method: 'POST', target: '/graphql', body: JSON.stringify({ query: SECTORS }) },
    ];

    it.each(withoutToken)('$name without a token answers 401 UNAUTHENTICATED', async ({ method, target, headers, body }) => {
      const res = await rawRequest(gw.url, { method, target, headers, body });
      expect(res.status).toBe(401);
      if (method !== 'HEAD') expect(res.json).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' } }] });
    });

    it('OPTIONS is not served at all: 404 NOT_FOUND, with or without a token', async () => {
      for (const headers of [{}, { authorization: bearer }] as Array<Record<string, string>>) {
        const res = await rawRequest(gw.url, { method: 'OPTIONS', target: '/graphql', headers });
        expect({ status: res.status, code: codeOf(res) }).toEqual({ status: 404, code: 'NOT_FOUND' });
      }
    });

    it('with a token, JSON is read as UTF-8 whatever charset it declares (RFC 8259), the same request as without one', async () => {
      for (const charset of ['utf-8', 'UTF-8', 'latin1', 'utf-16']) {
        const res = await rawRequest(gw.url, { method: 'POST', target: '/graphql', headers: { 'content-type': `application/json; charset=${charset}`, authorization: bearer }, body: JSON.stringify({ query: SECTORS }) });
        expect({ charset, status: res.status, sectors: (res.json?.data as { sectors: unknown[] } | undefined)?.sectors.length }).toEqual({ charset, status: 200, sectors: gw.national.data.sectors.length });
      }
    });

    it('with a token, a body GraphQL cannot read is refused with BAD_REQUEST and executes nothing', async () => {
      const unusable = withoutToken.filter((c) => /graphql$|text\/plain|form|multipart|UTF-16|without a content type/.test(c.name));
      for (const { name, method, target, headers, body } of unusable) {
        const res = await rawRequest(gw.url, { method, target, headers: { ...headers, authorization: bearer }, body });
        expect({ name, status: res.status, code: codeOf(res), data: res.json?.data }).toEqual({ name, status: expect.any(Number), code: 'BAD_REQUEST', data: undefined });
        expect([400, 415]).toContain(res.status);
      }
    });
  });

  describe('bodies and headers an attacker shapes', () => {
    const send = (body: string, headers: Record<string, string> = {}) => rawRequest(gw.url, { method: 'POST', target: '/graphql', headers: { 'content-type': 'application/json', authorization: bearer, ...headers }, body });

    it('refuses prototype poisoning in the JSON body with BAD_REQUEST', async () => {
      for (const body of ['{"query":"{ sectors { code } }","__proto__":{"principal":{}}}', '{"query":"{ sectors { code } }","constructor":{"prototype":{"x":1}}}']) {
        const res = await send(body);
        expect({ status: res.status, code: codeOf(res), data: res.json?.data }).toEqual({ status: 400, code: 'BAD_REQUEST', data: undefined });
      }
    });

    it('refuses a JSON body that is not one object with BAD_REQUEST', async () => {
      for (const body of ['"{ sectors { code } }"', '42', 'null', 'true']) {
        const res = await send(body);
        expect({ body, status: res.status, code: codeOf(res), data: res.json?.data }).toEqual({ body, status: 400, code: 'BAD_REQUEST', data: undefined });
      }
    });

    it('stays up through 200,000 levels of nested arrays in the variables', async () => {
      const res = await send(`{"query":"{ sectors { code } }","variables":{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}}`);
      expect(res.status).toBeLessThan(500);
      expect((await rawRequest(gw.url, { target: '/healthz' })).status).toBe(200);
    });

    it('refuses a body framed both by Content-Length and Transfer-Encoding (request smuggling) in the HTTP layer, coded', async () => {
      const res = await send(JSON.stringify({ query: SECTORS }), { 'transfer-encoding': 'chunked' });
      expect({ status: res.status, code: codeOf(res), data: res.json?.data }).toEqual({ status: 400, code: 'BAD_REQUEST', data: undefined });
    });

    it('refuses a query string carrying the query twice, and ignores __proto__ in it', async () => {
      const query = encodeURIComponent(SECTORS);
      const headers = { authorization: bearer, 'apollo-require-preflight': 'true' };
      const twice = await rawRequest(gw.url, { target: `/graphql?query=${query}&query=${encodeURIComponent('{ __typename }')}`, headers });
      expect({ status: twice.status, code: codeOf(twice), data: twice.json?.data }).toEqual({ status: 400, code: 'BAD_REQUEST', data: undefined });
      const polluted = await rawRequest(gw.url, { target: `/graphql?__proto__[principal]=x&constructor[prototype][x]=1&query=${query}`, headers });
      expect(polluted.status).toBe(200);
      expect(({} as Record<string, unknown>).principal).toBeUndefined();
    });

    it('reads only the first of two Authorization headers', async () => {
      const res = await rawRequest(gw.url, { method: 'POST', target: '/graphql', headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.jwt', Authorization: bearer }, body: JSON.stringify({ query: SECTORS }) });
      expect({ status: res.status, code: codeOf(res) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    });

    it('refuses a path segment longer than 500 characters with BAD_REQUEST, and looks up a long one below it', async () => {
      // A clerk who may read documents: the long id is looked up, and is not found.
      const clerk = gw.as('province-officer').authorization;
      const tooLong = await rawRequest(gw.url, { target: `/documents/${'a'.repeat(501)}/attachments/x`, headers: { authorization: clerk } });
      expect({ status: tooLong.status, code: codeOf(tooLong) }).toEqual({ status: 400, code: 'BAD_REQUEST' });
      const long = await rawRequest(gw.url, { target: `/documents/${'a'.repeat(500)}/attachments/x`, headers: { authorization: clerk } });
      expect({ status: long.status, code: codeOf(long) }).toEqual({ status: 404, code: 'NOT_FOUND' });
    });
  });

  describe('the landing page', () => {
    it('is the only thing a browser gets from /graphql without a token, and it carries nothing to execute', async () => {
      const res = await rawRequest(gw.url, { target: '/graphql', headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.body).toContain('url=/playground');
      expect(res.body).not.toContain('"data"');
    });
  });

  describe('each route, for each kind of caller', () => {
    interface Caller {
      name: string;
      authorization?: string;
      scopes: string[];
    }
    let callers: Caller[];
    beforeAll(async () => {
      const roles = await Promise.all(demoPrincipals().map(async (p) => ({ name: p.name, authorization: `Bearer ${await gw.token(p.claims)}`, scopes: p.claims.scope.split(' ') })));
      const province = roles[0]!.authorization.slice('Bearer '.length);
      const [header, payload, signature] = province.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, scope: `${String(claims.scope)} audit:read sync:admin` })).toString('base64url')}.${signature}`;
      const expired = await gw.token(demoPrincipals()[0]!.claims, { expiresIn: -600 });
      callers = [
        ...roles,
        { name: 'nobody', scopes: [] },
        { name: 'a forged token', authorization: `Bearer ${forged}`, scopes: [] },
        { name: 'an expired token', authorization: `Bearer ${expired}`, scopes: [] },
      ];
    });
    const isRefusedToken = (c: Caller) => c.scopes.length === 0;
    const headersOf = (c: Caller): Record<string, string> => (c.authorization ? { authorization: c.authorization } : {});

    it('/healthz, /readyz and the playground (/ and /playground) answer everyone and serve no data', async () => {
      for (const caller of callers) {
        const headers = headersOf(caller);
        for (const target of ['/healthz', '/readyz', '/', '/playground']) {
          const res = await rawRequest(gw.url, { target, headers });
          expect({ caller: caller.name, target, status: res.status }).toEqual({ caller: caller.name, target, status: 200 });
        }
      }
    });

    it('unknown routes and unknown methods answer 404 NOT_FOUND to everyone', async () => {
      for (const caller of callers) {
        const headers = headersOf(caller);
        for (const [method, target] of [['POST', '/'], ['OPTIONS', '/graphql'], ['GET', '/admin'], ['GET', '/documents'], ['DELETE', '/graphql'], ['PUT', '/graphql'], ['POST', '/healthz'], ['GET', '/.env']] as const) {
          const res = await rawRequest(gw.url, { method, target, headers });
          expect({ caller: caller.name, method, target, status: res.status, code: codeOf(res) }).toEqual({ caller: caller.name, method, target, status: 404, code: 'NOT_FOUND' });
        }
      }
    });

    it('/graphql answers the query to a caller with procedures:read, FORBIDDEN to one without, 401 to a refused token', async () => {
      for (const caller of callers) {
        const res = await post('/graphql', headersOf(caller));
        const expected = isRefusedToken(caller)
          ? { status: 401, code: 'UNAUTHENTICATED', data: undefined }
          : caller.scopes.includes('procedures:read')
            ? { status: 200, code: undefined, data: { sectors: expect.any(Array) } }
            : { status: 200, code: 'FORBIDDEN', data: { sectors: null } };
        expect({ caller: caller.name, status: res.status, code: codeOf(res), data: res.json?.data }).toEqual({ caller: caller.name, ...expected });
      }
    });

    it('/documents/{id}/attachments/{contentId} needs a token and documents:read, and finds nothing that does not exist', async () => {
      for (const caller of callers) {
        const res = await rawRequest(gw.url, { target: '/documents/qlvb-g22%3Anothing/attachments/cid%3A1', headers: headersOf(caller) });
        const expected = isRefusedToken(caller) ? { status: 401, code: 'UNAUTHENTICATED' } : caller.scopes.includes('documents:read') ? { status: 404, code: 'NOT_FOUND' } : { status: 403, code: 'FORBIDDEN' };
        expect({ caller: caller.name, status: res.status, code: codeOf(res) }).toEqual({ caller: caller.name, ...expected });
      }
    });

    it('refuses odd spellings of the attachment path before it authenticates anyone', async () => {
      for (const target of ['/documents/%2e%2e/attachments/x', '/documents/a%2Fb/attachments/x', '/documents/a/attachments/%00', '/documents/a/attachments/x/', '/%64ocuments/a/attachments/x', '/documents/a%5C..%5Cb/attachments/x']) {
        const res = await rawRequest(gw.url, { target });
        expect({ target, status: res.status, code: codeOf(res) }).toEqual({ target, status: 400, code: 'BAD_REQUEST' });
      }
    });
  });
});
