import { createFailNext, startSimServer, type SimResponse, type SimServer } from '../kit';
import { handleSend, type SendState } from './handle-send';
import type { SmsReceivedMessage, SmsSimulatorState } from './types';

/** Where the gateway takes customer-care messages. (our reading) As the documented JSON endpoint of one gateway. */
export const SMS_SEND_PATH = '/MainService.svc/json/SendMultipleMessage_V4_post_json/';
/** The account's balance, `GET {BALANCE_PATH}{ApiKey}/{SecretKey}` → `{Balance, CodeResponse}`. (our reading) As that gateway documents it. */
export const BALANCE_PATH = '/MainService.svc/json/GetBalance/';

export interface SmsBrandnameSimulatorOptions {
  /** @default 'demo-sms-key' */
  apiKey?: string;
  /** @default 'demo-sms-secret' */
  secretKey?: string;
  /** Brandnames registered with the carriers for this account. @default ['UBND-TINH'] */
  brandnames?: readonly string[];
  /** Messages the account can pay for. @default 10000 */
  balance?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
}

/** How the next calls fail: a gateway `CodeResult` answer (HTTP 200), or an HTTP status with a body. */
export type SmsFailure = { codeResult: string; errorMessage?: string } | { status: number; body?: string; contentType?: string };

export interface SmsBrandnameSimulator extends SimServer {
  readonly apiKey: string;
  readonly secretKey: string;
  readonly messages: readonly SmsReceivedMessage[];
  state(): SmsSimulatorState;
  /** Fails the next `count` send calls with `failure`. */
  failNext(count: number, failure: SmsFailure): void;
}

/**
 * Starts a simulated SMS brandname gateway on loopback (our reading of Vietnamese
 * brandname gateways, docs/sources.md §6 beside ZNS): customer-care messages at `SMS_SEND_PATH`,
 * the account's balance at `BALANCE_PATH`.
 * Keeps every message it accepts, validates strictly (keys, brandname, phone, GSM text in
 * one segment), de-duplicates on RequestId, and has the kit's faults plus `failNext`.
 * `GET /__sim/state` shows `state()`; `POST /__sim/fail-next` takes `{count, failure}`.
 */
export async function startSmsBrandnameSimulator({
  apiKey = 'demo-sms-key',
  secretKey = 'demo-sms-secret',
  brandnames = ['UBND-TINH'],
  balance = 10_000,
  host,
  port,
}: SmsBrandnameSimulatorOptions = {}): Promise<SmsBrandnameSimulator> {
  const failing = createFailNext();
  const sendState: SendState = { apiKey, secretKey, brandnames: new Set(brandnames), messages: [], byRequestId: new Map(), account: { balance } };
  const state = (): SmsSimulatorState => ({ messages: [...sendState.messages], balance: sendState.account.balance, failing: failing.remaining });
  const failNext = (count: number, failure: SmsFailure): void => failing.set(count, failureResponse(failure));
  const server: SimServer = await startSimServer({
    name: 'sms-brandname',
    host,
    port,
    controls: {
      state,
      'fail-next': (body) => {
        const { count, failure } = (body ?? {}) as { count?: unknown; failure?: unknown };
        if (typeof count !== 'number' || typeof failure !== 'object' || failure === null) throw new Error('expected {"count": n, "failure": {"codeResult": "99"} | {"status": 503}}');
        failNext(count, failure as SmsFailure);
        return { ok: true, failing: failing.remaining };
      },
    },
    handler: (req) => {
      if (req.method === 'GET' && req.path.startsWith(BALANCE_PATH)) {
        server.countAs('balance');
        const [key, secret] = req.path.slice(BALANCE_PATH.length).split('/').map(decodeURIComponent);
        const known = key === apiKey && secret === secretKey;
        return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(known ? { Balance: sendState.account.balance, CodeResponse: '100', UserID: 4711 } : { CodeResponse: '101', ErrorMessage: 'Sai thông tin ApiKey hoặc SecretKey.' }) };
      }
      if (req.method !== 'POST' || req.path !== SMS_SEND_PATH) return { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><body><h1>404 - File or directory not found.</h1></body></html>' };
      server.countAs('send');
      return failing.take() ?? handleSend(req, sendState);
    },
  });
  return Object.assign(server, { apiKey, secretKey, messages: sendState.messages, state, failNext });
}

function failureResponse(failure: SmsFailure): SimResponse {
  if ('codeResult' in failure) {
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ CodeResult: failure.codeResult, ErrorMessage: failure.errorMessage ?? 'Lỗi do mô phỏng' }) };
  }
  return { status: failure.status, headers: { 'content-type': failure.contentType ?? 'text/plain; charset=utf-8' }, body: failure.body ?? 'Service Unavailable' };
}
