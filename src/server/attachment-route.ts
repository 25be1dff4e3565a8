import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { canSeeAgency } from '../auth';
import type { DocumentRegistry } from '../documents';

/**
 * `GET /documents/:id/attachments/:contentId`: the decoded content of one attachment of a
 * document copy, streamed with its type and name. The `downloadPath` of a
 * DocumentAttachment points here. Errors come in the GraphQL error shape with their code.
 */
export function registerAttachmentRoute(app: FastifyInstance, documents: DocumentRegistry): void {
  app.get<{ Params: { id: string; contentId: string } }>('/documents/:id/attachments/:contentId', async (req, reply) => {
    const principal = req.principal;
    if (!principal?.scopes.has('documents:read')) {
      return reply.status(403).send({ errors: [{ message: 'downloading an attachment needs the scope documents:read', extensions: { code: 'FORBIDDEN' } }] });
    }
    await documents.refresh();
    const found = documents.copy(req.params.id);
    // Another agency's copy answers as if it did not exist.
    const copy = found && (principal.scopes.has('sync:admin') || canSeeAgency(principal, found.agencyCode)) ? found : undefined;
    const attachment = copy?.document.attachments.find((a) => a.contentId === req.params.contentId);
    if (!attachment?.content) {
      const message = attachment?.error ? `attachment ${req.params.contentId} could not be decoded: ${attachment.error.message}` : 'no such document or attachment';
      return reply.status(404).send({ errors: [{ message, extensions: { code: 'NOT_FOUND' } }] });
    }
    return reply
      .header('content-type', attachment.contentType ?? 'application/octet-stream')
      .header('content-length', attachment.content.length)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`)
      .send(Readable.from([attachment.content]));
  });
}
