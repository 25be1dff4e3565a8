import type { SimResponse } from '../kit';

/** Error codes this simulator answers with; `error_message` is always Vietnamese. */
export const PROTOCOL_ERROR_CODES = {
  /** Routing code `dstcode` missing or not the one this adapter serves. */
  routing: -1,
  ok: 0,
  /** Login refused. */
  credentials: 1,
  /** `service` names no service. */
  unknownService: 2,
  /** `madonvi` missing (our reading: the adapter needs the calling agency). */
  missingAgency: 3,
  /** Body is not a JSON object; HTTP 400. */
  malformedBody: 400,
  /** Session unknown or expired (our reading); the connector's signal to log in again. */
  sessionExpired: 401,
  /** Path is neither `/login` nor `/integration`; HTTP 404. */
  notFound: 404,
  /** Method is not POST; HTTP 405. */
  methodNotAllowed: 405,
} as const;

export function jsonReply(body: unknown, status = 200): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

/** `{"error_code", "error_message"}`, with HTTP 200 unless `status` says otherwise, as the adapter does. */
export function errorReply(code: number, message: string, status = 200): SimResponse {
  return jsonReply({ error_code: code, error_message: message }, status);
}
