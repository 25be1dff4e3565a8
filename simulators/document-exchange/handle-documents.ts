import type { SimResponse } from '../kit';
import type { AxisCaller } from './authenticate';
import { okReply } from './axis-reply';
import type { Exchange } from './create-exchange';
import { requiredParam } from './read-message-type';

/**
 * `POST /getEdoc` (header `docId`) → `{…, "data": "<base64 of the stored bytes>"}`, as
 * the SDK decodes it (`KnobstickServiceImp.getEdoc`). The caller may read what it
 * received (by its own document id) and what it sent.
 */
export function handleGetEdoc(caller: AxisCaller, exchange: Exchange): SimResponse {
  return okReply({ data: exchange.read(caller.system, requiredParam(caller.params, 'docid')).toString('base64') });
}

/**
 * `POST /updateStatus` (headers `docId`, `status: processing|done|fail`) → `{status,
 * ErrorCode, ErrorDesc}`: the recipient's transport acknowledgement. `done` takes the
 * message out of the inbox; `processing` and `fail` leave it there (our reading: the SDK
 * sample acknowledges `fail` when it could not read a message, to fetch it again).
 */
export function handleUpdateStatus(caller: AxisCaller, exchange: Exchange): SimResponse {
  const docId = requiredParam(caller.params, 'docid');
  exchange.acknowledge(caller.system, docId, requiredParam(caller.params, 'status').toLowerCase());
  return okReply();
}
