import type { SimHandler, SimRequest } from '../kit';
import { handleIntegration } from './handle-integration';
import { handleLogin } from './handle-login';
import { PROTOCOL_ERROR_CODES, errorReply } from './json-reply';
import { readDstcode } from './read-dstcode';
import type { SessionStore } from './session-store';
import type { NationalCatalogueData, RawProcedure } from './types';

export interface ProtocolOptions {
  data: NationalCatalogueData;
  username: string;
  password: string;
  dstcode: string;
  sessions: SessionStore;
  /** Records one request against an operation name in the simulator's stats. */
  countAs(operation: string): void;
}

/**
 * The adapter protocol of docs/sources.md §1, as one ordered list of steps:
 * route (`POST /login`, `POST /integration`) → parse the JSON body (HTTP 400) → count the
 * operation (`login` or the service name) → routing code (error_code -1) → login, or
 * session, madonvi and service. Every refusal after routing is HTTP 200 with a non-zero
 * `error_code`, as the real adapter answers.
 */
export function createProtocolHandler({ data, username, password, dstcode, sessions, countAs }: ProtocolOptions): SimHandler {
  const byCode = new Map<string, RawProcedure>(data.procedures.map((p) => [p.MATTHC, p]));

  return (req: SimRequest) => {
    if (req.path !== '/login' && req.path !== '/integration') {
      return errorReply(PROTOCOL_ERROR_CODES.notFound, `Không tìm thấy đường dẫn: ${req.path}`, 404);
    }
    if (req.method !== 'POST') {
      return errorReply(PROTOCOL_ERROR_CODES.methodNotAllowed, `Phương thức ${req.method} không được hỗ trợ, hãy dùng POST`, 405);
    }
    const isLogin = req.path === '/login';
    const body = parseBody(req.text());
    if (typeof body === 'string') {
      countAs(isLogin ? 'login' : 'integration');
      return errorReply(PROTOCOL_ERROR_CODES.malformedBody, body, 400);
    }
    countAs(isLogin ? 'login' : typeof body.service === 'string' && body.service !== '' ? body.service : 'integration');

    const routing = readDstcode(req);
    if (routing === undefined || routing === '') {
      return errorReply(PROTOCOL_ERROR_CODES.routing, 'Thiếu mã định tuyến (dstcode)');
    }
    if (routing !== dstcode) {
      return errorReply(PROTOCOL_ERROR_CODES.routing, `Mã định tuyến không hợp lệ: ${routing}`);
    }
    return isLogin ? handleLogin(body, { username, password, sessions }) : handleIntegration(body, { sessions, data, byCode });
  };
}

/** The body as an object, or the Vietnamese message explaining why it is not one. */
function parseBody(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'Dữ liệu gửi lên không phải JSON hợp lệ';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'Dữ liệu gửi lên phải là một đối tượng JSON';
  }
  return value as Record<string, unknown>;
}
