import { createHash } from 'node:crypto';
import type { DocumentExchangeConnector, EdxmlDocument, EdxmlStatus, MessageSignatures, SentDelivery, SignatureStatus } from '../../connectors/document-exchange';
import { formatVietnamDateTime } from '../../connectors/kit';
import { GatewayError, isGatewayError } from '../errors';
import type { Logger } from '../log';

/** One copy of an official document as one connected system holds it. */
export interface DocumentCopy {
  /** `{system}:{axis id}`: unique per copy (each recipient's copy has its own axis id). */
  id: string;
  axisId: string;
  /** The configured source (connected system) holding this copy. */
  source: string;
  /** The organ that system speaks for. */
  agencyCode: string;
  direction: 'INCOMING' | 'OUTGOING';
  /** When the axis accepted it (sent or delivered), ISO with offset. */
  at: string | null;
  document: EdxmlDocument;
  /** The verdict on its signatures when it was read; null when no signature service checked it. */
  signatures: MessageSignatures | null;
}

/** A status message (phản hồi) about a document, received or sent by a connected system. */
export interface StatusEntry {
  axisId: string;
  source: string;
  status: EdxmlStatus;
}

/** A received message that could not be read (broken edXML): reported, never dropped silently. */
export interface BrokenMessage {
  source: string;
  /** The organ of the system that received it. */
  agencyCode: string;
  axisId: string;
  error: GatewayError;
}

/** A received document kept from clients because its signature is not VERIFIED (`trust.unverified: block`). */
export interface WithheldDocument {
  source: string;
  /** The organ of the system that received it. */
  agencyCode: string;
  axisId: string;
  /** Its edXML DocumentId, as it claims. */
  documentId: string;
  status: SignatureStatus;
  reason: string | null;
}

export interface DocumentRegistryOptions {
  connectors: readonly DocumentExchangeConnector[];
  logger: Logger;
  /** Reads of the axis closer together than this reuse the last one. @default 1000 */
  minRefreshIntervalMs?: number;
  /**
   * A received document whose signature is not VERIFIED: `warn` shows it with its status
   * (and logs it once), `block` withholds it (see `withheld()`). @default 'warn'
   */
  unverified?: 'warn' | 'block';
  /**
   * Decoded attachment bytes kept in memory across all copies. Beyond it the least recently
   * read copies drop their attachments' bytes (never their metadata); a download of one
   * reads the message from the axis again. @default 256 MiB
   */
  maxAttachmentBytes?: number;
}

export interface DocumentRegistry {
  /** Reads what is new on the axis for every connected system (inboxes and sent lists); failures are per system. */
  refresh(options?: { force?: boolean }): Promise<GatewayError[]>;
  copies(): DocumentCopy[];
  copy(id: string): DocumentCopy | undefined;
  /** How the axis delivered an outgoing copy to each recipient, as of the last read. */
  deliveriesOf(copy: DocumentCopy): SentDelivery[];
  /** Status messages about `documentId` (the edXML DocumentId), oldest first, one per distinct message. */
  statusesOf(documentId: string): EdxmlStatus[];
  broken(): BrokenMessage[];
  /** Received documents withheld for their signature (`unverified: block`); never in `copies()`. */
  withheld(): WithheldDocument[];
  connectorFor(agencyCode: string): DocumentExchangeConnector | undefined;
  /**
   * The decoded bytes of one attachment of a copy: from memory, or read from the axis again
   * when they were dropped to keep memory bounded. Undefined when the copy or the attachment
   * is unknown or unreadable; a failing axis read rejects with its coded error.
   */
  attachmentContent(copyId: string, contentId: string): Promise<Buffer | undefined>;
  /** Decoded attachment bytes held in memory now (bounded by `maxAttachmentBytes`). */
  attachmentBytesHeld(): number;
  /** Records a message this gateway just sent, so it is visible before the next refresh. */
  recordSent(
    connector: DocumentExchangeConnector,
    axisId: string,
    message: { kind: 'document'; document: EdxmlDocument } | { kind: 'status'; status: EdxmlStatus },
    signatures?: MessageSignatures | null,
  ): void;
}

/** Failures that mean a message will never be readable, however often it is fetched. */
const UNREADABLE: ReadonlySet<string> = new Set(['EDXML_INVALID', 'PAYLOAD_TOO_LARGE', 'UPSTREAM_BAD_RESPONSE']);

/**
 * What the connected systems hold on the national document exchange axis, read on demand.
 * The axis is the durable store: received messages are acknowledged `processing` (the
 * sender sees they arrived) but never `done` by the gateway, so they stay listed and the
 * registry is rebuilt from the axis after a restart; sent ones are read back with getEdoc.
 */
export function createDocumentRegistry({
  connectors,
  logger,
  minRefreshIntervalMs = 1000,
  unverified = 'warn',
  maxAttachmentBytes = 256 * 1024 * 1024,
}: DocumentRegistryOptions): DocumentRegistry {
  const copies = new Map<string, DocumentCopy>();
  // Copies whose attachment bytes are in memory, least recently read first (a Map keeps
  // insertion order; a read moves the copy to the end), with the bytes each holds.
  const held = new Map<string, number>();
  let heldBytes = 0;
  // The SHA-256 of bytes dropped from memory, so what the axis gives back is checked to be them.
  const dropped = new Map<string, string>();
  const byName = new Map(connectors.map((c) => [c.name, c]));
  const withheld = new Map<string, WithheldDocument>();
  const statuses = new Map<string, StatusEntry>();
  const broken = new Map<string, BrokenMessage>();
  const deliveries = new Map<string, SentDelivery[]>();
  const byAgency = new Map(connectors.map((c) => [c.agencyCode, c]));
  let last = 0;
  let running: Promise<GatewayError[]> | null = null;
  const log = logger.child({ component: 'document-registry' });

  async function refreshOne(connector: DocumentExchangeConnector): Promise<void> {
    const [received, sent] = await Promise.all([connector.listReceived(), connector.listSent()]);
    for (const delivery of sent) deliveries.set(`${connector.name}:${delivery.docId}`, []);
    for (const delivery of sent) deliveries.get(`${connector.name}:${delivery.docId}`)!.push(delivery);
    const newIn = received.filter((r) => !known(connector, r.docId));
    const sentIds = [...new Set(sent.map((s) => s.docId))].filter((id) => !known(connector, id));
    const summaries = new Map(received.map((r) => [r.docId, r]));
    const sentAt = new Map(sent.map((s) => [s.docId, s.sentAt]));
    const ids = [...newIn.map((r) => r.docId), ...sentIds];
    const messages = await connector.getMessages(ids);
    for (const [i, result] of messages.entries()) {
      const axisId = ids[i]!;
      const direction = summaries.has(axisId) ? 'INCOMING' : 'OUTGOING';
      if (result instanceof Error) {
        const error = isGatewayError(result) ? result : new GatewayError('INTERNAL_SERVER_ERROR', result.message);
        // A passing failure (timeout, axis down) is retried at the next refresh; only a
        // message that can never be read is set aside as broken.
        if (!UNREADABLE.has(error.code)) {
          log.warn({ source: connector.name, axisId, code: error.code }, 'a message could not be fetched now; it is retried at the next refresh');
          continue;
        }
        broken.set(`${connector.name}:${axisId}`, { source: connector.name, agencyCode: connector.agencyCode, axisId, error });
        log.warn({ source: connector.name, axisId, code: error.code, err: error.message }, 'a message on the axis could not be read');
        continue;
      }
      const at = direction === 'INCOMING' ? (summaries.get(axisId)?.receivedAt ?? null) : (sentAt.get(axisId) ?? null);
      add(connector, axisId, direction, at, result.message, result.signatures);
    }
    // Tell senders their documents arrived; `done` stays the receiving officer's call.
    for (const r of newIn.filter((r) => r.acknowledgement === 'pending')) {
      await connector.acknowledge(r.docId, 'processing').catch((err: unknown) => log.warn({ err, axisId: r.docId }, 'acknowledgement failed'));
    }
  }

  function known(connector: DocumentExchangeConnector, axisId: string): boolean {
    const key = `${connector.name}:${axisId}`;
    return copies.has(key) || statuses.has(key) || broken.has(key) || withheld.has(key);
  }

  function add(
    connector: DocumentExchangeConnector,
    axisId: string,
    direction: DocumentCopy['direction'],
    at: string | null,
    message: { kind: 'document'; document: EdxmlDocument } | { kind: 'status'; status: EdxmlStatus },
    signatures: MessageSignatures | null = null,
  ): void {
    const id = `${connector.name}:${axisId}`;
    if (message.kind === 'status') {
      statuses.set(id, { axisId, source: connector.name, status: message.status });
      return;
    }
    const verdict = signatures?.document;
    if (direction === 'INCOMING' && verdict?.status !== 'VERIFIED') {
      const facts = { source: connector.name, agencyCode: connector.agencyCode, axisId, documentId: message.document.documentId, status: verdict?.status ?? 'UNVERIFIABLE', reason: verdict?.reason ?? 'no signature service checked it' };
      log.warn({ ...facts, policy: unverified }, unverified === 'block' ? 'a received document is withheld: its signature is not VERIFIED' : 'a received document is shown with a signature that is not VERIFIED');
      if (unverified === 'block') {
        withheld.set(id, facts);
        return;
      }
    }
    copies.set(id, { id, axisId, source: connector.name, agencyCode: connector.agencyCode, direction, at, document: message.document, signatures });
    hold(id, message.document);
  }

  function hold(id: string, document: EdxmlDocument): void {
    const bytes = document.attachments.reduce((sum, a) => sum + (a.content?.length ?? 0), 0);
    if (bytes === 0) return;
    heldBytes -= held.get(id) ?? 0;
    held.delete(id);
    held.set(id, bytes);
    heldBytes += bytes;
    for (const [oldest, size] of held) {
      if (heldBytes <= maxAttachmentBytes || oldest === id) break;
      // Metadata (name, type, size) stays; only the bytes go, to be read again on demand.
      for (const a of copies.get(oldest)?.document.attachments ?? []) {
        if (!a.content) continue;
        dropped.set(`${oldest}#${a.contentId}`, createHash('sha256').update(a.content).digest('base64'));
        delete a.content;
      }
      held.delete(oldest);
      heldBytes -= size;
    }
  }

  async function refetch(copy: DocumentCopy, contentId: string): Promise<Buffer | undefined> {
    const connector = byName.get(copy.source);
    if (!connector) return undefined;
    const [result] = await connector.getMessages([copy.axisId]);
    if (result === undefined) return undefined;
    if (result instanceof Error) throw isGatewayError(result) ? result : new GatewayError('UPSTREAM_BAD_RESPONSE', result.message, { source: copy.source });
    if (result.message.kind !== 'document') return undefined;
    const fresh = result.message.document.attachments.find((a) => a.contentId === contentId);
    // The axis must give back the bytes the copy was read with; anything else is not served as it.
    const digest = dropped.get(`${copy.id}#${contentId}`);
    if (!fresh?.content || (digest !== undefined && createHash('sha256').update(fresh.content).digest('base64') !== digest)) {
      throw new GatewayError('UPSTREAM_BAD_RESPONSE', `the axis gave back another attachment ${contentId} than the one read before`, { source: copy.source });
    }
    // Only the one asked for comes back into memory: a whole message's files for one download
    // would make the bound easy to defeat.
    const attachment = copy.document.attachments.find((a) => a.contentId === contentId)!;
    attachment.content = fresh.content;
    dropped.delete(`${copy.id}#${contentId}`);
    hold(copy.id, copy.document);
    return fresh.content;
  }

  const registry: DocumentRegistry = {
    refresh({ force = false } = {}) {
      if (!force && Date.now() - last < minRefreshIntervalMs && !running) return Promise.resolve([]);
      // A forced read must see what happened before it was asked for: it never joins a
      // read that started earlier, it runs after it.
      if (force && running) return running.then(() => registry.refresh({ force: true }));
      running ??= Promise.all(
        connectors.map((c) =>
          refreshOne(c).then(
            () => null,
            (err: unknown) => (isGatewayError(err) ? err : new GatewayError('INTERNAL_SERVER_ERROR', `reading ${c.name} failed`, { source: c.name }, err)),
          ),
        ),
      )
        .then((errors) => errors.filter((e): e is GatewayError => e !== null))
        .finally(() => {
          last = Date.now();
          running = null;
        });
      return running;
    },
    copies: () => [...copies.values()],
    copy: (id) => copies.get(id),
    statusesOf(documentId) {
      const seen = new Set<string>();
      return [...statuses.values()]
        .map((s) => s.status)
        .filter((s) => s.responseFor.documentId === documentId)
        .filter((s) => {
          // The same message is both one system's sent status and another's received one.
          const key = `${s.from.organId}|${s.statusCode}|${s.timestamp}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
    },
    broken: () => [...broken.values()],
    withheld: () => [...withheld.values()],
    deliveriesOf: (copy) => (copy.direction === 'OUTGOING' ? (deliveries.get(copy.id) ?? []) : []),
    connectorFor: (agencyCode) => byAgency.get(agencyCode),
    async attachmentContent(copyId, contentId) {
      const copy = copies.get(copyId);
      const attachment = copy?.document.attachments.find((a) => a.contentId === contentId);
      if (!copy || !attachment || attachment.error) return undefined;
      if (attachment.content) {
        hold(copyId, copy.document);
        return attachment.content;
      }
      return refetch(copy, contentId);
    },
    attachmentBytesHeld: () => heldBytes,
    recordSent(connector, axisId, message, signatures = null) {
      add(connector, axisId, 'OUTGOING', formatVietnamDateTime(new Date()), message, signatures);
    },
  };
  return registry;
}
