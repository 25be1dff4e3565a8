import { GatewayError } from '../../src/errors';
import { asSendFailure, createHttpClient, createResilience, parseJsonBody, readCount, readObject, sendFailure, type HttpClient, type HttpResponse } from '../kit';
import type { ZaloZnsOptions } from './config';
import { mapSendAnswer, readCode } from './map-send-answer';
import { mapTokenAnswer } from './map-token-answer';
import { createMemoryTokenStore, type ZaloTokens } from './token-store';

/** The body of a template message, as ZNS takes it. */
export interface ZnsRequest {
  phone: string;
  template_id: string;
  template_data: Record<string, string>;
  tracking_id: string;
}

/** A send Zalo took: new, or a tracking id it had delivered before. */
export interface ZnsAccepted {
  msgId: string | null;
  sentAt: string | null;
  duplicate: boolean;
  remainingQuota: number | null;
}

export interface ZnsClient {
  readonly http: HttpClient;
  readonly oauth: HttpClient;
  send(request: ZnsRequest): Promise<ZnsAccepted>;
  /** The OA's daily quota (`GET /message/quota`, our reading). */
  quota(): Promise<{ daily: number | null; remaining: number | null }>;
  close(): Promise<void>;
}

/** (our reading) ZNS `error` codes a later retry may fix: rate limit, unknown error, daily quota. Every other code is final. */
const RETRYABLE_CODES = new Set([-32, -100, -144]);
const QUOTA_EXCEEDED = -144;

/**
 * The ZNS protocol (docs/sources.md §6) and the one place its failures become catalogue
 * errors. Tokens: the OA's access token goes in an `access_token` header; it is refreshed
 * with the refresh token at `{oauthUrl}/access_token` before it expires
 * (`refreshMarginSeconds`) and when Zalo answers HTTP 401 or a token-expired `error`
 * (then the call is retried once). Refreshes are single-flight in this process, re-read
 * the token store first (another replica may have refreshed), and save the rotated pair
 * before it is used. Every send failure carries `retryable` and, where the answer was
 * lost, `outcomeUnknown`.
 */
export function createZnsClient(options: ZaloZnsOptions & { name: string }): ZnsClient {
  const {
    name: source,
    url = 'https://business.openapi.zalo.me',
    oauthUrl = 'https://oauth.zaloapp.com/v4/oa',
    appId,
    secretKey,
    refreshMarginSeconds = 300,
    timeoutMs,
    connections = 8,
  } = options;
  const store = options.tokenStore ?? createMemoryTokenStore(options.refreshToken ? { accessToken: null, refreshToken: options.refreshToken, accessTokenExpiresAt: null } : null);
  const expiredCodes = new Set(options.tokenExpiredCodes ?? [-124, -216]);
  const duplicateCodes = new Set(options.duplicateTrackingCodes ?? [-1001]);
  // One resilience layer for the source, shared by its two HTTP clients (messages and token refresh).
  const resilience = createResilience(source, options.resilience);
  const http = createHttpClient({ source, baseUrl: url, timeoutMs, connections, resilience });
  const oauth = createHttpClient({ source, baseUrl: oauthUrl, timeoutMs, connections: 1, resilience });
  let tokens: ZaloTokens | null = null;
  let refreshing: Promise<ZaloTokens> | null = null;

  const usable = (t: ZaloTokens | null): t is ZaloTokens & { accessToken: string } =>
    t !== null && t.accessToken !== null && (t.accessTokenExpiresAt === null || t.accessTokenExpiresAt - refreshMarginSeconds * 1000 > Date.now());

  async function refresh(stale: string | null): Promise<ZaloTokens> {
    const stored = await store.load();
    // Another replica (or an earlier call) refreshed since `stale` was used: take its pair.
    if (usable(stored) && stored.accessToken !== stale) return stored;
    const refreshToken = stored?.refreshToken ?? tokens?.refreshToken;
    if (!refreshToken) throw sendFailure('UPSTREAM_AUTH_FAILED', `${source} has no refresh token: authorize the Official Account and configure its refresh token`, { source, retryable: false });
    const res = await oauth.request({
      method: 'POST',
      path: '/access_token',
      headers: { secret_key: secretKey, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ app_id: appId, grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
    });
    assertHttpOk(res, source, 'token refresh');
    const answer = mapTokenAnswer(parseJsonBody(res, source));
    if (answer.kind === 'error') {
      throw sendFailure('UPSTREAM_AUTH_FAILED', `${source} refused the token refresh: ${answer.description} (error ${answer.code ?? 'none'}); the Official Account may need to be authorized again`, {
        source,
        upstreamCode: answer.code ?? undefined,
        retryable: false,
      });
    }
    const next: ZaloTokens = {
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
      accessTokenExpiresAt: answer.expiresInSeconds === null ? null : Date.now() + answer.expiresInSeconds * 1000,
    };
    // The old refresh token is spent now: the new pair is saved before anything uses it.
    await store.save(next);
    return next;
  }

  async function accessToken(stale: string | null = null): Promise<string> {
    if (tokens === null) tokens = await store.load();
    if (stale === null && usable(tokens)) return tokens.accessToken;
    if (!refreshing) {
      refreshing = refresh(stale).finally(() => {
        refreshing = null;
      });
    }
    tokens = await refreshing.catch((err: unknown) => {
      throw asSendFailure(err, source);
    });
    return tokens.accessToken!;
  }

  async function call(request: (token: string) => Promise<HttpResponse>): Promise<Record<string, unknown>> {
    let token = await accessToken();
    for (let attempt = 0; ; attempt++) {
      const res = await request(token).catch((err: unknown) => {
        throw asSendFailure(err, source);
      });
      let body: Record<string, unknown> | null = null;
      if (res.status !== 401) {
        assertHttpOk(res, source, 'call');
        try {
          body = readObject(parseJsonBody(res, source));
        } catch (err) {
          // HTTP 200 with a body that is not JSON (a proxy's HTML page): Zalo may have sent it.
          throw asSendFailure(err, source);
        }
      }
      const code = body === null ? null : readCode(body.error);
      if (body === null || (code !== null && expiredCodes.has(code))) {
        if (attempt === 0) {
          token = await accessToken(token);
          continue;
        }
        throw sendFailure('UPSTREAM_AUTH_FAILED', `${source} refused a freshly refreshed access token (${body === null ? 'HTTP 401' : `error ${code}`})`, { source, upstreamCode: body === null ? 401 : (code ?? undefined), retryable: false });
      }
      return body;
    }
  }

  return {
    http,
    oauth,
    async send(request) {
      const body = await call((token) => http.request({ method: 'POST', path: '/message/template', headers: { access_token: token }, json: request }));
      const answer = mapSendAnswer(body);
      if (answer === null) {
        throw sendFailure('UPSTREAM_BAD_RESPONSE', `${source} answered a template message without an error code or msg_id: ${JSON.stringify(body).slice(0, 120)}`, { source, retryable: true, outcomeUnknown: true });
      }
      if (answer.kind === 'sent') return { msgId: answer.msgId, sentAt: answer.sentAt, duplicate: false, remainingQuota: answer.remainingQuota };
      if (duplicateCodes.has(answer.code)) return { msgId: answer.msgId, sentAt: null, duplicate: true, remainingQuota: null };
      const retryable = RETRYABLE_CODES.has(answer.code);
      throw sendFailure('UPSTREAM_ERROR', `${source} refused the message: ${answer.message ?? 'no message'} (error ${answer.code})`, {
        source,
        upstreamCode: answer.code,
        retryable,
        ...(answer.code === QUOTA_EXCEEDED ? { retryAfterMs: untilNextVietnamDay() } : {}),
      });
    },
    async quota() {
      const body = await call((token) => http.request({ method: 'GET', path: '/message/quota', headers: { access_token: token } }));
      const code = readCode(body.error);
      if (code !== 0) {
        throw new GatewayError('UPSTREAM_ERROR', `${source} refused the quota read: ${String(body.message ?? 'no message')} (error ${String(code)})`, { source, upstreamCode: code ?? undefined });
      }
      const data = readObject(body.data);
      return { daily: readCount(data.dailyQuota), remaining: readCount(data.remainingQuota) };
    },
    async close() {
      await Promise.all([http.close(), oauth.close()]);
      resilience.close();
    },
  };
}

/** Zalo answers most failures with HTTP 200; a 5xx or 429 is an outage worth retrying, any other status a misconfiguration. */
function assertHttpOk(res: HttpResponse, source: string, what: string): void {
  if (res.status >= 200 && res.status < 300) return;
  const transient = res.status >= 500 || res.status === 429;
  throw sendFailure(transient ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE', `${source} answered the ${what} with HTTP ${res.status}`, {
    source,
    upstreamCode: res.status,
    retryable: transient,
    outcomeUnknown: res.status >= 500,
  });
}

/** The daily ZNS quota renews at midnight, Vietnam time (UTC+7). */
function untilNextVietnamDay(now = Date.now()): number {
  const day = 86_400_000;
  const offset = 7 * 3_600_000;
  return day - ((now + offset) % day);
}
