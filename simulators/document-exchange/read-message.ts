import { parseEdxml } from '../../connectors/document-exchange/edxml';
import { AXIS_ERROR_CODES, AxisRefusal } from './axis-reply';
import type { AxisMessageType } from './types';

/** What the axis needs of a message to route and list it; the bytes themselves are never changed. */
export interface MessageFacts {
  fromCode: string;
  /** A document's `To` organ ids; a status message's `ResponseFor` organ id. */
  recipientCodes: string[];
  title: string;
  notation: string;
  edxmlDocumentId: string;
}

/**
 * Validates an edXML message and reads its routing facts, using the gateway's edXML
 * library (`parseEdxml`) — the one place this simulator shares the gateway's code, so
 * that "valid edXML" means the same messy-but-real input on both sides (see README).
 *
 * @throws AxisRefusal `tooLarge` beyond `maxBytes` or the library's other limits;
 *   `edxmlInvalid` for anything the library refuses, or a message of the other kind than
 *   `messageType`.
 */
export function readMessage(bytes: Buffer, messageType: AxisMessageType, maxBytes: number): MessageFacts {
  let message: ReturnType<typeof parseEdxml>;
  try {
    message = parseEdxml(bytes, { maxBytes });
  } catch (err) {
    const code = (err as { extensions?: { code?: unknown } }).extensions?.code;
    const reason = err instanceof Error ? err.message : String(err);
    if (code === 'PAYLOAD_TOO_LARGE') throw new AxisRefusal(AXIS_ERROR_CODES.tooLarge, `Gói tin vượt quá dung lượng cho phép: ${reason}`);
    throw new AxisRefusal(AXIS_ERROR_CODES.edxmlInvalid, `Gói tin edXML không hợp lệ: ${reason}`);
  }
  if (message.kind === 'document') {
    if (messageType !== 'edoc') throw new AxisRefusal(AXIS_ERROR_CODES.edxmlInvalid, 'messagetype là status nhưng gói tin là văn bản (edoc)');
    const doc = message.document;
    return {
      fromCode: doc.from.organId,
      recipientCodes: [...new Set(doc.to.map((organ) => organ.organId))],
      title: doc.subject ?? '',
      notation: [doc.code.codeNumber, doc.code.codeNotation].filter(Boolean).join('/'),
      edxmlDocumentId: doc.documentId,
    };
  }
  if (messageType !== 'status') throw new AxisRefusal(AXIS_ERROR_CODES.edxmlInvalid, 'messagetype là edoc nhưng gói tin là gói tin trạng thái (status)');
  const status = message.status;
  return {
    fromCode: status.from.organId,
    recipientCodes: [status.responseFor.organId],
    title: status.description ?? status.statusLabel,
    notation: status.responseFor.code,
    edxmlDocumentId: status.responseFor.documentId,
  };
}
