import type { SimResponse } from '../kit';

/**
 * `ErrorCode` values this simulator answers with, as strings like the SDK reads them.
 * The SDK shows only `"0"` for success and `status: "OK" | "FAIL"`; every other code is
 * our reading, and `ErrorDesc` is always Vietnamese.
 */
export const AXIS_ERROR_CODES = {
  ok: '0',
  /** Unknown `systemid`, wrong `secret`, or a signature that does not verify. */
  authentication: '-1',
  /** A required parameter header is missing or has a value the operation does not take. */
  parameter: '-2',
  /** The body is not valid edXML, or not the kind `messagetype` says. */
  edxmlInvalid: '-3',
  /** `docId` names no message this system may read or acknowledge. */
  notFound: '-4',
  /** No connected system serves any recipient of the message. */
  noRecipient: '-5',
  /** The message is larger than the axis accepts. */
  tooLarge: '-6',
  /** `hash-file` does not match the file that arrived. */
  hashMismatch: '-7',
  /** The message's `From` is not the organ the calling system speaks for. */
  senderMismatch: '-8',
  /** The system is suspended by the axis operator. */
  suspended: '-9',
  notFoundRoute: '404',
  methodNotAllowed: '405',
} as const;

export function jsonReply(body: unknown, status = 200): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

/** `{"status":"OK","ErrorCode":"0","ErrorDesc":"Thành công", …fields}`. */
export function okReply(fields: Record<string, unknown> = {}): SimResponse {
  return jsonReply({ status: 'OK', ErrorCode: AXIS_ERROR_CODES.ok, ErrorDesc: 'Thành công', ...fields });
}

/**
 * `{"status":"FAIL","ErrorCode","ErrorDesc", …fields}` with HTTP 200 unless `httpStatus`
 * says otherwise: the SDK reads the JSON whatever the HTTP status (our reading: the axis
 * answers its own refusals with 200).
 */
export function failReply(errorCode: string, errorDesc: string, fields: Record<string, unknown> = {}, httpStatus = 200): SimResponse {
  return jsonReply({ status: 'FAIL', ErrorCode: errorCode, ErrorDesc: errorDesc, ...fields }, httpStatus);
}

/** A refusal carried from the exchange logic to the reply; also what `sendAs` throws. */
export class AxisRefusal extends Error {
  override name = 'AxisRefusal';
  constructor(
    readonly errorCode: string,
    readonly errorDesc: string,
  ) {
    super(`${errorDesc} (ErrorCode ${errorCode})`);
  }
}
