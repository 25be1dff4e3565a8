import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '../http-client';
import { runInRequestContext } from '../request-context';

describe('the request id of the client request, sent upstream', () => {
  const seen: Array<string | undefined> = [];
  let release: () => void = () => {};
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers['x-request-id'] as string | undefined);
      const answer = () => res.end('ok');
      if (req.url === '/slow') release = answer;
      else answer();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    seen.length = 0;
  });

  it('is the x-request-id of every call made inside the request context, and of none made outside it', async () => {
    const client = createHttpClient({ source: 'echo', baseUrl: url });
    await runInRequestContext({ requestId: 'req-7f3a' }, async () => {
      await Promise.resolve();
      await client.request({ method: 'GET', path: '/a' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      await client.request({ method: 'POST', path: '/b', json: { x: 1 } });
    });
    await client.request({ method: 'GET', path: '/c' });
    expect(seen).toEqual(['req-7f3a', 'req-7f3a', undefined]);
    await client.close();
  });

  it('leaves a header the connector sets itself alone', async () => {
    const client = createHttpClient({ source: 'echo', baseUrl: url });
    await runInRequestContext({ requestId: 'req-1' }, () => client.request({ method: 'GET', path: '/d', headers: { 'x-request-id': 'vendor-own' } }));
    expect(seen).toEqual(['vendor-own']);
    await client.close();
  });

  it('does not keep two requests from sharing one identical read: the call carries the first one\'s id', async () => {
    const client = createHttpClient({ source: 'echo', baseUrl: url });
    const first = runInRequestContext({ requestId: 'req-first' }, () => client.request({ method: 'GET', path: '/slow' }));
    const second = runInRequestContext({ requestId: 'req-second' }, () => client.request({ method: 'GET', path: '/slow' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect([a.text(), b.text()]).toEqual(['ok', 'ok']);
    expect(seen).toEqual(['req-first']);
    await client.close();
  });
});
