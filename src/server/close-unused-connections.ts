import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** How long a connection whose last answer is sent may take to say goodbye before it is cut. */
const END_GRACE_MS = 1000;

/**
 * Lets the gateway close while clients hold connections open, without cutting an answer.
 *
 * Node closes keep-alive connections that sit between requests when its server closes, but
 * not one that was opened and never used (browsers open such spare connections ahead of
 * need, and any client can), nor one whose request was still running then: it stays open,
 * idle, until Fastify's keep-alive timeout (72 s) or Node's header timeout. A rolling
 * restart stalled for a minute, and a test with a browser open took two. So, on close:
 * connections never used are closed at once; a request in flight is answered, then its
 * connection is ended. Upgraded connections (WebSocket) are closed by their own route; an
 * upgrade refused with an HTTP answer is ended as soon as it is answered.
 */
export function closeUnusedConnectionsOnClose(app: FastifyInstance): void {
  const unused = new Set<Socket>();
  const answering = new Map<Socket, ServerResponse>();
  let closing = false;
  const end = (socket: Socket) => {
    socket.end();
    setTimeout(() => socket.destroy(), END_GRACE_MS).unref();
  };
  app.server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => {
      unused.delete(socket);
      answering.delete(socket);
    });
  });
  app.server.on('request', (req: { socket: Socket }, res: ServerResponse) => {
    const socket = req.socket;
    unused.delete(socket);
    answering.set(socket, res);
    res.once('close', () => {
      if (answering.get(socket) !== res) return;
      answering.delete(socket);
      if (closing) end(socket);
    });
  });
  app.server.on('upgrade', (req: { socket: Socket }) => unused.delete(req.socket));
  // An upgrade refused with an HTTP answer (401, 400, 404) is answered on a response made by
  // @fastify/websocket outside Node's bookkeeping: nothing would ever close its connection,
  // so a client could hold any number of them open. Ended once the answer is sent.
  app.addHook('onResponse', async (request, reply) => {
    if (request.raw.headers.upgrade !== undefined && reply.statusCode !== 101) end(request.raw.socket);
  });
  app.addHook('preClose', async () => {
    closing = true;
    for (const socket of unused) socket.destroy();
    unused.clear();
  });
}
