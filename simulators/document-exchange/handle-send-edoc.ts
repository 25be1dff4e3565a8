import type { SimRequest, SimResponse } from '../kit';
import type { AxisCaller } from './authenticate';
import { AXIS_ERROR_CODES, AxisRefusal, okReply } from './axis-reply';
import type { Exchange } from './create-exchange';
import { readEdocFile } from './read-edoc-file';
import { checkServiceType, readMessageType } from './read-message-type';
import { sdkHashFileForms } from './sdk-hash-file';

/**
 * `POST /sendEdoc` (headers `from`, `servicetype: eDoc`, `messagetype: edoc|status`,
 * optionally `hash-file`; the file as multipart part `file_doc`) →
 * `{"status":"OK","ErrorCode":"0","ErrorDesc":"Thành công","DocId":"…"}`. A refusal
 * carries `"DocId":""`, since the SDK reads `DocId` from every answer.
 */
export function handleSendEdoc(req: SimRequest, caller: AxisCaller, exchange: Exchange): SimResponse {
  checkServiceType(caller.params, true);
  const messageType = readMessageType(caller.params, true)!;
  const file = readEdocFile(req);
  if (typeof file === 'string') throw new AxisRefusal(AXIS_ERROR_CODES.parameter, file);
  if (file.length === 0) throw new AxisRefusal(AXIS_ERROR_CODES.edxmlInvalid, 'Gói tin rỗng');
  const hash = caller.params.get('hash-file')?.trim().toLowerCase();
  if (hash && !sdkHashFileForms(file).includes(hash)) {
    throw new AxisRefusal(AXIS_ERROR_CODES.hashMismatch, 'Mã băm hash-file không khớp với tệp gói tin nhận được');
  }
  return okReply({ DocId: exchange.send(caller.system, file, messageType) });
}
