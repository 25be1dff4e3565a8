import { readCount, readNumber, readObject, readText } from '../kit';

/** What a ZNS send answered, read from its JSON body. */
export type ZnsSendAnswer =
  | { kind: 'sent'; msgId: string; sentAt: string | null; remainingQuota: number | null }
  | { kind: 'error'; code: number; message: string | null; msgId: string | null };

/**
 * Reads a `POST /message/template` answer: `{error: 0, data: {msg_id, sent_time, quota}}`
 * on success, a non-zero `error` otherwise. Real answers send numbers as strings
 * (`"error": "-124"`, `sent_time` as milliseconds in a string, quota figures as strings);
 * all are read. Returns null when the body has no readable `error` (not a ZNS answer).
 */
export function mapSendAnswer(raw: unknown): ZnsSendAnswer | null {
  const body = readObject(raw);
  const code = readCode(body.error);
  if (code === null) return null;
  const data = readObject(body.data);
  const msgId = readText(data.msg_id);
  if (code !== 0) return { kind: 'error', code, message: readText(body.message), msgId };
  if (msgId === null) return null;
  const sentMs = readNumber(data.sent_time);
  return {
    kind: 'sent',
    msgId,
    sentAt: sentMs !== null && sentMs > 0 ? new Date(sentMs).toISOString() : null,
    remainingQuota: readCount(readObject(data.quota).remainingQuota),
  };
}

/** An `error` field as a number: `0`, `-124`, `"-124"`; null for anything else. */
export function readCode(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  const text = readText(value);
  return text !== null && /^-?\d+$/.test(text) ? Number(text) : null;
}
