import type { SimHandler, SimRequest, SimResponse } from '../kit';
import { authenticate, type AxisCaller } from './authenticate';
import { AXIS_ERROR_CODES, AxisRefusal, failReply, okReply } from './axis-reply';
import type { AxisAgency } from './list-agencies';
import type { Exchange } from './create-exchange';
import { handleGetEdoc, handleUpdateStatus } from './handle-documents';
import { handleCountReceived, handleReceivedList, handleSentList } from './handle-lists';
import { handleSendEdoc } from './handle-send-edoc';

export interface ProtocolOptions {
  exchange: Exchange;
  agencies(): AxisAgency[];
  /** Records one request against an operation name in the simulator's stats. */
  countAs(operation: string): void;
}

type Operation = (req: SimRequest, caller: AxisCaller) => SimResponse;

/**
 * The axis' operations at the server root, with the methods the SDK uses
 * (`KnobstickServiceImp`, `AgencyServiceImp`: POST, and GET for the count).
 */
function operations({ exchange, agencies }: ProtocolOptions): Record<string, { method: 'GET' | 'POST'; run: Operation }> {
  return {
    sendEdoc: { method: 'POST', run: (req, caller) => handleSendEdoc(req, caller, exchange) },
    getReceivedEdocList: { method: 'POST', run: (_req, caller) => handleReceivedList(caller, exchange) },
    countReceiveEdoc: { method: 'GET', run: (_req, caller) => handleCountReceived(caller, exchange) },
    getSentEdocList: { method: 'POST', run: (_req, caller) => handleSentList(caller, exchange) },
    getEdoc: { method: 'POST', run: (_req, caller) => handleGetEdoc(caller, exchange) },
    updateStatus: { method: 'POST', run: (_req, caller) => handleUpdateStatus(caller, exchange) },
    getAgenciesList: { method: 'POST', run: () => okReply({ data: agencies() }) },
  };
}

/**
 * The exchange axis protocol (docs/sources.md §3, as the SDK speaks it), as one ordered list
 * of steps: route (HTTP 404/405) → count the operation → authenticate (`-1`) → suspended
 * system (`-9`) → the operation, whose refusals (`AxisRefusal`) become
 * `{"status":"FAIL","ErrorCode","ErrorDesc"}` with HTTP 200. Nothing a client sends can
 * make it throw: anything unexpected is a refusal too, never a crash.
 */
export function createProtocolHandler(options: ProtocolOptions): SimHandler {
  const table = operations(options);
  const { exchange, countAs } = options;

  return (req: SimRequest) => {
    const name = req.path.replace(/^\/+/, '');
    const operation = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
    if (!operation) return failReply(AXIS_ERROR_CODES.notFoundRoute, `Không tìm thấy dịch vụ: ${req.path}`, {}, 404);
    if (req.method !== operation.method) {
      return failReply(AXIS_ERROR_CODES.methodNotAllowed, `Phương thức ${req.method} không được hỗ trợ, hãy dùng ${operation.method}`, {}, 405);
    }
    countAs(name);
    const refusalFields = name === 'sendEdoc' ? { DocId: '' } : {};
    const caller = authenticate(req, exchange.findSystem);
    if (!caller) return failReply(AXIS_ERROR_CODES.authentication, 'Xác thực hệ thống thất bại (systemid hoặc secret không đúng)', refusalFields);
    if (exchange.isSuspended(caller.system.systemId)) {
      return failReply(AXIS_ERROR_CODES.suspended, `Hệ thống ${caller.system.systemId} đang bị tạm dừng kết nối`, refusalFields);
    }
    try {
      return operation.run(req, caller);
    } catch (err) {
      if (err instanceof AxisRefusal) return failReply(err.errorCode, err.errorDesc, refusalFields);
      return failReply(AXIS_ERROR_CODES.parameter, `Không xử lý được yêu cầu: ${err instanceof Error ? err.message : String(err)}`, refusalFields);
    }
  };
}
