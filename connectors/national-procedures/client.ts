import { GatewayError } from '../../src/errors';
import { createHttpClient, createResilience, createSession, parseJsonBody, readObject, type HttpClient, type HttpResponse } from '../kit';
import type { NationalProceduresOptions } from './config';

/** The adapter's services this connector calls. */
export type AdapterService = 'LayDanhSachTTHC' | 'LayThuTuc' | 'LayDanhMucCoQuan' | 'LayDanhMucLinhVuc';

/** Services that only read, so a failed call may be sent again and identical calls in flight shared. */
const READ_SERVICES: ReadonlySet<AdapterService> = new Set(['LayDanhSachTTHC', 'LayThuTuc', 'LayDanhMucCoQuan', 'LayDanhMucLinhVuc']);

export interface AdapterClient {
  readonly http: HttpClient;
  /** Calls one service and returns its `result` array. */
  call(service: AdapterService, params?: Record<string, unknown>): Promise<unknown[]>;
  close(): Promise<void>;
}

/**
 * The adapter protocol of the national databases (docs/sources.md §1, also used by the
 * national portal §4): `POST /login` → `session`; `POST /integration` with
 * `{session, madonvi, service, …params}` → `{error_code: 0, result: […]}`. Every vendor
 * failure becomes a catalogue error here and nowhere else.
 *
 * Sessions: one login is shared by all concurrent calls (single flight); a call answered
 * with a session-expired code logs in again and is retried once.
 */
export function createAdapterClient(options: NationalProceduresOptions & { name: string }): AdapterClient {
  const { name: source, url, dstcode, dstcodeIn = 'header', username, password, madonvi = '000.00.00.G22', timeoutMs, connections } = options;
  const expiredCodes = new Set((options.sessionExpiredCodes ?? [401]).map(String));
  const http = createHttpClient({ source, baseUrl: url, timeoutMs, connections, resilience: createResilience(source, options.resilience) });
  const routing = dstcodeIn === 'header' ? { headers: { dstcode } } : { query: { dstcode } };

  /** One POST, its answer read into the adapter's envelope; `idempotent` for reads (a login may be sent again too). */
  function post(path: string, json: unknown, idempotent: boolean): Promise<Record<string, unknown>> {
    return http.request({ method: 'POST', path, json, idempotent, ...routing }, (res) => {
      assertHttpOk(res, source);
      const body = parseJsonBody(res, source);
      if (typeof body !== 'object' || body === null || Array.isArray(body) || !('error_code' in body)) {
        throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered ${path} without an error_code: ${JSON.stringify(body).slice(0, 120)}`, { source });
      }
      return body as Record<string, unknown>;
    });
  }

  async function login(): Promise<string> {
    const body = await post('/login', { username, password }, true);
    const token = body.session;
    if (String(body.error_code) !== '0' || typeof token !== 'string' || token === '') {
      throw new GatewayError('UPSTREAM_AUTH_FAILED', `${source} refused the login: ${String(body.error_message ?? body.error_code)}`, {
        source,
        upstreamCode: String(body.error_code),
      });
    }
    return token;
  }

  const session = createSession(login);

  async function call(service: AdapterService, params: Record<string, unknown> = {}): Promise<unknown[]> {
    for (let attempt = 0; ; attempt++) {
      const token = await session.current();
      const body = await post('/integration', { session: token, madonvi, service, ...params }, READ_SERVICES.has(service));
      const code = String(body.error_code);
      if (code === '0') return readResult(body.result, service, source);
      if (expiredCodes.has(code) && attempt === 0) {
        await session.expired(token);
        continue;
      }
      throw new GatewayError('UPSTREAM_ERROR', `${source} ${service} failed: ${String(body.error_message ?? 'no message')} (error_code ${code})`, {
        source,
        upstreamCode: code,
      });
    }
  }

  return {
    http,
    call,
    async close() {
      await http.close();
      http.resilience.close();
    },
  };
}

function assertHttpOk(res: HttpResponse, source: string): void {
  if (res.status >= 200 && res.status < 300) return;
  const code = res.status === 401 || res.status === 403 ? 'UPSTREAM_AUTH_FAILED' : res.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE';
  throw new GatewayError(code, `${source} answered HTTP ${res.status}`, { source, upstreamCode: res.status });
}

/** `result` is promised as an array; some deployments send one object or null for none. */
function readResult(result: unknown, service: string, source: string): unknown[] {
  if (Array.isArray(result)) return result;
  if (result === null || result === undefined) return [];
  if (typeof result === 'object') return [readObject(result)];
  throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} ${service} answered a result that is not a list: ${JSON.stringify(result).slice(0, 120)}`, { source });
}
