import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { startTestGateway, type TestGateway } from '../utils/gateway';

describe('the playground', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 20 });
  });
  afterAll(() => gw.close());

  it('is one gzipped page that loads nothing from outside, cached by ETag', async () => {
    const res = await request(`${gw.url}/playground`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const html = gunzipSync(Buffer.from(await res.body.arrayBuffer())).toString('utf8');
    expect(html).toContain('lienthong playground');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/i);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/i);
    const again = await request(`${gw.url}/playground`, { headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    await again.body.dump();
  });

  it('is where a browser opening /graphql lands', async () => {
    const res = await request(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toContain('url=/playground');
  });

  it('is absent when configuration turns it off', async () => {
    const closed = await startTestGateway({ procedures: 20, server: { playground: false } });
    try {
      const res = await request(`${closed.url}/playground`);
      expect(res.statusCode).toBe(404);
      await res.body.dump();
    } finally {
      await closed.close();
    }
  });
});
