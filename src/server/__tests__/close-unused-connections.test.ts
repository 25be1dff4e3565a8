import net from 'node:net';
import Fastify from 'fastify';
import { closeUnusedConnectionsOnClose } from '../close-unused-connections';

/** Opens a raw connection and resolves when the server has accepted it. */
async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

/** 'closed' when `promise` settles within 5 s (Node alone takes a minute or more), else 'still open'. */
function within5s<T>(promise: Promise<T>): Promise<T | 'still open'> {
  return Promise.race([promise, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 5000))]);
}

describe('closing with connections open', () => {
  it('closes a connection that never sent a request at once, answers the request in flight, then closes', async () => {
    const app = Fastify();
    closeUnusedConnectionsOnClose(app);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    app.get('/slow', async () => {
      await released;
      return { done: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as net.AddressInfo).port;

    const spare = await connect(port);
    const spareClosed = new Promise<'closed'>((resolve) => spare.once('close', () => resolve('closed')));
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.json());
    await new Promise((resolve) => setTimeout(resolve, 50));

    const closing = app.close().then(() => 'closed' as const);
    expect(await within5s(spareClosed)).toBe('closed');
    release();
    expect(await inFlight).toEqual({ done: true });
    // Its keep-alive connection would otherwise hold close() for Fastify's 72 s.
    expect(await within5s(closing)).toBe('closed');
  });
});
