import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '../errors';
import type { AuditSink } from './audit-plugin';

/**
 * Records in the audit log a request refused before GraphQL executed it (bad token,
 * too many tokens, body too large or not JSON): an access attempt is recorded whether or
 * not it got anything.
 */
export function recordRefusal(audit: AuditSink, req: FastifyRequest, code: ErrorCode, startedAt = performance.now()): void {
  const body = (req.body ?? {}) as { query?: unknown; operationName?: unknown };
  const query = typeof body.query === 'string' ? body.query : String((req.query as Record<string, unknown> | undefined)?.query ?? '');
  audit.record({
    at: new Date(),
    requestId: req.id,
    operationName: typeof body.operationName === 'string' ? body.operationName : null,
    operationType: null,
    documentHash: createHash('sha256').update(query).digest('hex'),
    outcome: 'rejected',
    errorCodes: [code],
    durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
    clientIp: req.ip ?? null,
    records: {},
    sensitiveFields: [],
    principalId: req.principal?.clientId ?? req.principal?.subject ?? null,
    agencyCode: req.principal?.agencyCode ?? null,
    prevHash: null,
    hash: null,
  });
}
