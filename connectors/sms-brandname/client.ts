import { GatewayError } from '../../src/errors';
import { asSendFailure, createHttpClient, createResilience, parseJsonBody, readNumber, readObject, readText, sendFailure, type HttpClient, type HttpResponse } from '../kit';
import type { SmsBrandnameOptions } from './config';
import { mapSendAnswer } from './map-send-answer';

/** A send the gateway took: new, or a RequestId it had taken before. */
export interface SmsAccepted {
  smsId: string | null;
  duplicate: boolean;
}

export interface SmsClient {
  readonly http: HttpClient;
  send(request: { phone: string; content: string; unicode: boolean; requestId: string }): Promise<SmsAccepted>;
  balance(): Promise<number | null>;
  close(): Promise<void>;
}

const ACCEPTED = '100';
const DUPLICATE_REQUEST_ID = '124';
/** (our reading) 101 wrong keys: the account must be fixed, never retried as is. */
const WRONG_KEYS = '101';
/** (our reading) 103 balance too low: a top-up makes a retry succeed. */
const RETRYABLE = new Set(['103']);

/**
 * The brandname gateway's protocol (our reading, see SmsBrandnameOptions) and the one place
 * its failures become catalogue errors: `CodeResult` 100 is a message taken, 124 a
 * RequestId taken before (delivered, not sent again), 101 refused keys, anything else the
 * gateway's refusal with its code. Every send failure carries `retryable` and, where the
 * answer was lost, `outcomeUnknown`.
 */
export function createSmsClient(options: SmsBrandnameOptions & { name: string }): SmsClient {
  const {
    name: source,
    url,
    apiKey,
    secretKey,
    brandname,
    sendPath = '/MainService.svc/json/SendMultipleMessage_V4_post_json/',
    balancePath = '/MainService.svc/json/GetBalance/',
    timeoutMs,
    connections = 4,
  } = options;
  const http = createHttpClient({ source, baseUrl: url, timeoutMs, connections, resilience: createResilience(source, options.resilience) });

  return {
    http,
    async send({ phone, content, unicode, requestId }) {
      const res = await http
        .request({
          method: 'POST',
          path: sendPath,
          json: { ApiKey: apiKey, SecretKey: secretKey, Brandname: brandname, Phone: phone, Content: content, SmsType: '2', IsUnicode: unicode ? 1 : 0, RequestId: requestId, Sandbox: 0 },
        })
        .catch((err: unknown) => {
          throw asSendFailure(err, source);
        });
      assertHttpOk(res, source);
      let answer;
      try {
        answer = mapSendAnswer(parseJsonBody(res, source));
      } catch (err) {
        throw asSendFailure(err, source);
      }
      if (answer === null) throw sendFailure('UPSTREAM_BAD_RESPONSE', `${source} answered a send without a CodeResult: ${JSON.stringify(res.text().slice(0, 120))}`, { source, retryable: true, outcomeUnknown: true });
      if (answer.code === ACCEPTED) return { smsId: answer.smsId, duplicate: false };
      if (answer.code === DUPLICATE_REQUEST_ID) return { smsId: answer.smsId, duplicate: true };
      if (answer.code === WRONG_KEYS) throw sendFailure('UPSTREAM_AUTH_FAILED', `${source} refused the ApiKey or SecretKey: ${answer.message ?? 'no message'}`, { source, upstreamCode: answer.code, retryable: false });
      throw sendFailure('UPSTREAM_ERROR', `${source} refused the message: ${answer.message ?? 'no message'} (CodeResult ${answer.code})`, { source, upstreamCode: answer.code, retryable: RETRYABLE.has(answer.code) });
    },
    async balance() {
      const res = await http.request({ method: 'GET', path: `${balancePath}${encodeURIComponent(apiKey)}/${encodeURIComponent(secretKey)}` });
      if (res.status < 200 || res.status >= 300) {
        throw new GatewayError(res.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE', `${source} answered the balance read with HTTP ${res.status}`, { source, upstreamCode: res.status });
      }
      const body = readObject(parseJsonBody(res, source));
      const code = readText(body.CodeResponse) ?? readText(body.CodeResult);
      if (code === null) throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered the balance read without a code`, { source });
      if (code === WRONG_KEYS) throw new GatewayError('UPSTREAM_AUTH_FAILED', `${source} refused the ApiKey or SecretKey`, { source, upstreamCode: code });
      if (code !== ACCEPTED) throw new GatewayError('UPSTREAM_ERROR', `${source} refused the balance read (code ${code})`, { source, upstreamCode: code });
      return readNumber(body.Balance);
    },
    async close() {
      await http.close();
      http.resilience.close();
    },
  };
}

function assertHttpOk(res: HttpResponse, source: string): void {
  if (res.status >= 200 && res.status < 300) return;
  const transient = res.status >= 500 || res.status === 429;
  const code = res.status === 401 || res.status === 403 ? 'UPSTREAM_AUTH_FAILED' : transient ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE';
  throw sendFailure(code, `${source} answered the send with HTTP ${res.status}`, { source, upstreamCode: res.status, retryable: transient, outcomeUnknown: res.status >= 500 });
}
