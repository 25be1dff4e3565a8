import { readObject, readText } from '../kit';

/** What a brandname gateway answered to a send. */
export interface SmsSendAnswer {
  /** `CodeResult` as text: `"100"` accepted, `"124"` RequestId already used, others refusals. */
  code: string;
  smsId: string | null;
  message: string | null;
}

/**
 * Reads a send answer `{CodeResult, SMSID}` / `{CodeResult, ErrorMessage}`. Real gateways
 * send `CodeResult` as a string or a number, and some older endpoints name it
 * `CodeResponse`; both are read. Returns null when neither is there (not a gateway answer).
 */
export function mapSendAnswer(raw: unknown): SmsSendAnswer | null {
  const body = readObject(raw);
  const code = readText(body.CodeResult) ?? readText(body.CodeResponse);
  if (code === null || !/^-?\d+$/.test(code)) return null;
  return { code, smsId: readText(body.SMSID), message: readText(body.ErrorMessage) };
}
