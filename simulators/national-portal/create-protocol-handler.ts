import type { SimHandler, SimRequest, SimResponse } from '../kit';
import { errorReply, jsonReply } from '../national-procedures/json-reply';
import { readDstcode } from '../national-procedures/read-dstcode';
import type { SessionStore } from '../national-procedures/session-store';
import { SERVICES, type ServiceContext } from './handle-services';
import { PORTAL_ERROR_CODES } from './portal-reply';
import type { FailureDraw } from './random-failures';

export interface ProtocolOptions extends ServiceContext {
  username: string;
  password: string;
  dstcode: string;
  sessions: SessionStore;
  /** The current random-failure draw (replaced when the failures are reconfigured). */
  failures(): FailureDraw;
  /** Records one request against an operation name in the simulator's stats. */
  countAs(operation: string): void;
}

const UNAVAILABLE: SimResponse = { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Service Unavailable' };

/**
 * The portal's adapter protocol (docs/sources.md §4, the adapter of §1), as one ordered list of
 * steps: route (`POST /login`, `POST /integration`) → JSON body (HTTP 400) → count the
 * operation (`login` or the service name) → random failure → routing code (error_code -1)
 * → login, or session (401), madonvi (-2) and service (2) → the service. Every refusal
 * after routing is HTTP 200 with a non-zero `error_code`, as the real adapter answers.
 */
export function createProtocolHandler(options: ProtocolOptions): SimHandler {
  const { username, password, dstcode, sessions, countAs } = options;

  function handle(req: SimRequest, isLogin: boolean, body: Record<string, unknown>): SimResponse {
    const routing = readDstcode(req);
    if (routing === undefined || routing === '') return errorReply(PORTAL_ERROR_CODES.routing, 'Thiếu mã định tuyến (dstcode)');
    if (routing !== dstcode) return errorReply(PORTAL_ERROR_CODES.routing, `Mã định tuyến không hợp lệ: ${routing}`);
    if (isLogin) {
      if (body.username !== username || body.password !== password) return errorReply(PORTAL_ERROR_CODES.credentials, 'Sai tên đăng nhập hoặc mật khẩu');
      return jsonReply({ session: sessions.create(), error_code: PORTAL_ERROR_CODES.ok });
    }
    if (!sessions.isValid(body.session)) return errorReply(PORTAL_ERROR_CODES.sessionExpired, 'Phiên làm việc không hợp lệ hoặc đã hết hạn');
    if (typeof body.madonvi !== 'string' || body.madonvi.trim() === '') return errorReply(PORTAL_ERROR_CODES.missingAgency, 'Thiếu mã đơn vị gọi dịch vụ (madonvi)');
    const name = typeof body.service === 'string' ? body.service : '';
    const service = Object.hasOwn(SERVICES, name) ? SERVICES[name] : undefined;
    if (!service) return errorReply(PORTAL_ERROR_CODES.unknownService, `Dịch vụ không tồn tại: ${name}`);
    return service(body, options);
  }

  return (req: SimRequest) => {
    if (req.path !== '/login' && req.path !== '/integration') return errorReply(PORTAL_ERROR_CODES.pathNotFound, `Không tìm thấy đường dẫn: ${req.path}`, 404);
    if (req.method !== 'POST') return errorReply(PORTAL_ERROR_CODES.methodNotAllowed, `Phương thức ${req.method} không được hỗ trợ, hãy dùng POST`, 405);
    const isLogin = req.path === '/login';
    const body = parseBody(req.text());
    if (typeof body === 'string') {
      countAs(isLogin ? 'login' : 'integration');
      return errorReply(PORTAL_ERROR_CODES.malformedBody, body, 400);
    }
    countAs(isLogin ? 'login' : typeof body.service === 'string' && body.service !== '' ? body.service : 'integration');
    const failure = options.failures().next();
    if (failure === 'before') return UNAVAILABLE;
    const answer = handle(req, isLogin, body);
    return failure === 'after' ? UNAVAILABLE : answer;
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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'Dữ liệu gửi lên phải là một đối tượng JSON';
  return value as Record<string, unknown>;
}
