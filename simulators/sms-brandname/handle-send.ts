import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../kit';
import { isGsmText } from './is-gsm-text';
import { SMS_RESULTS } from './result-codes';
import type { SmsReceivedMessage } from './types';

export interface SendState {
  apiKey: string;
  secretKey: string;
  brandnames: ReadonlySet<string>;
  messages: SmsReceivedMessage[];
  byRequestId: Map<string, SmsReceivedMessage>;
  account: { balance: number };
}

/** One segment: 160 GSM characters, or 70 UTF-16 units in Unicode. */
const SEGMENT = { gsm: 160, unicode: 70 };

/**
 * A customer-care (CSKH, SmsType 2) message, JSON in and out. (our reading) Fields as the
 * gateway documents them: `ApiKey, SecretKey, Brandname, Phone, Content, SmsType,
 * IsUnicode, RequestId`; the answer `{CodeResult, SMSID}` or `{CodeResult, ErrorMessage}`,
 * HTTP 200 either way. Strict where carriers are: one segment only, plain text must be in
 * the GSM alphabet, phone in 84… form; a RequestId seen before answers 124 with the first
 * SMSID and sends nothing.
 */
export function handleSend(req: SimRequest, state: SendState): SimResponse {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(req.text());
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    return answer(SMS_RESULTS.INVALID_INPUT, 'body không phải JSON');
  }
  if (body.ApiKey !== state.apiKey || body.SecretKey !== state.secretKey) return answer(SMS_RESULTS.WRONG_KEY);
  if (String(body.SmsType ?? '') !== '2') return answer(SMS_RESULTS.TYPE_MISSING);
  const brandname = typeof body.Brandname === 'string' ? body.Brandname : '';
  if (!state.brandnames.has(brandname)) return answer(SMS_RESULTS.BRANDNAME_UNKNOWN);
  const phone = body.Phone;
  if (typeof phone !== 'string' || !/^84\d{9}$/.test(phone)) return answer(SMS_RESULTS.INVALID_INPUT, `số điện thoại không hợp lệ: ${JSON.stringify(phone)}`);
  const content = body.Content;
  const unicode = String(body.IsUnicode ?? '0') === '1';
  if (typeof content !== 'string' || content.trim() === '') return answer(SMS_RESULTS.INVALID_INPUT, 'thiếu nội dung');
  if (!unicode && !isGsmText(content)) return answer(SMS_RESULTS.INVALID_INPUT, 'nội dung có ký tự ngoài bảng GSM; gửi IsUnicode 1 hoặc bỏ dấu');
  const limit = unicode ? SEGMENT.unicode : SEGMENT.gsm;
  if (content.length > limit) return answer(SMS_RESULTS.INVALID_INPUT, `nội dung dài ${content.length} ký tự, tối đa ${limit} cho một tin`);
  const requestId = body.RequestId;
  if (typeof requestId !== 'string' || requestId === '') return answer(SMS_RESULTS.INVALID_INPUT, 'thiếu RequestId');
  const earlier = state.byRequestId.get(requestId);
  if (earlier) return json({ ...SMS_RESULTS.DUPLICATE_REQUEST_ID, SMSID: earlier.smsId });
  if (state.account.balance <= 0) return answer(SMS_RESULTS.BALANCE_TOO_LOW);
  state.account.balance -= 1;
  const message: SmsReceivedMessage = { smsId: randomUUID(), phone, brandname, content, unicode, requestId, receivedAt: new Date().toISOString() };
  state.messages.push(message);
  state.byRequestId.set(requestId, message);
  return json({ CodeResult: SMS_RESULTS.ACCEPTED.CodeResult, CountRegenerate: 0, SMSID: message.smsId });
}

function answer(result: { CodeResult: string; ErrorMessage: string }, detail?: string): SimResponse {
  return json({ CodeResult: result.CodeResult, ErrorMessage: detail ? `${result.ErrorMessage} ${detail}`.trim() : result.ErrorMessage });
}

function json(value: unknown): SimResponse {
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}
