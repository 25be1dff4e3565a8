import { Pool, errors as undiciErrors } from 'undici';
import { GatewayError } from '../../src/errors';

/** Options of one source's HTTP client. One client = one keep-alive pool to one origin. */
export interface HttpClientOptions {
  /** The configured source name, carried on every error this client raises. */
  source: string;
  /** Origin and optional base path, e.g. `http://127.0.0.1:7001/adapter`. */
  baseUrl: string;
  /** Whole-request deadline (connect, headers and body) in milliseconds. @default 10000 */
  timeoutMs?: number;
  /** Keep-alive connections kept open to the origin. @default 16 */
  connections?: number;
  /** Largest response body accepted, in bytes; a larger one is UPSTREAM_BAD_RESPONSE. @default 52428800 */
  maxResponseBytes?: number;
  /** Headers sent with every request. @default {} */
  headers?: Record<string, string>;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** A raw body; use `json` for JSON. */
  body?: string | Buffer;
  /** Serialised as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Overrides the client's timeout for this request. */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text(): string;
}

/** Counters kept per client; read by readiness checks, metrics and tests. */
export interface HttpClientStats {
  requests: number;
  failures: number;
}

export interface HttpClient {
  readonly source: string;
  readonly stats: HttpClientStats;
  /**
   * Sends one request. Transport failures become catalogue errors (UPSTREAM_UNAVAILABLE,
   * UPSTREAM_TIMEOUT, UPSTREAM_BAD_RESPONSE for an oversized body); an HTTP error status is
   * returned, not thrown, because what it means differs per vendor and is decided in the
   * connector's own client.
   */
  request(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

/**
 * Creates the one HTTP client every connector uses: undici keep-alive pooling, a hard
 * per-request deadline enforced with an AbortSignal (so a source that trickles bytes
 * cannot hold a request past it), a response size cap, and catalogue errors that name
 * the source.
 */
export function createHttpClient({
  source,
  baseUrl,
  timeoutMs = 10_000,
  connections = 16,
  maxResponseBytes = 50 * 1024 * 1024,
  headers: defaultHeaders = {},
}: HttpClientOptions): HttpClient {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  const pool = new Pool(base.origin, { connections, keepAliveTimeout: 30_000, pipelining: 1 });
  const stats: HttpClientStats = { requests: 0, failures: 0 };

  async function request(req: HttpRequest): Promise<HttpResponse> {
    stats.requests += 1;
    const deadline = req.timeoutMs ?? timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DeadlineExceeded()), deadline);
    const headers: Record<string, string> = { ...defaultHeaders, ...req.headers };
    let body = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    try {
      const res = await pool.request({
        method: req.method,
        path: basePath + req.path + buildQuery(req.query),
        headers,
        body,
        signal: controller.signal,
        headersTimeout: deadline,
        bodyTimeout: deadline,
      });
      // Errors of the body (the deadline's abort included) surface through the loop below;
      // this listener keeps one that fires while nothing iterates from being uncaught.
      res.body.on('error', () => {});
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > maxResponseBytes) {
          controller.abort();
          throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} sent a response larger than ${maxResponseBytes} bytes`, { source });
        }
        chunks.push(chunk as Buffer);
      }
      const buf = Buffer.concat(chunks);
      return { status: res.statusCode, headers: res.headers, body: buf, text: () => buf.toString('utf8') };
    } catch (err) {
      stats.failures += 1;
      throw toGatewayError(err, source, deadline, controller.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    source,
    stats,
    request,
    close: () => pool.close(),
  };
}

class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

function buildQuery(query: HttpRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function toGatewayError(err: unknown, source: string, deadline: number, signal: AbortSignal): GatewayError {
  if (err instanceof GatewayError) return err;
  if (
    signal.reason instanceof DeadlineExceeded ||
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new GatewayError('UPSTREAM_TIMEOUT', `${source} did not answer within ${deadline} ms`, { source }, err);
  }
  return new GatewayError('UPSTREAM_UNAVAILABLE', `${source} could not be reached`, { source }, err);
}
