import { randomUUID } from 'node:crypto';
import { AXIS_ERROR_CODES, AxisRefusal } from './axis-reply';
import { readMessage } from './read-message';
import type { AxisMessageType, AxisSystem, AxisTransportStatus, Delivery, StoredMessage } from './types';

/** The axis' state and rules, free of HTTP: who is connected, what was sent, who holds what. */
export interface Exchange {
  registerSystem(system: AxisSystem): void;
  findSystem(systemId: string): AxisSystem | undefined;
  systems(): AxisSystem[];
  /** Validates, stores and delivers one message; returns the sender's document id. */
  send(sender: AxisSystem, bytes: Buffer, messageType: AxisMessageType): string;
  /** Puts bytes straight into a system's inbox, unvalidated; returns the recipient's document id. */
  deliverUnchecked(recipient: AxisSystem, bytes: Buffer, fromCode: string, messageType: AxisMessageType): string;
  /** The system's deliveries not yet acknowledged `done`, oldest first. */
  received(system: AxisSystem, messageType?: AxisMessageType): Delivery[];
  /** One entry per recipient of every message the system sent, oldest first. */
  sent(system: AxisSystem, docId?: string): Delivery[];
  /** The stored bytes of a message the system received (by its document id) or sent. */
  read(system: AxisSystem, docId: string): Buffer;
  acknowledge(system: AxisSystem, docId: string, status: string): void;
  /** The bytes stored under a sender's or a recipient's document id. */
  stored(docId: string): Buffer | undefined;
  setSuspended(systemId: string, suspended: boolean): void;
  isSuspended(systemId: string): boolean;
}

const ACKNOWLEDGEMENTS: readonly string[] = ['processing', 'done', 'fail'] satisfies AxisTransportStatus[];

/**
 * The exchange axis' rules, as this simulator plays them (docs/sources.md §3; routing details
 * are our reading): a message's `From` must be the sending system's organ; a document
 * goes to every system serving one of its `To` organ ids, a status message to the system
 * serving its `ResponseFor` organ id (or, when none does, to whoever sent the document it
 * answers); each recipient gets its own document id and inbox entry, which leaves the
 * inbox once acknowledged `done`. A message nobody can receive is refused whole.
 */
export function createExchange(maxMessageBytes: number): Exchange {
  const systemsById = new Map<string, AxisSystem>();
  const messages = new Map<string, StoredMessage>();
  const deliveries = new Map<string, Delivery>();
  const deliveryLog: Delivery[] = [];
  const suspended = new Set<string>();

  const systemsServing = (code: string): AxisSystem[] => [...systemsById.values()].filter((s) => s.agencyCode === code);

  function deliver(message: StoredMessage, toCode: string, recipient: AxisSystem | null): void {
    const delivery: Delivery = {
      message,
      toCode,
      recipientSystemId: recipient?.systemId ?? null,
      docId: recipient ? randomUUID() : null,
      status: 'initial',
      updatedAt: message.createdAt,
      receivedAt: null,
    };
    message.deliveries.push(delivery);
    deliveryLog.push(delivery);
    if (delivery.docId) deliveries.set(delivery.docId, delivery);
  }

  /** Who answers for a status message whose ResponseFor organ no system serves: the document's sender. */
  function originalSenders(recipient: AxisSystem, edxmlDocumentId: string): AxisSystem[] {
    const original = deliveryLog.find(
      (d) => d.recipientSystemId === recipient.systemId && d.message.messageType === 'edoc' && d.message.edxmlDocumentId === edxmlDocumentId,
    );
    const sender = original && systemsById.get(original.message.senderSystemId);
    return sender ? [sender] : [];
  }

  /** Keeps a copy of the bytes; `senderSystemId` is `''` for a message no connected system sent. */
  function store(senderSystemId: string, bytes: Buffer, messageType: AxisMessageType, facts: Omit<StoredMessage, 'docId' | 'bytes' | 'messageType' | 'senderSystemId' | 'createdAt' | 'deliveries'>): StoredMessage {
    const message: StoredMessage = {
      docId: randomUUID(),
      bytes: Buffer.from(bytes),
      messageType,
      senderSystemId,
      createdAt: new Date(),
      deliveries: [],
      ...facts,
    };
    messages.set(message.docId, message);
    return message;
  }

  return {
    registerSystem(system) {
      systemsById.set(system.systemId, { ...system });
    },
    findSystem: (systemId) => systemsById.get(systemId),
    systems: () => [...systemsById.values()],

    send(sender, bytes, messageType) {
      if (bytes.length > maxMessageBytes) {
        throw new AxisRefusal(AXIS_ERROR_CODES.tooLarge, `Gói tin ${bytes.length} byte vượt quá dung lượng cho phép (${maxMessageBytes} byte)`);
      }
      const facts = readMessage(bytes, messageType, maxMessageBytes);
      if (facts.fromCode !== sender.agencyCode) {
        throw new AxisRefusal(AXIS_ERROR_CODES.senderMismatch, `Đơn vị gửi ${facts.fromCode} không thuộc hệ thống ${sender.systemId} (${sender.agencyCode})`);
      }
      const routes = facts.recipientCodes.map((code) => {
        const served = systemsServing(code);
        return { code, systems: served.length > 0 || messageType === 'edoc' ? served : originalSenders(sender, facts.edxmlDocumentId) };
      });
      if (routes.every((route) => route.systems.length === 0)) {
        throw new AxisRefusal(AXIS_ERROR_CODES.noRecipient, `Không có hệ thống nào nhận cho đơn vị: ${facts.recipientCodes.join(', ')}`);
      }
      const message = store(sender.systemId, bytes, messageType, facts);
      for (const route of routes) {
        if (route.systems.length === 0) deliver(message, route.code, null);
        for (const system of route.systems) deliver(message, route.code, system);
      }
      return message.docId;
    },

    deliverUnchecked(recipient, bytes, fromCode, messageType) {
      const message = store('', bytes, messageType, { fromCode, title: '', notation: '', edxmlDocumentId: '' });
      deliver(message, recipient.agencyCode, recipient);
      return message.deliveries[0]!.docId!;
    },

    received: (system, messageType) =>
      deliveryLog.filter(
        (d) => d.recipientSystemId === system.systemId && d.status !== 'done' && (messageType === undefined || d.message.messageType === messageType),
      ),

    sent: (system, docId) => deliveryLog.filter((d) => d.message.senderSystemId === system.systemId && (docId === undefined || d.message.docId === docId)),

    read(system, docId) {
      const delivery = deliveries.get(docId);
      if (delivery?.recipientSystemId === system.systemId) return delivery.message.bytes;
      const message = messages.get(docId);
      if (message?.senderSystemId === system.systemId) return message.bytes;
      throw new AxisRefusal(AXIS_ERROR_CODES.notFound, `Không tìm thấy văn bản ${docId}`);
    },

    acknowledge(system, docId, status) {
      if (!ACKNOWLEDGEMENTS.includes(status)) {
        throw new AxisRefusal(AXIS_ERROR_CODES.parameter, `Trạng thái không hợp lệ: ${status} (chỉ nhận processing, done, fail)`);
      }
      const delivery = deliveries.get(docId);
      if (delivery?.recipientSystemId !== system.systemId) throw new AxisRefusal(AXIS_ERROR_CODES.notFound, `Không tìm thấy văn bản ${docId}`);
      delivery.status = status as AxisTransportStatus;
      delivery.updatedAt = new Date();
      if (status === 'done') delivery.receivedAt = delivery.updatedAt;
    },

    stored(docId) {
      const bytes = messages.get(docId)?.bytes ?? deliveries.get(docId)?.message.bytes;
      return bytes && Buffer.from(bytes);
    },

    setSuspended(systemId, value) {
      if (value) suspended.add(systemId);
      else suspended.delete(systemId);
    },
    isSuspended: (systemId) => suspended.has(systemId),
  };
}
