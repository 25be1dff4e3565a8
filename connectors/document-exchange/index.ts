import type { AgencyRecord } from '../../src/domain/procedure';
import { GatewayError } from '../../src/errors';
import { checkReady, mapLimit, type Connector, type HttpClientStats } from '../kit';
import { createAxisClient, readAgency, readCount, readData, readDocId, readEdocBytes, readReceived, readSent } from './client';
import { resolveDocumentExchangeOptions, type DocumentExchangeOptions } from './config';
import { parseEdxml, type EdxmlMessage } from './edxml';
import type { MessageSignatures } from './signature';

export * from './edxml';
export * from './signature';
export type { DocumentExchangeOptions } from './config';

/** What a message is: an official document (`edoc`) or a status message about one. */
export type MessageType = 'edoc' | 'status';

/**
 * A recipient's transport acknowledgement of a delivered message (the axis'
 * `updateStatus`), separate from the business status a status message carries:
 * `pending` until the recipient says `processing`, `done` (taken) or `fail`.
 */
export type Acknowledgement = 'pending' | 'processing' | 'done' | 'fail';

/** One message waiting in the gateway's inbox on the axis. */
export interface ReceivedSummary {
  /** The gateway's own id for this delivery; read it with getMessage, acknowledge it when taken. */
  docId: string;
  messageType: MessageType;
  /** Sender's organ id. */
  from: string | null;
  /** The organ it was delivered for. */
  to: string | null;
  acknowledgement: Acknowledgement;
  /** When the axis accepted it, ISO with offset. */
  receivedAt: string | null;
  updatedAt: string | null;
}

/** A received message: its bytes exactly as the sender sent them, what they say, and the verdict on its signatures. */
export interface ReceivedMessage {
  docId: string;
  bytes: Buffer;
  message: EdxmlMessage;
  /** For a document, when the connector has a signature service; null otherwise. */
  signatures: MessageSignatures | null;
}

/** A message the connector sent: the axis' id for it, the bytes as sent (signed when the system has a key), and their verdict. */
export interface SentMessage {
  docId: string;
  bytes: Buffer;
  /** For a document, when the connector has a signature service; null otherwise. */
  signatures: MessageSignatures | null;
}

/** One recipient of a message the gateway sent, as the axis reports its delivery. */
export interface SentDelivery {
  /** The id sendDocument / sendStatus returned. */
  docId: string;
  messageType: MessageType;
  from: string | null;
  /** The recipient organ id. */
  to: string | null;
  /** The recipient's own id for its copy; null when it was never delivered. */
  recipientDocId: string | null;
  /** False when the axis could not deliver to this recipient (see deliveryNote). */
  delivered: boolean;
  deliveryNote: string | null;
  /** The recipient's transport acknowledgement; null when not delivered. */
  acknowledgement: Acknowledgement | null;
  /** A document's subject, or a status message's description. */
  title: string | null;
  /** `số/ký hiệu` of the document (or of the one a status message answers). */
  notation: string | null;
  sentAt: string | null;
  acknowledgedAt: string | null;
}

/** The national document exchange axis (trục liên thông văn bản quốc gia), for one connected system. */
export interface DocumentExchangeConnector extends Connector {
  readonly kind: 'document-exchange';
  readonly stats: HttpClientStats;
  /** The gateway's own organ id. */
  readonly agencyCode: string;
  /** True when what this system sends is signed. */
  readonly signs: boolean;
  /**
   * Sends an edXML document message (`sendEdoc`, `messagetype: edoc`): byte for byte, or
   * with the system's enveloped XML signature added when it has a signing key. It is
   * parsed first, so a message that is not a valid document never leaves.
   * @throws GatewayError EDXML_INVALID or PAYLOAD_TOO_LARGE before sending; a catalogue error from the axis.
   */
  sendDocument(xml: string | Buffer): Promise<SentMessage>;
  /** Sends an edXML status message (`messagetype: status`); checked and signed the same way. */
  sendStatus(xml: string | Buffer): Promise<SentMessage>;
  /** Every message in the inbox not yet acknowledged `done`, documents and status messages, oldest first. */
  listReceived(): Promise<ReceivedSummary[]>;
  /**
   * One message by the gateway's id for it, its bytes unchanged and parsed.
   * @throws GatewayError EDXML_INVALID or PAYLOAD_TOO_LARGE (from the edXML library, as they are)
   *   when the bytes are not a valid message; NOT_FOUND for an id the axis does not know.
   */
  getMessage(docId: string): Promise<ReceivedMessage>;
  /** Many messages; each result is the message or its own error, in `docIds` order (one bad message never fails the others). */
  getMessages(docIds: readonly string[]): Promise<Array<ReceivedMessage | Error>>;
  /** The delivery of every message the gateway sent (or of one, by its `docId`), one entry per recipient. */
  listSent(docId?: string): Promise<SentDelivery[]>;
  /** Tells the axis what became of a received message; `done` takes it out of the inbox. */
  acknowledge(docId: string, status: 'processing' | 'done' | 'fail'): Promise<void>;
  /** The axis' directory of connected agencies. */
  listAgencies(): Promise<AgencyRecord[]>;
}

const ACKNOWLEDGEMENTS = ['processing', 'done', 'fail'] as const;

/**
 * Creates the document-exchange connector: the axis protocol of docs/sources.md §3 through
 * `client.ts`, edXML through `./edxml`. Options are validated here, once.
 * @throws GatewayError CONFIG_INVALID for bad options.
 */
export function createDocumentExchangeConnector(options: DocumentExchangeOptions): DocumentExchangeConnector {
  const resolved = resolveDocumentExchangeOptions(options);
  const { name, agencyCode, limits, signatures, signingKey } = resolved;
  const client = createAxisClient(resolved);

  /** The verdict on a document's signatures; status messages carry none the schema shows. */
  const verdictOn = async (bytes: Buffer, message: EdxmlMessage): Promise<MessageSignatures | null> =>
    signatures && message.kind === 'document' ? signatures.verify(bytes) : null;

  async function send(xml: string | Buffer, messageType: MessageType): Promise<SentMessage> {
    const given = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml;
    const expected = messageType === 'edoc' ? 'document' : 'status';
    const check = (bytes: Buffer): EdxmlMessage => {
      const parsed = parseEdxml(bytes, limits);
      if (parsed.kind !== expected) {
        throw new GatewayError('EDXML_INVALID', `${messageType === 'edoc' ? 'sendDocument' : 'sendStatus'} needs a ${expected} message; got a ${parsed.kind} message`);
      }
      return parsed;
    };
    const unsigned = check(given);
    // Signed after the check (never sign what is not a message), and checked again as it will leave.
    const bytes = signatures && signingKey ? await signatures.sign(given, signingKey) : given;
    const message = bytes === given ? unsigned : check(bytes);
    const answer = await client.call('sendEdoc', { from: agencyCode, servicetype: 'eDoc', messagetype: messageType }, bytes);
    return { docId: readDocId(answer, name), bytes, signatures: await verdictOn(bytes, message) };
  }

  const received = async (messageType: MessageType): Promise<ReceivedSummary[]> =>
    readData(await client.call('getReceivedEdocList', { servicetype: 'eDoc', messagetype: messageType }))
      .map((raw) => readReceived(raw, messageType))
      .filter((r): r is ReceivedSummary => r !== null);

  async function getMessage(docId: string): Promise<ReceivedMessage> {
    const bytes = readEdocBytes(await client.call('getEdoc', { docId }), docId, name);
    const message = parseEdxml(bytes, limits);
    return { docId, bytes, message, signatures: await verdictOn(bytes, message) };
  }

  return {
    name,
    kind: 'document-exchange',
    agencyCode,
    signs: signingKey !== undefined,
    stats: client.http.stats,
    resilience: client.http.resilience,
    sendDocument: (xml) => send(xml, 'edoc'),
    sendStatus: (xml) => send(xml, 'status'),
    async listReceived() {
      // The SDK asks per messagetype; both lists are merged by arrival, each in the axis' order.
      const [documents, statuses] = await Promise.all([received('edoc'), received('status')]);
      return [...documents, ...statuses].sort((a, b) => (a.receivedAt ?? '').localeCompare(b.receivedAt ?? ''));
    },
    getMessage,
    getMessages: (docIds) => mapLimit(docIds, 4, getMessage),
    async listSent(docId) {
      const answer = await client.call('getSentEdocList', docId === undefined ? { servicetype: 'eDoc' } : { servicetype: 'eDoc', docId });
      return readData(answer)
        .map(readSent)
        .filter((s): s is SentDelivery => s !== null);
    },
    async acknowledge(docId, status) {
      if (!ACKNOWLEDGEMENTS.includes(status)) {
        throw new GatewayError('BAD_USER_INPUT', `acknowledge takes a status of ${ACKNOWLEDGEMENTS.join(', ')}; got ${JSON.stringify(status)}`);
      }
      await client.call('updateStatus', { docId, status });
    },
    async listAgencies() {
      return readData(await client.call('getAgenciesList'))
        .map(readAgency)
        .filter((a): a is AgencyRecord => a !== null);
    },
    checkReady: () =>
      checkReady(name, 'document-exchange', async () => ({
        inbox: readCount(await client.call('countReceiveEdoc', { servicetype: 'eDoc' }), name),
      }), client.http.resilience),
    close: () => client.close(),
  };
}
