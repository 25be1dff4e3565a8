import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the server does with one request. */
export type Script =
  | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }
  | 'hang'
  | 'reset';

export interface ScriptedServer {
  readonly url: string;
  /** Every request received, in order, with the time it arrived (epoch ms). */
  readonly received: Array<{ method: string; path: string; at: number }>;
  /** The most requests it was answering at once. */
  readonly maxConcurrent: number;
  /** Connections open now, counted on the server side. */
  connections(): number;
  /** The most connections it had open at once. */
  readonly maxConnections: number;
  /** Decides what each request gets; `index` counts from 0 across the server's life. */
  script(decide: (req: { method: string; path: string }, index: number) => Script): void;
  close(): Promise<void>;
}

/** A tiny node:http server on loopback whose answers a test scripts request by request. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  let decide: (req: { method: string; path: string }, index: number) => Script = () => ({ status: 200, body: 'ok' });
  const received: ScriptedServer['received'] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  let open = 0;
  let maxConnections = 0;
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const index = received.length;
    received.push({ method: req.method ?? 'GET', path: req.url ?? '/', at: Date.now() });
    concurrent += 1;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    res.on('close', () => {
      concurrent -= 1;
    });
    req.resume();
    req.on('end', () => {
      const script = decide({ method: req.method ?? 'GET', path: req.url ?? '/' }, index);
      if (script === 'hang') return;
      if (script === 'reset') {
        req.socket.destroy();
        return;
      }
      const answer = (): void => {
        if (!res.destroyed) res.writeHead(script.status, { 'content-type': 'text/plain', ...script.headers }).end(script.body ?? '');
      };
      if (script.delayMs) setTimeout(answer, script.delayMs);
      else answer();
    });
  });
  server.on('connection', (socket) => {
    open += 1;
    maxConnections = Math.max(maxConnections, open);
    sockets.add(socket);
    socket.on('close', () => {
      open -= 1;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    get maxConcurrent() {
      return maxConcurrent;
    },
    connections: () => open,
    get maxConnections() {
      return maxConnections;
    },
    script(next) {
      decide = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
