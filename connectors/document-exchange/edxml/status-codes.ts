import type { EdxmlStatusCode } from './types';

/**
 * The StatusCode table of the edXML status message (QCVN 102:2016), exactly as the
 * Government Office's exchange uses it: the Vietnamese label shown to clerks and what
 * it means. A document's state is the sequence of status messages received for it.
 *
 * JavaScript lists the keys `13`, `15`, `16` before `01`…`06` (integer-like keys come
 * first); sort them when the order matters.
 */
export const EDXML_STATUS_CODES: Readonly<Record<EdxmlStatusCode, { label: string; meaning: string }>> = Object.freeze({
  '01': { label: 'Đã đến', meaning: 'arrived, not yet handled by the clerk' },
  '02': { label: 'Từ chối tiếp nhận', meaning: 'refused' },
  '03': { label: 'Đã tiếp nhận', meaning: 'registered as incoming' },
  '04': { label: 'Phân công xử lý', meaning: 'assigned' },
  '05': { label: 'Đang xử lý', meaning: 'processing' },
  '06': { label: 'Hoàn thành', meaning: 'done' },
  '13': { label: 'Yêu cầu lấy lại / thu hồi', meaning: 'sender asks to withdraw' },
  '15': { label: 'Đồng ý cập nhật / lấy lại', meaning: 'withdrawal or update accepted' },
  '16': { label: 'Từ chối cập nhật / lấy lại', meaning: 'withdrawal or update refused' },
});

export function isEdxmlStatusCode(value: string): value is EdxmlStatusCode {
  return Object.prototype.hasOwnProperty.call(EDXML_STATUS_CODES, value);
}
