import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { RefusedTokenHolder } from '../auth';
import type { ErrorCode } from '../errors';
import { auditedPrincipal, type AuditSink } from './audit-plugin';

/**
 * Records in the audit log a request refused before GraphQL executed it or before a
 * download was sent (bad token, too many tokens, body too large or not JSON, a missing
 * scope or attachment): an access attempt is recorded whether or not it got anything. A
 * request to the attachment route is recorded as an attachment access naming what it
 * asked for; any other as a GraphQL access with the hash of its document (null when the
 * document was never read: a request without a token is refused before its body). `startedAt` is
 * when handling began (`performance.now()`); `reason` why a bearer token was refused, and
 * `holder` whose it was when its signature verified (an expired token).
 */
export function recordRefusal(audit: AuditSink, req: FastifyRequest, code: ErrorCode, startedAt = performance.now(), reason: string | null = null, holder: RefusedTokenHolder | null = null): void {
  const body = (req.body ?? {}) as { query?: unknown; operationName?: unknown };
  const params = (req.params ?? {}) as { id?: unknown; contentId?: unknown };
  const attachment = typeof params.id === 'string' && typeof params.contentId === 'string' ? { documentId: params.id, contentId: params.contentId } : null;
  const fromUrl = (req.query as Record<string, unknown> | undefined)?.query;
  // A request refused before its body was read (no token: bodies are not read for it) has no document to hash.
  const query = typeof body.query === 'string' ? body.query : typeof fromUrl === 'string' ? fromUrl : null;
  audit.record({
    at: new Date(),
    requestId: req.id,
    access: attachment ? 'attachment' : 'graphql',
    operationName: !attachment && typeof body.operationName === 'string' ? body.operationName : null,
    operationType: null,
    documentHash: attachment || query === null ? null : createHash('sha256').update(query).digest('hex'),
    attachment,
    outcome: 'rejected',
    errorCodes: [code],
    refusalReason: reason,
    durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
    clientIp: req.ip ?? null,
    records: {},
    sensitiveFields: [],
    // A refused token whose signature verified still says whose it was; it acts for no agency.
    ...(holder ? { ...holder, agencyCode: null } : auditedPrincipal(req.principal)),
  });
}
