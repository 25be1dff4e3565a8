import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { canReadAgency } from '../auth';
import { isMediaType } from '../domain';
import { attachmentSignatureOf, type DocumentRegistry } from '../documents';
import { ERROR_CATALOGUE, isGatewayError, type ErrorCode } from '../errors';
import { auditedPrincipal, type AuditSink } from './audit-plugin';
import { recordRefusal } from './record-refusal';

/**
 * `GET /documents/:id/attachments/:contentId`: the decoded content of one attachment of a
 * document copy, streamed with its type and name. The `downloadPath` of a
 * DocumentAttachment points here. Same rules as the `document` query: `documents:read`,
 * and another agency's copy answers as if it did not exist. Every download and every
 * refusal is audited as an attachment access naming the document copy and content id
 * asked for, with who asked. Errors come in the GraphQL error shape with their code.
 */
export function registerAttachmentRoute(app: FastifyInstance, documents: DocumentRegistry, audit: AuditSink): void {
  app.get<{ Params: { id: string; contentId: string } }>('/documents/:id/attachments/:contentId', async (req, reply) => {
    const started = performance.now();
    const refuse = (code: ErrorCode, message: string) => {
      recordRefusal(audit, req, code, started);
      return reply.status(ERROR_CATALOGUE[code].httpStatus).send({ errors: [{ message, extensions: { code } }] });
    };
    const principal = req.principal;
    if (!principal || principal.kind === 'anonymous') return refuse('UNAUTHENTICATED', 'downloading an attachment needs a bearer token');
    if (!principal.scopes.has('documents:read')) return refuse('FORBIDDEN', 'downloading an attachment needs the scope documents:read');
    await documents.refresh();
    const found = documents.copy(req.params.id);
    const copy = found && canReadAgency(principal, found.agencyCode) ? found : undefined;
    const attachment = copy?.document.attachments.find((a) => a.contentId === req.params.contentId);
    if (!copy || !attachment || attachment.error) {
      return refuse('NOT_FOUND', attachment?.error ? `attachment ${req.params.contentId} could not be decoded: ${attachment.error.message}` : 'no such document or attachment');
    }
    let content: Buffer | undefined;
    try {
      // From memory, or from the axis again when the bytes were dropped to bound memory.
      content = await documents.attachmentContent(copy.id, attachment.contentId);
    } catch (err) {
      const code: ErrorCode = isGatewayError(err) ? err.code : 'INTERNAL_SERVER_ERROR';
      return refuse(code, isGatewayError(err) ? err.message : 'the attachment could not be read again from the exchange axis');
    }
    if (!content) return refuse('NOT_FOUND', 'no such document or attachment');
    audit.record({
      at: new Date(),
      requestId: req.id,
      access: 'attachment',
      operationName: null,
      operationType: null,
      documentHash: null,
      attachment: { documentId: req.params.id, contentId: req.params.contentId },
      outcome: 'success',
      errorCodes: [],
      refusalReason: null,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      clientIp: req.ip ?? null,
      // The signature status the reader got the file with, as the audit plugin counts it for queries.
      records: { DocumentAttachment: 1, [`SignatureStatus_${attachmentSignatureOf(copy!, attachment.contentId).status}`]: 1 },
      sensitiveFields: [],
      ...auditedPrincipal(principal),
    });
    return reply
      // The type came from the sender's message: anything but a clean media type (a CR/LF, say) is served as plain bytes.
      .header('content-type', attachment.contentType && isMediaType(attachment.contentType) ? attachment.contentType : 'application/octet-stream')
      .header('x-content-type-options', 'nosniff')
      .header('content-length', content.length)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`)
      .header('x-signature-status', attachmentSignatureOf(copy!, attachment.contentId).status)
      .send(Readable.from([content]));
  });
}
