import { createFailNext, startSimServer, type SimResponse, type SimServer } from '../kit';
import { DEMO_ZNS_TEMPLATES } from './demo-templates';
import { handleAccessToken } from './handle-access-token';
import { handleQuota, handleSendTemplate, type SendTemplateState } from './handle-send-template';
import { createTokenRegistry } from './token-registry';
import type { ZnsReceivedMessage, ZnsSimulatorState, ZnsTemplate } from './types';

export interface ZaloZnsSimulatorOptions {
  /** The Zalo app the Official Account is linked to. @default 'demo-app-1' */
  appId?: string;
  /** The app's secret key, sent by clients as the `secret_key` header of OAuth calls. @default 'demo-zalo-secret' */
  secretKey?: string;
  /** The refresh token the OA's first authorization gave. @default 'demo-refresh-token' */
  refreshToken?: string;
  /** An access token valid from the start; without one, a client must refresh first. */
  accessToken?: string;
  /** Lifetime of issued access tokens; Zalo's is about 25 hours. @default 90000 */
  accessTokenTtlSeconds?: number;
  /** The OA's approved templates. @default DEMO_ZNS_TEMPLATES */
  templates?: readonly ZnsTemplate[];
  /** Messages the OA may send per day. @default 10000 */
  dailyQuota?: number;
  /** Numbers (84…) that have no Zalo account: sends to them answer -118. @default [] */
  phonesWithoutZalo?: readonly string[];
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
}

/** How the next calls fail: a ZNS `error` answer (HTTP 200), or an HTTP status with a body. */
export type ZnsFailure = { error: number; message?: string } | { status: number; body?: string; contentType?: string };

export interface ZaloZnsSimulator extends SimServer {
  /** The OAuth base to configure clients with: `{url}/v4/oa`. */
  readonly oauthUrl: string;
  readonly appId: string;
  readonly secretKey: string;
  /** Every message accepted so far, in order. */
  readonly messages: readonly ZnsReceivedMessage[];
  state(): ZnsSimulatorState;
  /** Fails the next `count` protocol calls (template sends and token refreshes) with `failure`. */
  failNext(count: number, failure: ZnsFailure): void;
  /** Every access token issued so far stops working, as when Zalo revokes or expires them. */
  expireAccessTokens(): void;
}

/**
 * Starts a simulated Zalo Notification Service on loopback (docs/sources.md §6): template
 * messages at `POST /message/template` with the OA's access token in an `access_token`
 * header, the OA's daily quota at `GET /message/quota` (our reading), and the OA token
 * refresh at `POST /v4/oa/access_token`. Keeps every message it
 * accepts, validates as strictly as Zalo (unknown template, parameter too long, phone not
 * in 84… form, wrong or expired token → coded errors), rotates refresh tokens, refuses a
 * tracking_id it has already delivered (code -1001 with the first msg_id: our rule), and
 * has the kit's faults plus `failNext`. `GET /__sim/state` shows `state()`;
 * `POST /__sim/fail-next` takes `{count, failure}`; `POST /__sim/expire-tokens`.
 */
export async function startZaloZnsSimulator({
  appId = 'demo-app-1',
  secretKey = 'demo-zalo-secret',
  refreshToken = 'demo-refresh-token',
  accessToken,
  accessTokenTtlSeconds = 90_000,
  templates = DEMO_ZNS_TEMPLATES,
  dailyQuota = 10_000,
  phonesWithoutZalo = [],
  host,
  port,
}: ZaloZnsSimulatorOptions = {}): Promise<ZaloZnsSimulator> {
  const tokens = createTokenRegistry({ refreshToken, accessToken, ttlSeconds: accessTokenTtlSeconds });
  const failing = createFailNext();
  const sendState: SendTemplateState = {
    tokens,
    templates: new Map(templates.map((t) => [t.id, t])),
    messages: [],
    byTrackingId: new Map(),
    phonesWithoutZalo: new Set(phonesWithoutZalo),
    quota: { daily: dailyQuota, remaining: dailyQuota },
  };
  const state = (): ZnsSimulatorState => ({
    messages: [...sendState.messages],
    refreshToken: tokens.currentRefreshToken,
    accessTokensIssued: tokens.issued,
    refreshes: tokens.refreshes,
    quota: { ...sendState.quota },
    failing: failing.remaining,
  });
  const failNext = (count: number, failure: ZnsFailure): void => failing.set(count, failureResponse(failure));

  const server: SimServer = await startSimServer({
    name: 'zalo-zns',
    host,
    port,
    controls: {
      state,
      'fail-next': (body) => {
        const { count, failure } = (body ?? {}) as { count?: unknown; failure?: unknown };
        if (typeof count !== 'number' || !isFailure(failure)) throw new Error('expected {"count": n, "failure": {"error": -32} | {"status": 503}}');
        failNext(count, failure);
        return { ok: true, failing: failing.remaining };
      },
      'expire-tokens': () => tokens.expireAccessTokens(),
    },
    handler: (req) => {
      const operation =
        req.method === 'POST' && req.path === '/message/template' ? 'sendTemplate'
        : req.method === 'POST' && req.path === '/v4/oa/access_token' ? 'refreshToken'
        : req.method === 'GET' && req.path === '/message/quota' ? 'quota'
        : null;
      if (operation === null) return { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><body><h1>404 Not Found</h1></body></html>' };
      server.countAs(operation);
      const failure = failing.take();
      if (failure) return failure;
      if (operation === 'quota') return handleQuota(req, sendState);
      return operation === 'sendTemplate' ? handleSendTemplate(req, sendState) : handleAccessToken(req, { appId, secretKey, tokens });
    },
  });

  return Object.assign(server, {
    oauthUrl: `${server.url}/v4/oa`,
    appId,
    secretKey,
    messages: sendState.messages,
    state,
    failNext,
    expireAccessTokens: () => tokens.expireAccessTokens(),
  });
}

function isFailure(value: unknown): value is ZnsFailure {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.error === 'number' || typeof v.status === 'number';
}

function failureResponse(failure: ZnsFailure): SimResponse {
  if ('error' in failure) {
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ error: failure.error, message: failure.message ?? 'Lỗi do mô phỏng' }) };
  }
  return { status: failure.status, headers: { 'content-type': failure.contentType ?? 'text/plain; charset=utf-8' }, body: failure.body ?? 'Service Unavailable' };
}
