import { createHash, createHmac, randomBytes } from 'node:crypto';
import { levelOfAgencyCode } from '../../src/domain';
import type { AgencyRecord } from '../../src/domain/procedure';
import { GatewayError } from '../../src/errors';
import { createHttpClient, createResilience, parseJsonBody, readList, readNumber, readObject, readText, type HttpClient, type HttpResponse } from '../kit';
import { readVietnamDateTime } from '../kit/read-vietnam-date-time';
import type { ResolvedDocumentExchangeOptions } from './config';
import type { Acknowledgement, MessageType, ReceivedSummary, SentDelivery } from './index';

/**
 * The axis operations this connector calls, with the HTTP method the SDK uses for each and
 * whether it only reads (a read may be sent again after a failure; a write never is).
 */
const OPERATIONS = {
  sendEdoc: { method: 'POST', reads: false },
  getReceivedEdocList: { method: 'POST', reads: true },
  countReceiveEdoc: { method: 'GET', reads: true },
  getSentEdocList: { method: 'POST', reads: true },
  getEdoc: { method: 'POST', reads: true },
  updateStatus: { method: 'POST', reads: false },
  getAgenciesList: { method: 'POST', reads: true },
} as const;

export type AxisOperation = keyof typeof OPERATIONS;

/**
 * `ErrorCode` values given their own catalogue code. The SDK shows only `"0"` (success);
 * these are our reading, as the simulator answers (README). Every other code is
 * UPSTREAM_ERROR with the axis' code and description.
 */
const AXIS_CODES = { ok: '0', authentication: '-1', notFound: '-4', tooLarge: '-6' } as const;

/** Header values the SDK (SDKVXP 2.0.1, `VnptService`) sends with every call. */
const SDK_VERSION = '3.0.201608';
const USER_AGENT = 'lienthong-document-exchange/1.0 XRoad/VPCP';

export interface AxisClient {
  readonly http: HttpClient;
  /**
   * Calls one operation with its parameters (sent as signed headers, as the SDK does) and,
   * for `sendEdoc`, the file; returns the answer's fields once `ErrorCode` is `"0"`.
   */
  call(operation: AxisOperation, params?: Record<string, string>, file?: Buffer): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * The exchange axis protocol as the Government Office's SDK speaks it (docs/sources.md §3;
 * `KnobstickServiceImp`, `AgencyServiceImp`, `VnptService` of SDKVXP 2.0.1): one path
 * per operation below the endpoint; parameters as headers `XroadVnpt-<name>`, signed
 * with HMAC-SHA256 keyed by the system's secret; `sendEdoc` uploads the file as the
 * multipart part `file_doc` with its SHA-256 in `hash-file`; answers are JSON
 * `{status, ErrorCode, ErrorDesc, …}`. Every failure of the axis becomes a catalogue
 * error here and nowhere else, always with `extensions.source`.
 */
export function createAxisClient(options: ResolvedDocumentExchangeOptions): AxisClient {
  const { name: source, url, systemId, secret, timeoutMs, connections, limits, resilience } = options;
  // getEdoc carries the largest message base64-encoded in JSON.
  const maxResponseBytes = Math.ceil(limits.maxBytes / 3) * 4 + 1024 * 1024;
  const http = createHttpClient({ source, baseUrl: url, timeoutMs, connections, maxResponseBytes, resilience: createResilience(source, resilience) });

  async function call(operation: AxisOperation, params: Record<string, string> = {}, file?: Buffer): Promise<Record<string, unknown>> {
    const signedContentType = file ? 'application/octet-stream' : 'application/json';
    const extra: Record<string, string> = file ? { 'hash-file': sdkFileHash(file) } : {};
    const headers = signHeaders(systemId, secret, signedContentType, { ...params, ...extra });
    let body: Buffer | undefined;
    if (file) {
      const multipart = buildMultipart(file);
      headers['content-type'] = multipart.contentType;
      body = multipart.body;
    } else {
      headers['content-type'] = signedContentType;
    }
    // Every call is signed with its own timestamp, so no two are identical and none is shared.
    const { method, reads } = OPERATIONS[operation];
    const fields = await http.request({ method, path: `/${operation}`, headers, body, idempotent: reads }, (res) => {
      assertHttpOk(res, source, operation);
      const answer = parseJsonBody(res, source);
      if (typeof answer !== 'object' || answer === null || Array.isArray(answer) || (!('ErrorCode' in answer) && !('status' in answer))) {
        throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered ${operation} without status or ErrorCode: ${JSON.stringify(answer).slice(0, 120)}`, { source });
      }
      return answer as Record<string, unknown>;
    });
    const code = readText(fields.ErrorCode) ?? (readText(fields.status)?.toUpperCase() === 'OK' ? AXIS_CODES.ok : '');
    if (code === AXIS_CODES.ok && readText(fields.status)?.toUpperCase() !== 'FAIL') return fields;
    throw axisError(operation, code, readText(fields.ErrorDesc), params, source);
  }

  return {
    http,
    call,
    async close() {
      await http.close();
      http.resilience.close();
    },
  };
}

function axisError(operation: AxisOperation, code: string, description: string | null, params: Record<string, string>, source: string): GatewayError {
  const said = `${description ?? 'no description'} (ErrorCode ${code || 'missing'})`;
  const extensions = { source, upstreamCode: code };
  switch (code) {
    case AXIS_CODES.authentication:
      return new GatewayError('UPSTREAM_AUTH_FAILED', `${source} refused the system's credentials on ${operation}: ${said}`, extensions);
    case AXIS_CODES.notFound:
      return new GatewayError('NOT_FOUND', `${source} knows no message ${JSON.stringify(params.docId)} for this system: ${said}`, { ...extensions, docId: params.docId });
    case AXIS_CODES.tooLarge:
      return new GatewayError('PAYLOAD_TOO_LARGE', `${source} refused the message as too large: ${said}`, extensions);
    default:
      return new GatewayError('UPSTREAM_ERROR', `${source} ${operation} failed: ${said}`, extensions);
  }
}

function assertHttpOk(res: HttpResponse, source: string, operation: AxisOperation): void {
  if (res.status >= 200 && res.status < 300) return;
  const code =
    res.status === 401 || res.status === 403
      ? 'UPSTREAM_AUTH_FAILED'
      : res.status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : res.status >= 500
          ? 'UPSTREAM_UNAVAILABLE'
          : 'UPSTREAM_BAD_RESPONSE';
  throw new GatewayError(code, `${source} answered ${operation} with HTTP ${res.status}`, { source, upstreamCode: res.status });
}

/**
 * The SDK's signed headers (`VnptService.addXroadVnptHashHeader`): every parameter as
 * `XroadVnpt-<name>`, their names in `XroadVnpt-sign-header-key`, all of them as one JSON
 * object in `XroadVnpt-sign-header`, and its hex HMAC-SHA256 keyed by the secret in
 * `XroadVnpt-hash-header`. Non-ASCII is written as JSON `\u` escapes, since a header
 * value cannot carry it.
 */
function signHeaders(systemId: string, secret: string, contentType: string, params: Record<string, string>): Record<string, string> {
  const named: Record<string, string> = { 'Content-Type': contentType, systemid: systemId, timestamp: sdkTimestamp(new Date()), ...params };
  const headers: Record<string, string> = {};
  const signed: Record<string, string> = {};
  for (const [name, value] of Object.entries(named)) {
    headers[`XroadVnpt-${name}`] = asciiOnly(value);
    signed[`XroadVnpt-${name}`] = value;
  }
  const signHeader = asciiOnly(JSON.stringify(signed));
  headers['XroadVnpt-sign-header-key'] = Object.keys(named).join(';');
  headers['XroadVnpt-sign-header'] = signHeader;
  headers['XroadVnpt-hash-header'] = createHmac('sha256', secret).update(signHeader, 'utf8').digest('hex');
  headers['XroadVnpt-version'] = SDK_VERSION;
  headers['user-agent'] = USER_AGENT;
  return headers;
}

function asciiOnly(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `ddMMyyyy'T'HHmmss+SSSS` (milliseconds in four digits), the SDK's `timestamp`, here in Vietnam time. */
function sdkTimestamp(now: Date): string {
  const t = new Date(now.getTime() + 7 * 3600_000).toISOString();
  return `${t.slice(8, 10)}${t.slice(5, 7)}${t.slice(0, 4)}T${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}+0${t.slice(20, 23)}`;
}

/** The SDK's `hash-file`: SHA-256 hex with each byte written without its leading zero (`Integer.toHexString`). */
function sdkFileHash(file: Buffer): string {
  return [...createHash('sha256').update(file).digest()].map((b) => b.toString(16)).join('');
}

/** One multipart/form-data part `file_doc` holding the file's bytes unchanged. */
function buildMultipart(file: Buffer): { contentType: string; body: Buffer } {
  let boundary: string;
  do boundary = `----lienthong${randomBytes(16).toString('hex')}`;
  while (file.includes(boundary));
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file_doc"; filename="edoc.edxml"\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([Buffer.from(head, 'latin1'), file, Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1')]),
  };
}

// ---- Reading answers into the connector's model ------------------------------------

/** `data` of a list answer: an array as promised, none for null or absent, a lone object as one. */
export function readData(answer: Record<string, unknown>): unknown[] {
  return readList(answer.data);
}

/** `DocId` of a sendEdoc answer (the SDK reads `DocId`; `DocID` and `docId` are accepted too). */
export function readDocId(answer: Record<string, unknown>, source: string): string {
  const docId = readText(answer.DocId) ?? readText(answer.DocID) ?? readText(answer.docId);
  if (docId === null) throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} accepted the message but gave no DocId: ${JSON.stringify(answer).slice(0, 120)}`, { source });
  return docId;
}

/** The message bytes of a getEdoc answer, `data` strictly base64 (line breaks allowed). */
export function readEdocBytes(answer: Record<string, unknown>, docId: string, source: string): Buffer {
  const data = typeof answer.data === 'string' ? answer.data.replace(/\s+/g, '') : null;
  if (data === null || data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
    const shown = typeof answer.data === 'string' ? JSON.stringify(answer.data.slice(0, 60)) : typeof answer.data;
    throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered getEdoc for ${docId} without base64 data: ${shown}`, { source, docId });
  }
  return Buffer.from(data, 'base64');
}

/** `getReceivedEdocList` item → ReceivedSummary; null without a `docId` (nothing could be done with it). */
export function readReceived(raw: unknown, asked: MessageType): ReceivedSummary | null {
  const r = readObject(raw);
  const docId = readText(r.docId);
  if (docId === null) return null;
  return {
    docId,
    messageType: readMessageType(r.messageType) ?? asked,
    from: readText(r.from),
    to: readText(r.to),
    acknowledgement: readAcknowledgement(r.status),
    receivedAt: readAxisTime(r.created_time),
    updatedAt: readAxisTime(r.updated_time),
  };
}

/** `getSentEdocList` item (one recipient of one sent message) → SentDelivery; null without `senderDocId`. */
export function readSent(raw: unknown): SentDelivery | null {
  const r = readObject(raw);
  const docId = readText(r.senderDocId);
  if (docId === null) return null;
  const recipientDocId = readText(r.receiverDocId);
  return {
    docId,
    messageType: readMessageType(r.messageType) ?? 'edoc',
    from: readText(r.fromCode),
    to: readText(r.toCode),
    recipientDocId,
    delivered: recipientDocId !== null && readText(r.sendStatus)?.toLowerCase() !== 'fail',
    deliveryNote: readText(r.sendStatusDesc),
    acknowledgement: recipientDocId === null ? null : readAcknowledgement(r.receiveStatus),
    title: readText(r.title),
    notation: readText(r.notation),
    sentAt: readAxisTime(r.sentTime),
    acknowledgedAt: readAxisTime(r.receivedTime),
  };
}

/** `getAgenciesList` item `{id, code, name, pid, mail, oldCode}` → AgencyRecord; null without a code. Its level follows the code. */
export function readAgency(raw: unknown): AgencyRecord | null {
  const r = readObject(raw);
  const code = readText(r.code);
  return code === null ? null : { code, name: readText(r.name), level: levelOfAgencyCode(code) };
}

/** `countReceiveEdoc`'s `count`. */
export function readCount(answer: Record<string, unknown>, source: string): number {
  const count = readNumber(answer.count);
  if (count === null) throw new GatewayError('UPSTREAM_BAD_RESPONSE', `${source} answered countReceiveEdoc without a count: ${JSON.stringify(answer).slice(0, 120)}`, { source });
  return count;
}

function readMessageType(value: unknown): MessageType | null {
  const text = readText(value)?.toLowerCase();
  return text === 'edoc' || text === 'status' ? text : null;
}

/** The recipient's transport acknowledgement; anything not yet acknowledged is `pending`. */
function readAcknowledgement(value: unknown): Acknowledgement {
  const text = readText(value)?.toLowerCase();
  return text === 'processing' || text === 'done' || text === 'fail' ? text : 'pending';
}

/** `yyyy-MM-dd HH:mm:ss` in Vietnam time (or already ISO) → ISO with `+07:00`; null otherwise. */
/** Axis times (`yyyy-MM-dd HH:mm:ss`, Vietnam time, or ISO with an offset), as ISO in Vietnam time. */
function readAxisTime(value: unknown): string | null {
  return readVietnamDateTime(value);
}
