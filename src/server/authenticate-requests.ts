import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authenticator, Principal } from '../auth';
import { isGatewayError } from '../errors';
import type { AuditSink } from './audit-plugin';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication step for /graphql and /documents requests. */
    principal: Principal | null;
  }
}

/** Everything that serves data needs a principal; a browser opening /graphql only gets the playground redirect. */
function needsPrincipal(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0] ?? '';
  if (path.startsWith('/documents/')) return true;
  if (path !== '/graphql') return false;
  const isPageLoad = req.method === 'GET' && String(req.headers.accept ?? '').includes('text/html') && !(req.query as Record<string, unknown>)?.query;
  return !isPageLoad;
}

/**
 * The authentication step, before any GraphQL work: the bearer token is verified and the
 * principal attached to the request. A refused token answers 401 with the catalogue code
 * UNAUTHENTICATED and its reason (never the token), is logged by the authenticator, and is
 * recorded in the audit log as a rejected operation.
 */
export function registerAuthentication(app: FastifyInstance, authenticator: Authenticator, audit: AuditSink): void {
  app.decorateRequest('principal', null);
  app.addHook('preHandler', async (req, reply) => {
    if (!needsPrincipal(req)) return;
    const started = performance.now();
    try {
      req.principal = await authenticator.authenticate(req.headers.authorization);
    } catch (err) {
      if (!isGatewayError(err)) throw err;
      const body = (req.body ?? {}) as { query?: unknown; operationName?: unknown };
      const query = typeof body.query === 'string' ? body.query : String((req.query as Record<string, unknown>)?.query ?? '');
      audit.record({
        at: new Date(),
        requestId: req.id,
        operationName: typeof body.operationName === 'string' ? body.operationName : null,
        operationType: null,
        documentHash: createHash('sha256').update(query).digest('hex'),
        outcome: 'rejected',
        errorCodes: [err.code],
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        clientIp: req.ip ?? null,
        records: {},
        sensitiveFields: [],
        principalId: null,
        agencyCode: null,
        prevHash: null,
        hash: null,
      });
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer error="invalid_token"')
        .send({ errors: [{ message: err.message, extensions: { code: err.code, reason: err.extensions.reason } }] });
    }
  });
}
