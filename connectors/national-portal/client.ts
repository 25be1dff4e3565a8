import { GatewayError } from '../../src/errors';
import { createHttpClient, createResilience, createSession, readList, type HttpClient, type HttpResponse } from '../kit';
import type { NationalPortalOptions } from './config';
import { isAlreadyExistsMessage, isDossierNotFoundMessage, normaliseErrorCode, readPortalAnswer } from './read-portal-answer';

/** The portal's services this connector calls (docs/sources.md §4). */
export type PortalService = 'TraCuuHoSo' | 'DongBoHoSoMC' | 'CapNhatTienDoHoSoMC';

/**
 * What a call answered, when it is something the caller decides on: success with its
 * `result` list, or the portal saying the dossier already exists / does not exist.
 */
export type PortalReply =
  | { kind: 'ok'; result: unknown[] }
  | { kind: 'exists' | 'not-found'; upstreamCode: string; message: string | null };

export interface PortalClient {
  readonly http: HttpClient;
  /** Calls one service; every other answer is thrown as a catalogue error. */
  call(service: PortalService, params: Record<string, unknown>): Promise<PortalReply>;
  close(): Promise<void>;
}

const DEFAULTS = { sessionExpiredCodes: [401], alreadyExistsCodes: [3, -3], notFoundCodes: [-4], rejectionCodes: [10, 11, 12, 13, 14, 15, 16, 17] };

/**
 * The portal's adapter protocol (docs/sources.md §4, the adapter of §1): `POST /login` →
 * `session`; `POST /integration` with `{session, madonvi, service, …params}`. This is the
 * one place the portal's failures become catalogue errors:
 * - HTTP 401/403 → UPSTREAM_AUTH_FAILED; 408, 429, 5xx, connection → UPSTREAM_UNAVAILABLE;
 *   deadline → UPSTREAM_TIMEOUT; other HTTP, not JSON, no `error_code` → UPSTREAM_BAD_RESPONSE;
 * - a login refused → UPSTREAM_AUTH_FAILED;
 * - `error_code` in `rejectionCodes` → UPSTREAM_REJECTED (permanent: the content is refused);
 * - any other non-zero code → UPSTREAM_ERROR (worth retrying);
 * each with `source`, and the portal's `upstreamCode` and `upstreamMessage`.
 * "Already exists" and "does not exist" answers are returned, not thrown (see PortalReply).
 *
 * Sessions: one login is shared by all concurrent calls (single flight); a call answered
 * with a session-expired code logs in again and is retried once.
 */
export function createPortalClient(options: NationalPortalOptions & { name: string }): PortalClient {
  const { name: source, url, dstcode, dstcodeIn = 'header', username, password, madonvi = '000.00.00.G22', timeoutMs, connections = 8 } = options;
  const codes = (list: Array<number | string> | undefined, fallback: number[]): Set<string> => new Set((list ?? fallback).map(normaliseErrorCode));
  const expiredCodes = codes(options.sessionExpiredCodes, DEFAULTS.sessionExpiredCodes);
  const existsCodes = codes(options.alreadyExistsCodes, DEFAULTS.alreadyExistsCodes);
  const notFoundCodes = codes(options.notFoundCodes, DEFAULTS.notFoundCodes);
  const rejectionCodes = codes(options.rejectionCodes, DEFAULTS.rejectionCodes);
  const http = createHttpClient({ source, baseUrl: url, timeoutMs, connections, resilience: createResilience(source, options.resilience) });
  const routing = dstcodeIn === 'header' ? { headers: { dstcode } } : { query: { dstcode } };

  /**
   * One POST, its answer read inside the source's resilience layer (so the code it throws
   * decides whether it counts against the breaker). Only the login and look-ups are
   * `idempotent` and retried by the kit; a write is retried by the push, which knows whether
   * it may have landed.
   */
  function post(path: string, json: unknown, what: string, idempotent: boolean): Promise<ReturnType<typeof readPortalAnswer>> {
    return http.request({ method: 'POST', path, json, idempotent, ...routing }, (res) => {
      assertHttpOk(res, source);
      return readPortalAnswer(res, source, what);
    });
  }

  async function login(): Promise<string> {
    const answer = await post('/login', { username, password }, 'the login', true);
    const token = answer.body.session;
    if (answer.code !== '0' || typeof token !== 'string' || token === '') {
      throw new GatewayError('UPSTREAM_AUTH_FAILED', `${source} refused the login: ${answer.message ?? `error_code ${answer.code}`}`, {
        source,
        upstreamCode: answer.code,
      });
    }
    return token;
  }

  const session = createSession(login);

  async function call(service: PortalService, params: Record<string, unknown>): Promise<PortalReply> {
    for (let attempt = 0; ; attempt++) {
      const token = await session.current();
      const answer = await post('/integration', { session: token, madonvi, service, ...params }, service, service === 'TraCuuHoSo');
      const { code, message } = answer;
      if (code === '0') return { kind: 'ok', result: readList(answer.body.result) };
      if (expiredCodes.has(code) && attempt === 0) {
        await session.expired(token);
        continue;
      }
      const details = { source, upstreamCode: code, upstreamMessage: message };
      if (existsCodes.has(code)) return { kind: 'exists', upstreamCode: code, message };
      if (notFoundCodes.has(code)) return { kind: 'not-found', upstreamCode: code, message };
      if (rejectionCodes.has(code)) {
        throw new GatewayError('UPSTREAM_REJECTED', `${source} ${service} refused what was sent: ${message ?? 'no message'} (error_code ${code})`, details);
      }
      if (isAlreadyExistsMessage(message)) return { kind: 'exists', upstreamCode: code, message };
      if (isDossierNotFoundMessage(message)) return { kind: 'not-found', upstreamCode: code, message };
      throw new GatewayError('UPSTREAM_ERROR', `${source} ${service} failed: ${message ?? 'no message'} (error_code ${code})`, details);
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
  const code =
    res.status === 401 || res.status === 403
      ? 'UPSTREAM_AUTH_FAILED'
      : res.status >= 500 || res.status === 408 || res.status === 429
        ? 'UPSTREAM_UNAVAILABLE'
        : 'UPSTREAM_BAD_RESPONSE';
  throw new GatewayError(code, `${source} answered HTTP ${res.status}`, { source, upstreamCode: res.status });
}
