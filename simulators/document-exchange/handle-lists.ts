import type { SimResponse } from '../kit';
import type { AxisCaller } from './authenticate';
import { okReply } from './axis-reply';
import type { Exchange } from './create-exchange';
import { formatAxisTime } from './format-axis-time';
import { checkServiceType, readMessageType } from './read-message-type';
import type { AxisTransportStatus, Delivery } from './types';

/** `status_desc` / `receiveStatusDesc` per transport state (our reading of the wording). */
const STATUS_DESCRIPTIONS: Record<AxisTransportStatus, string> = {
  initial: 'Chờ nhận',
  processing: 'Đang nhận',
  done: 'Đã nhận',
  fail: 'Nhận lỗi',
};

/**
 * `POST /getReceivedEdocList` (headers `servicetype`, `messagetype`) → the caller's inbox,
 * items with the fields the SDK reads (`docId, serviceType, messageType, created_time,
 * updated_time, from, to, status, status_desc`). Without `messagetype`, both kinds (our
 * reading).
 */
export function handleReceivedList(caller: AxisCaller, exchange: Exchange): SimResponse {
  checkServiceType(caller.params, false);
  const items = exchange.received(caller.system, readMessageType(caller.params, false)).map((d) => ({
    docId: d.docId,
    serviceType: 'eDoc',
    messageType: d.message.messageType,
    created_time: formatAxisTime(d.message.createdAt),
    updated_time: formatAxisTime(d.updatedAt),
    from: d.message.fromCode,
    to: d.toCode,
    status: d.status,
    status_desc: STATUS_DESCRIPTIONS[d.status],
  }));
  return okReply({ data: items });
}

/** `GET /countReceiveEdoc` → `{…, "count": n}`: how many the inbox holds (of `messagetype`, when sent). */
export function handleCountReceived(caller: AxisCaller, exchange: Exchange): SimResponse {
  checkServiceType(caller.params, false);
  return okReply({ count: exchange.received(caller.system, readMessageType(caller.params, false)).length });
}

/**
 * `POST /getSentEdocList` (optional header `docId`) → one item per recipient of each
 * message the caller sent, with the fields the SDK reads (`serviceType, senderDocId,
 * receiverDocId, fromCode, toCode, messageType, title, notation, sentTime, sendStatus,
 * sendStatusDesc, receiveStatus, receiveStatusDesc, receivedTime`). `sendStatus` is
 * `done` when delivered and `fail` when no system serves the recipient (our reading).
 */
export function handleSentList(caller: AxisCaller, exchange: Exchange): SimResponse {
  const docId = caller.params.get('docid')?.trim() || undefined;
  const items = exchange.sent(caller.system, docId).map((d: Delivery) => ({
    serviceType: 'eDoc',
    senderDocId: d.message.docId,
    receiverDocId: d.docId ?? '',
    fromCode: d.message.fromCode,
    toCode: d.toCode,
    messageType: d.message.messageType,
    title: d.message.title,
    notation: d.message.notation,
    sentTime: formatAxisTime(d.message.createdAt),
    sendStatus: d.docId ? 'done' : 'fail',
    sendStatusDesc: d.docId ? 'Đã chuyển đến hệ thống nhận' : `Không có hệ thống nào nhận cho đơn vị ${d.toCode}`,
    receiveStatus: d.docId ? d.status : '',
    receiveStatusDesc: d.docId ? STATUS_DESCRIPTIONS[d.status] : '',
    receivedTime: d.receivedAt ? formatAxisTime(d.receivedAt) : '',
  }));
  return okReply({ data: items });
}
