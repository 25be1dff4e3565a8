import type { FastifyInstance, FastifyRequest } from 'fastify';
import { refusalReasonOf, type Authenticator, type Principal } from '../auth';
import { ERROR_CATALOGUE, isGatewayError } from '../errors';
import type { AuditSink } from './audit-plugin';
import { recordRefusal } from './record-refusal';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication step for /graphql and /documents requests. */
    principal: Principal | null;
  }
}

/** Everything that serves data needs a principal; a browser opening /graphql only gets the playground redirect. */
export function needsPrincipal(req: FastifyRequest): boolean {
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
      recordRefusal(audit, req, err.code, started, refusalReasonOf(err));
      // A key-set outage is not the caller's fault: it keeps its own code and status.
      if (err.code === 'UNAUTHENTICATED') {
        void reply.header('www-authenticate', err.extensions.reason === 'TOKEN_MISSING' ? 'Bearer realm="lienthong"' : 'Bearer realm="lienthong", error="invalid_token"');
      }
      return reply.status(ERROR_CATALOGUE[err.code].httpStatus).send({ errors: [{ message: err.message, extensions: { code: err.code, reason: err.extensions.reason } }] });
    }
  });
}
