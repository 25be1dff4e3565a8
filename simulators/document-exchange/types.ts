/** One system (hệ thống QLVB) connected to the axis, tied to the agency code it speaks for. */
export interface AxisSystem {
  /** `systemid`, e.g. `vxp.saas.03` in the SDK sample. */
  systemId: string;
  secret: string;
  /** The organ id (mã định danh) whose messages this system sends and receives. */
  agencyCode: string;
  name: string;
}

/** `messagetype`: an official document or a status message about one. */
export type AxisMessageType = 'edoc' | 'status';

/**
 * Transport state of one delivery, set by the recipient with `updateStatus`
 * (`processing | done | fail`); `initial` until it does (our reading of the name).
 */
export type AxisTransportStatus = 'initial' | 'processing' | 'done' | 'fail';

/** A message as the axis keeps it: the sender's bytes, untouched, and one delivery per `To`. */
export interface StoredMessage {
  /** The sender's document id (`DocId` of sendEdoc, `senderDocId` of getSentEdocList). */
  docId: string;
  bytes: Buffer;
  messageType: AxisMessageType;
  fromCode: string;
  /** `''` for bytes put in an inbox with `deliverUnchecked`, which no connected system sent. */
  senderSystemId: string;
  /** Subject of a document, description of a status message. */
  title: string;
  /** `số/ký hiệu` of a document, or of the document a status message answers. */
  notation: string;
  /** The edXML DocumentId of a document, or the one in a status message's ResponseFor. */
  edxmlDocumentId: string;
  createdAt: Date;
  deliveries: Delivery[];
}

/** One recipient's copy: its own document id, inbox state and timestamps. */
export interface Delivery {
  message: StoredMessage;
  toCode: string;
  /** null when no connected system serves `toCode` (never delivered). */
  recipientSystemId: string | null;
  /** The recipient's document id (`receiverDocId`); null when not delivered. */
  docId: string | null;
  status: AxisTransportStatus;
  updatedAt: Date;
  /** When the recipient acknowledged it `done`. */
  receivedAt: Date | null;
}
