import { GatewayError } from '../../src/errors';
import { parseJsonBody, readText, type HttpResponse } from '../kit';

/** One answer of the adapter, read: its `error_code` normalised, its message, and the rest. */
export interface PortalAnswer {
  /** `error_code` as canonical text: `0`, `"00"` and `" 0 "` all read `"0"`; `"-3"` and `-3` read `"-3"`. */
  code: string;
  /** `error_message` (or `message`, as some deployments name it), or null. */
  message: string | null;
  body: Record<string, unknown>;
}

/**
 * Reads an answer body as the portal's adapter sends it: JSON (a UTF-8 byte-order mark
 * tolerated), an object, with an `error_code` of number or string. Anything else — an HTML
 * error page behind HTTP 200, an empty body, an object without `error_code` — is
 * UPSTREAM_BAD_RESPONSE naming the source.
 */
export function readPortalAnswer(res: HttpResponse, source: string, what: string): PortalAnswer {
  const text = res.text();
  const body = parseJsonBody(text.startsWith('\uFEFF') ? { ...res, text: () => text.slice(1) } : res, source);
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('error_code' in body)) {
    throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered ${what} without an error_code: ${JSON.stringify(body)?.slice(0, 120)}`, { source, upstreamCode: res.status });
  }
  const record = body as Record<string, unknown>;
  return { code: normaliseErrorCode(record.error_code), message: readText(record.error_message) ?? readText(record.message), body: record };
}

/** `error_code` as canonical text: integers without padding or sign noise, anything else trimmed. */
export function normaliseErrorCode(value: unknown): string {
  const text = readText(value) ?? '';
  return /^[+-]?\d+$/.test(text) ? String(Number(text)) : text;
}

/**
 * True when the portal's message says the dossier already exists: "đã tồn tại" in any case,
 * with or without diacritics ("Hồ sơ đã tồn tại", "HO SO DA TON TAI"). "không tồn tại"
 * (does not exist) is not it.
 */
export function isAlreadyExistsMessage(message: string | null): boolean {
  return message !== null && /\bda ton tai\b/.test(foldVietnamese(message));
}

/** True when the portal's message says the dossier does not exist: "hồ sơ … không tồn tại" or "… không tìm thấy hồ sơ". */
export function isDossierNotFoundMessage(message: string | null): boolean {
  if (message === null) return false;
  const folded = foldVietnamese(message);
  return /\bho so\b.*\bkhong ton tai\b/.test(folded) || /\bkhong tim thay\b.*\bho so\b/.test(folded);
}

/** Lower case, diacritics removed (đ → d), whitespace collapsed: for matching messages whatever their typing. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
