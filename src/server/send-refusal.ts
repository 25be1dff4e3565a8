import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RefusedTokenHolder } from '../auth';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors';
import type { AuditSink } from './audit-plugin';
import { recordRefusal } from './record-refusal';

/** The body of a refusal sent by the HTTP layer: the GraphQL error shape, with a catalogue code. */
export function refusalBody(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/**
 * Refuses a request before GraphQL sees it: records the refusal in the audit log (an access
 * attempt is recorded whether or not it got anything) and answers the code's HTTP status
 * with the GraphQL error shape.
 */
export function sendRefusal(
  audit: AuditSink,
  req: FastifyRequest,
  reply: FastifyReply,
  { code, message, extensions = {}, startedAt, reason = null, holder = null }: { code: ErrorCode; message: string; extensions?: Record<string, unknown>; startedAt?: number; reason?: string | null; holder?: RefusedTokenHolder | null },
): FastifyReply {
  recordRefusal(audit, req, code, startedAt, reason, holder);
  return reply.status(ERROR_CATALOGUE[code].httpStatus).send(refusalBody(code, message, extensions));
}
