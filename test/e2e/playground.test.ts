import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { demoPrincipals } from '../../src/auth/demo';
import { startTestGateway, type TestGateway } from '../utils/gateway';

async function page(url: string, headers: Record<string, string> = { 'accept-encoding': 'gzip' }) {
  const res = await request(url, { headers });
  const bytes = Buffer.from(await res.body.arrayBuffer());
  const html = res.headers['content-encoding'] === 'gzip' ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return { res, html };
}

describe('the playground as a deployed gateway serves it (no principal given)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 20 });
  });
  afterAll(() => gw.close());

  it('is one gzipped page at / and /playground that loads nothing from outside, cached by ETag', async () => {
    const root = await page(`${gw.url}/`);
    const named = await page(`${gw.url}/playground`);
    expect(root.res.statusCode).toBe(200);
    expect(root.res.headers['content-encoding']).toBe('gzip');
    expect(root.html).toBe(named.html);
    expect(root.html).toContain('lienthong playground');
    expect(root.html).not.toMatch(/<script[^>]+src=["']?https?:/i);
    expect(root.html).not.toMatch(/<link[^>]+href=["']?https?:/i);
    const again = await request(`${gw.url}/`, { headers: { 'if-none-match': String(root.res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    await again.body.dump();
  });

  it('lets the browser load and call nothing but the gateway itself', async () => {
    const { res } = await page(`${gw.url}/`);
    const policy = String(res.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/https?:/);
  });

  it('holds no token: it asks for one, to keep in the page only', async () => {
    const { res, html } = await page(`${gw.url}/`);
    expect(html).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
    expect(html).toContain('id="lienthong-token"');
    expect(html).not.toContain('id="lienthong-principal"');
    expect(res.headers['cache-control']).toBe('public, no-cache');
  });

  it('is sent as it is to a client that does not accept gzip', async () => {
    const { res, html } = await page(`${gw.url}/`, {});
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(html).toContain('lienthong playground');
  });

  it('is where a browser opening /graphql lands', async () => {
    const res = await request(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toContain('url=/playground');
  });
});

describe('the playground as the demo serves it', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 20, playground: { tabs: [{ query: '# first\n{ sectors { code } }' }, { query: '# second\n{ __typename }', variables: '{}' }] } });
  });
  afterAll(() => gw.close());

  it('offers every demo principal with a token the gateway accepts, and opens the example tabs', async () => {
    const { res, html } = await page(`${gw.url}/`);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    const settings = JSON.parse(/window\.LIENTHONG_PLAYGROUND = (\{.*?\});/.exec(html)![1]!) as { principals: Array<{ name: string; token: string }> };
    expect(settings.principals.map((p) => p.name)).toEqual(demoPrincipals().map((p) => p.name));
    for (const { name, token } of settings.principals) {
      const answer = await gw.withAuthorization(`Bearer ${token}`).graphql(/* GraphQL */ `{ __typename }`);
      expect({ name, status: answer.status }).toEqual({ name, status: 200 });
    }
    expect(html).toContain('"defaultTabs":[{"query":"# first');
    expect(html).toContain('# second');
  });
});

describe('the playground turned off', () => {
  it('answers 404 at / and /playground, and a browser opening /graphql needs a token like anyone', async () => {
    const closed = await startTestGateway({ procedures: 20, server: { playground: false } });
    try {
      for (const path of ['/', '/playground']) {
        const res = await request(`${closed.url}${path}`);
        expect({ path, status: res.statusCode }).toEqual({ path, status: 404 });
        await res.body.dump();
      }
      const browser = await request(`${closed.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(browser.statusCode).toBe(401);
      await browser.body.dump();
    } finally {
      await closed.close();
    }
  });
});
