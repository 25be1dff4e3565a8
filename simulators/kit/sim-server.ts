import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isFault, type Fault } from './fault';

/** A request as a simulator's protocol handler sees it: body already read. */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text(): string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export type SimHandler = (req: SimRequest) => Promise<SimResponse> | SimResponse;

/**
 * A simulator's own control route under `/__sim/`: gets the method, the query and the body
 * parsed as JSON (undefined when empty), answers a status and a JSON body. A throw answers
 * 400 with its message: control routes are for tests and operators, who need to see why.
 */
export type SimControlRoute = (request: { method: string; query: URLSearchParams; json: unknown }) => { status: number; body: unknown };

export interface SimServerOptions {
  /** Name shown in logs and `/__sim/stats`. */
  name: string;
  handler: SimHandler;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** Largest request body accepted, in bytes. @default 20971520 */
  maxBodyBytes?: number;
  /** Extra control routes by path (`/__sim/advance`, …), beside the kit's own. @default {} */
  controlRoutes?: Readonly<Record<string, SimControlRoute>>;
  /**
   * Control routes of this simulator's own, served as `/__sim/<name>` beside the shared
   * ones (e.g. `state`): each gets the request body parsed as JSON (undefined when there
   * is none or it is not JSON) and answers a JSON value, or throws to answer 400 with the
   * error's message. @default {}
   */
  controls?: Record<string, (body: unknown) => unknown>;
}

/** Counts kept by every simulator; tests read them to count upstream calls. */
export interface SimStats {
  requests: number;
  /** Requests per protocol operation, as named by `countAs` (path by default). */
  byOperation: Record<string, number>;
}

export interface SimServer {
  readonly name: string;
  readonly url: string;
  readonly stats: SimStats;
  setFault(fault: Fault): void;
  /** Records one request against an operation name (handlers call it once they know). */
  countAs(operation: string): void;
  resetStats(): void;
  close(): Promise<void>;
}

/**
 * Starts a real HTTP server on loopback for a simulated source. Control routes, outside
 * any vendor's protocol: `GET /__sim/stats`, `POST /__sim/fault` with a Fault as JSON,
 * `POST /__sim/reset-stats`, the simulator's own `controlRoutes` (by path) and `controls` (by name).
 */
export async function startSimServer({ name, handler, host = '127.0.0.1', port = 0, maxBodyBytes = 20 * 1024 * 1024, controlRoutes = {}, controls = {} }: SimServerOptions): Promise<SimServer> {
  let fault: Fault = { mode: 'none' };
  const stats: SimStats = { requests: 0, byOperation: {} };
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    void serve(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`simulator ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  });
  server.keepAliveTimeout = 60_000;

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const body = await readBody(req, maxBodyBytes);
    if (body === null) {
      res.writeHead(413, { 'content-type': 'text/plain' }).end('request body too large');
      return;
    }
    if (url.pathname.startsWith('/__sim/')) {
      control(req.method ?? 'GET', url, body, res);
      return;
    }
    stats.requests += 1;
    switch (fault.mode) {
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'fail':
        res.writeHead(fault.status ?? 503, { 'content-type': 'text/plain; charset=utf-8' }).end('Service Unavailable');
        return;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' }).end('<html><body>Lỗi hệ thống</body></html>\u0000{{');
        return;
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.mode === 'slow' ? fault.delayMs : 0));
        break;
      case 'none':
        break;
    }
    const simReq: SimRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      text: () => body.toString('utf8'),
    };
    const answer = await handler(simReq);
    if (res.destroyed) return;
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body);
  }

  function control(method: string, url: URL, body: Buffer, res: http.ServerResponse): void {
    const path = url.pathname;
    const json = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    const own = Object.hasOwn(controlRoutes, path) ? controlRoutes[path] : undefined;
    if (own) {
      let parsed: unknown;
      try {
        parsed = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
      } catch {
        return json(400, { error: `${path} expects a JSON body` });
      }
      try {
        const answer = own({ method, query: url.searchParams, json: parsed });
        return json(answer.status, answer.body);
      } catch (err) {
        return json(400, { error: err instanceof Error ? err.message : String(err) });
      }
    }
    if (path === '/__sim/stats') return json(200, { name, fault, ...stats });
    if (path === '/__sim/reset-stats') {
      resetStats();
      return json(200, { ok: true });
    }
    if (path === '/__sim/fault') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      if (!isFault(parsed)) return json(400, { error: 'expected a Fault: {"mode":"none|slow|hang|fail|garbage|reset", ...}' });
      setFault(parsed);
      return json(200, { ok: true, fault });
    }
    const named = Object.hasOwn(controls, path.slice('/__sim/'.length)) ? controls[path.slice('/__sim/'.length)] : undefined;
    if (named) {
      let parsed: unknown;
      try {
        parsed = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      try {
        return json(200, named(parsed) ?? { ok: true });
      } catch (err) {
        return json(400, { error: err instanceof Error ? err.message : String(err) });
      }
    }
    return json(404, { error: `unknown control route ${path}` });
  }

  function setFault(next: Fault): void {
    fault = next;
    if (next.mode !== 'hang') {
      for (const res of hanging) res.destroy();
      hanging.clear();
    }
  }

  function resetStats(): void {
    stats.requests = 0;
    stats.byOperation = {};
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    name,
    url: `http://${host}:${address.port}`,
    stats,
    setFault,
    countAs(operation: string) {
      stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
    },
    resetStats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
