import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MOTCUA_NS } from './soap-xml';

export const SOAP_OPERATIONS = ['LayDanhSachHoSo', 'LayHoSo', 'LayTienDoXuLy'] as const;
export type SoapOperation = (typeof SOAP_OPERATIONS)[number];

/** A request read far enough to answer: its operation, parameters and credentials. */
export type SoapRequestReading =
  | { ok: true; operation: SoapOperation; params: Record<string, string>; auth: { username: string; password: string } | null }
  | { ok: false; operation: SoapOperation | null; message: string };

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });

/** The operation named by a `SOAPAction` header (`"http://motcua.gov.vn/LayHoSo"`), or null. */
export function readSoapAction(header: string | string[] | undefined): SoapOperation | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().replace(/^"|"$/g, '') ?? '';
  if (!value.startsWith(MOTCUA_NS)) return null;
  const name = value.slice(MOTCUA_NS.length);
  return (SOAP_OPERATIONS as readonly string[]).includes(name) ? (name as SoapOperation) : null;
}

/**
 * Reads a SOAP 1.1 request: the operation from `SOAPAction`, which the body's first
 * element must match; its child elements as string parameters; the credentials from an
 * ASMX-style `AuthHeader` in `soap:Header` (our reading). Prefixes are ignored.
 */
export function readSoapRequest(text: string, soapAction: string | string[] | undefined): SoapRequestReading {
  const operation = readSoapAction(soapAction);
  const shown = (Array.isArray(soapAction) ? soapAction[0] : soapAction) ?? '';
  if (operation === null) return { ok: false, operation, message: `Máy chủ không nhận ra giá trị của HTTP Header SOAPAction: ${shown}.` };
  if (text.trim() === '' || XMLValidator.validate(text) !== true) return { ok: false, operation, message: 'Yêu cầu SOAP không hợp lệ: nội dung không phải XML hợp lệ.' };
  const document = parser.parse(text) as Record<string, unknown>;
  const envelope = asObject(document.Envelope);
  const body = envelope ? asObject(envelope.Body) : null;
  if (!envelope || !body) return { ok: false, operation, message: 'Yêu cầu SOAP không hợp lệ: thiếu phần tử Envelope hoặc Body.' };
  if (!(operation in body)) {
    return { ok: false, operation, message: `Yêu cầu SOAP không hợp lệ: phần tử ${operation} không có trong Body, trong khi SOAPAction là ${shown}.` };
  }
  const call = body[operation];
  const params: Record<string, string> = {};
  if (call !== '' && call !== undefined) {
    const fields = asObject(call);
    if (!fields) return { ok: false, operation, message: `Yêu cầu SOAP không hợp lệ: phần tử ${operation} không đúng cấu trúc.` };
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value !== 'string') return { ok: false, operation, message: `Tham số ${name} không hợp lệ.` };
      params[name] = value;
    }
  }
  const authHeader = asObject(asObject(envelope.Header)?.AuthHeader);
  const auth = authHeader ? { username: String(authHeader.Username ?? ''), password: String(authHeader.Password ?? '') } : null;
  return { ok: true, operation, params, auth };
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
