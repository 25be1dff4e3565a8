import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../errors';
import type { AuditSink } from './audit-plugin';
import { canonicalPathProblem } from './canonical-path';
import { refusalBody, sendRefusal } from './send-refusal';

/**
 * Everything the HTTP layer refuses, each with a catalogue code in the GraphQL error shape:
 *
 * - a request target that is not the canonical spelling of its path (see
 *   `canonicalPathProblem`): 400 BAD_REQUEST, audited, before anything else runs;
 * - a path or method no route serves: 404 NOT_FOUND, audited;
 * - a body too large (413 PAYLOAD_TOO_LARGE), not parseable or of a type no parser reads
 *   (400 BAD_REQUEST), audited; anything else 500, logged in full.
 *
 * Call it before any route is registered, so that the path check runs first for all.
 */
export function registerHttpRefusals(app: FastifyInstance, audit: AuditSink, { bodyLimitBytes }: { bodyLimitBytes: number }): void {
  app.addHook('onRequest', async (req, reply) => {
    const problem = canonicalPathProblem(req.url);
    if (problem) return sendRefusal(audit, req, reply, { code: 'BAD_REQUEST', message: nonCanonicalMessage(req.url, problem) });
  });

  // Audited like any refusal: a scanner probing /admin or /.env is an attempt the security auditor should see.
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    return sendRefusal(audit, req, reply, { code: 'NOT_FOUND', message: `No route serves ${req.method} ${JSON.stringify(path.slice(0, 200))}.` });
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const code: ErrorCode = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : (err.statusCode ?? 500) < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    if (code === 'INTERNAL_SERVER_ERROR') req.log.error({ err }, 'request failed');
    const message = code === 'PAYLOAD_TOO_LARGE' ? `The request body is larger than ${bodyLimitBytes} bytes` : code === 'BAD_REQUEST' ? err.message : 'Unexpected error; the server log has the details.';
    void sendRefusal(audit, req, reply, { code, message });
  });
}

/**
 * Fastify's `frameworkErrors`: the router could not match the path at all, because a
 * percent-encoding does not decode (malformed, or not UTF-8) or a segment is longer than
 * `maxParamLength`. Refused with BAD_REQUEST, audited.
 */
export function refuseUnroutablePath(audit: AuditSink, { maxParamLength }: { maxParamLength: number }) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply): void => {
    const problem = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? `a segment is longer than ${maxParamLength} characters` : (canonicalPathProblem(req.url) ?? 'the router cannot decode it');
    void sendRefusal(audit, req, reply, { code: 'BAD_REQUEST', message: nonCanonicalMessage(req.url, problem) });
  };
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request before any route
 * (a control character or a raw non-ASCII byte in the request line, headers too large).
 * No request exists to audit; the answer still carries a catalogue code.
 */
export function refuseMalformedHttp(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message]: [number, ErrorCode, string] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'PAYLOAD_TOO_LARGE', 'The request headers are larger than the server accepts.']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'BAD_REQUEST', 'The request did not arrive in time.']
        : [400, 'BAD_REQUEST', 'The request is not valid HTTP/1.1.'];
  const body = JSON.stringify(refusalBody(code, message));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

function nonCanonicalMessage(target: string, problem: string): string {
  return `The request path ${JSON.stringify(target.split('?')[0]!.slice(0, 200))} is not written the one way it is served: ${problem}.`;
}
