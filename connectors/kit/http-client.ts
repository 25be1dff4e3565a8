import { Pool, errors as undiciErrors } from 'undici';
import { GatewayError } from '../../src/errors';
import { createResilience, type AttemptResult, type Resilience } from './create-resilience';
import { traceUpstreamAttempt } from './trace-upstream';
import { currentRequestId } from './request-context';

/** Options of one HTTP client. One client = one keep-alive pool to one origin. */
export interface HttpClientOptions {
  /** The configured source name, carried on every error this client raises. */
  source: string;
  /** Origin and optional base path, e.g. `http://127.0.0.1:7001/adapter`. */
  baseUrl: string;
  /**
   * A call's whole budget in milliseconds: waiting for a place under the source's cap, every
   * attempt (connect, headers and body) and the waits between retries. @default 10000
   */
  timeoutMs?: number;
  /** Keep-alive connections kept open to the origin; calls beyond them wait for one. @default 16 */
  connections?: number;
  /** Largest response body accepted, in bytes; a larger one is UPSTREAM_BAD_RESPONSE. @default 52428800 */
  maxResponseBytes?: number;
  /** Headers sent with every request. @default {} */
  headers?: Record<string, string>;
  /**
   * The source's resilience layer (breaker, cap, retries, sharing of identical calls),
   * shared by every client of the source and closed by whoever created it. @default a
   * layer of this client's own with the default policy, closed with the client
   */
  resilience?: Resilience;
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
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
  /**
   * Safe to send again: a read, whatever its method (the adapter's POST services, SOAP
   * reads, a login). Idempotent requests are retried after a failure, and identical ones
   * in flight (same method, path, query, headers and body) share one upstream call. Never
   * set it on a write: a write sent twice may be done twice.
   * @default true for GET and HEAD, false otherwise
   */
  idempotent?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text(): string;
}

/** Counters kept per client; read by readiness checks, metrics and tests. */
export interface HttpClientStats {
  /** Attempts sent to the source (a retry is one more; a call sharing another's is none). */
  requests: number;
  /** Attempts whose transport failed (refused, reset, timed out, oversized). */
  failures: number;
}

export interface HttpClient {
  readonly source: string;
  readonly stats: HttpClientStats;
  /** The source's resilience layer this client sends through. */
  readonly resilience: Resilience;
  /**
   * Sends one request through the source's resilience layer and resolves what `read` makes
   * of the answer (the answer itself without `read`).
   *
   * `read` is where a connector turns the vendor's answer into its model or a catalogue
   * error (its `client.ts`); it runs inside the layer, so the code it throws decides whether
   * the answer counts against the source: UPSTREAM_UNAVAILABLE or UPSTREAM_TIMEOUT for a 5xx
   * counts (and is retried when idempotent), any other code is the source's own answer and
   * does not. Without `read`, a 5xx counts and, once retries are spent, is returned, not
   * thrown: what an HTTP error status means differs per vendor. Calls that share an
   * identical request in flight share its `read` result too, so `read` must not depend on
   * anything but the answer, and its result must not be mutated.
   *
   * Transport failures become catalogue errors naming the source: UPSTREAM_UNAVAILABLE
   * (refused, reset; also while the breaker is open, `extensions.breaker`, or the source's
   * line is full, `extensions.reason: 'OVERLOADED'`), UPSTREAM_TIMEOUT, and
   * UPSTREAM_BAD_RESPONSE for an oversized body.
   */
  request(req: HttpRequest): Promise<HttpResponse>;
  request<T>(req: HttpRequest, read: (res: HttpResponse) => T | Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Creates the one HTTP client every connector uses: undici keep-alive pooling, the
 * source's resilience layer (circuit breaker, concurrency cap, retries of idempotent
 * requests, one upstream call for identical ones in flight), a hard deadline per call
 * enforced with an AbortSignal (so a source that trickles bytes cannot hold a request past
 * it), a response size cap, and catalogue errors that name the source.
 */
export function createHttpClient({
  source,
  baseUrl,
  timeoutMs = 10_000,
  connections = 16,
  maxResponseBytes = 50 * 1024 * 1024,
  headers: defaultHeaders = {},
  resilience: shared,
}: HttpClientOptions): HttpClient {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  const pool = new Pool(base.origin, { connections, keepAliveTimeout: 30_000, pipelining: 1 });
  const stats: HttpClientStats = { requests: 0, failures: 0 };
  const resilience = shared ?? createResilience(source);

  /** One attempt: sends the request and reads its whole body, within `deadline` ms. */
  async function send(path: string, method: HttpRequest['method'], headers: Record<string, string>, body: string | Buffer | undefined, deadline: number, budget: number): Promise<HttpResponse> {
    stats.requests += 1;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DeadlineExceeded()), deadline);
    try {
      const res = await pool.request({ method, path, headers, body, signal: controller.signal, headersTimeout: deadline, bodyTimeout: deadline });
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
      throw toGatewayError(err, source, budget, controller.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  function request<T>(req: HttpRequest, read?: (res: HttpResponse) => T | Promise<T>): Promise<T> {
    const budget = req.timeoutMs ?? timeoutMs;
    const headers: Record<string, string> = { ...defaultHeaders, ...req.headers };
    // Read now, while the caller's context is certain; left out of the call's identity, so
    // identical reads of two requests still share one upstream call (the first one's id).
    const requestId = currentRequestId();
    let body = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    const path = basePath + req.path + buildQuery(req.query);
    const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'HEAD');
    return resilience.execute<T>({
      idempotent,
      key: idempotent ? callKey(base.origin, req.method, path, headers, body, budget) : null,
      timeoutMs: budget,
      async attempt(remainingMs): Promise<AttemptResult<T>> {
        let res: HttpResponse;
        try {
          // Tracing (OpenTelemetry, a no-op unless telemetry is on): a span per attempt and its traceparent.
          res = await traceUpstreamAttempt({ source, method: req.method, origin: base.origin, path }, headers, (traced) => send(path, req.method, requestId === undefined ? traced : { 'x-request-id': requestId, ...traced }, body, remainingMs, budget));
        } catch (error) {
          return { ok: false, error };
        }
        const answered = { status: res.status, retryAfter: firstHeader(res.headers['retry-after']) };
        try {
          return { ...answered, ok: true, value: read ? await read(res) : (res as T) };
        } catch (error) {
          return { ...answered, ok: false, error };
        }
      },
    });
  }

  return {
    source,
    stats,
    resilience,
    request: request as HttpClient['request'],
    async close() {
      if (!shared) resilience.close();
      await pool.close();
    },
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

/** What makes two calls the same call: origin, method, path with query, headers, body and budget. */
function callKey(origin: string, method: string, path: string, headers: Record<string, string>, body: string | Buffer | undefined, budget: number): string {
  const headerText = Object.keys(headers)
    .sort()
    .map((name) => `${name.toLowerCase()}:${headers[name]}`)
    .join('\n');
  const bodyText = body === undefined ? '' : typeof body === 'string' ? body : body.toString('latin1');
  return `${method} ${origin}${path} ${budget}\n${headerText}\n\n${bodyText}`;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function toGatewayError(err: unknown, source: string, budget: number, signal: AbortSignal): GatewayError {
  if (err instanceof GatewayError) return err;
  if (
    signal.reason instanceof DeadlineExceeded ||
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new GatewayError('UPSTREAM_TIMEOUT', `${source} did not answer within ${budget} ms`, { source }, err);
  }
  return new GatewayError('UPSTREAM_UNAVAILABLE', `${source} could not be reached`, { source }, err);
}
