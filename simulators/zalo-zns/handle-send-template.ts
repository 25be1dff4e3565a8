import { randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse } from '../kit';
import { ZNS_ERRORS } from './error-codes';
import type { TokenRegistry } from './token-registry';
import type { ZnsReceivedMessage, ZnsTemplate } from './types';

/** What `POST /message/template` reads and changes. */
export interface SendTemplateState {
  tokens: TokenRegistry;
  templates: ReadonlyMap<string, ZnsTemplate>;
  messages: ZnsReceivedMessage[];
  byTrackingId: Map<string, ZnsReceivedMessage>;
  phonesWithoutZalo: ReadonlySet<string>;
  quota: { daily: number; remaining: number };
}

const TRACKING_ID_MAX = 48;

/**
 * `POST /message/template` as Zalo ZNS answers it: HTTP 200 always, `error` 0 and
 * `data {msg_id, sent_time, quota}` on success (numbers sent as strings, as Zalo does), a
 * negative `error` and a Vietnamese `message` otherwise. Validates strictly, in Zalo's
 * order: token, body, phone, template, its data, then the recipient and the quota.
 */
export function handleSendTemplate(req: SimRequest, state: SendTemplateState): SimResponse {
  const token = req.headers.access_token;
  if (typeof token !== 'string' || !state.tokens.isValidAccessToken(token)) return answer(ZNS_ERRORS.ACCESS_TOKEN_INVALID);
  let body: unknown;
  try {
    body = JSON.parse(req.text());
  } catch {
    return answer(ZNS_ERRORS.BODY_INVALID);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return answer(ZNS_ERRORS.BODY_INVALID);
  const { phone, template_id: templateId, template_data: data, tracking_id: trackingId } = body as Record<string, unknown>;
  if (typeof phone !== 'string' || !/^84\d{9}$/.test(phone)) return answer(ZNS_ERRORS.PHONE_INVALID, `phone phải ở dạng 84xxxxxxxxx; nhận được ${JSON.stringify(phone)}`);
  const template = typeof templateId === 'string' || typeof templateId === 'number' ? state.templates.get(String(templateId)) : undefined;
  if (!template) return answer(ZNS_ERRORS.TEMPLATE_INVALID, `template_id ${JSON.stringify(templateId)} không tồn tại hoặc chưa được duyệt`);
  const problem = checkTemplateData(template, data);
  if (problem) return answer(ZNS_ERRORS.TEMPLATE_DATA_INVALID, problem);
  if (typeof trackingId !== 'string' || trackingId === '' || trackingId.length > TRACKING_ID_MAX) {
    return answer(ZNS_ERRORS.BODY_INVALID, `tracking_id phải là chuỗi 1–${TRACKING_ID_MAX} ký tự`);
  }
  const earlier = state.byTrackingId.get(trackingId);
  if (earlier) return { ...answer(ZNS_ERRORS.DUPLICATE_TRACKING_ID), body: JSON.stringify({ ...ZNS_ERRORS.DUPLICATE_TRACKING_ID, data: { msg_id: earlier.msgId, sent_time: String(Date.parse(earlier.receivedAt)) } }) };
  if (state.phonesWithoutZalo.has(phone)) return answer(ZNS_ERRORS.NO_ZALO_ACCOUNT);
  if (state.quota.remaining <= 0) return answer(ZNS_ERRORS.QUOTA_EXCEEDED);
  state.quota.remaining -= 1;
  const message: ZnsReceivedMessage = {
    msgId: randomBytes(16).toString('hex'),
    phone,
    templateId: template.id,
    templateData: data as Record<string, string>,
    trackingId,
    receivedAt: new Date().toISOString(),
  };
  state.messages.push(message);
  state.byTrackingId.set(trackingId, message);
  return json({
    error: 0,
    message: 'Success',
    data: {
      msg_id: message.msgId,
      sent_time: String(Date.parse(message.receivedAt)),
      quota: { dailyQuota: String(state.quota.daily), remainingQuota: String(state.quota.remaining) },
    },
  });
}

/** `GET /message/quota` (our reading): the OA's daily ZNS quota, `{error: 0, data: {dailyQuota, remainingQuota}}`. */
export function handleQuota(req: SimRequest, state: SendTemplateState): SimResponse {
  const token = req.headers.access_token;
  if (typeof token !== 'string' || !state.tokens.isValidAccessToken(token)) return answer(ZNS_ERRORS.ACCESS_TOKEN_INVALID);
  return json({ error: 0, message: 'Success', data: { dailyQuota: String(state.quota.daily), remainingQuota: String(state.quota.remaining) } });
}

/** Exactly the declared parameters, each a string within its length in characters (NFC code points). */
function checkTemplateData(template: ZnsTemplate, data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'template_data phải là một object';
  const values = data as Record<string, unknown>;
  for (const name of Object.keys(values)) {
    if (!template.params.some((p) => p.name === name)) return `tham số ${name} không có trong template ${template.id}`;
  }
  for (const { name, maxLength } of template.params) {
    const value = values[name];
    if (typeof value !== 'string' || value.trim() === '') return `thiếu tham số ${name}`;
    const length = [...value.normalize('NFC')].length;
    if (length > maxLength) return `tham số ${name} dài ${length} ký tự, tối đa ${maxLength}`;
  }
  return null;
}

function answer(error: { error: number; message: string }, detail?: string): SimResponse {
  return json({ error: error.error, message: detail ? `${error.message}: ${detail}` : error.message });
}

function json(value: unknown): SimResponse {
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}
