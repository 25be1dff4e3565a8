import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import { refusalReasonOf, refusedTokenHolderOf, type Authenticator, type Principal } from '../auth';
import { isGatewayError } from '../errors';
import type { AuditSink } from './audit-plugin';
import { sendRefusal } from './send-refusal';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication step of every route that is not public. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /**
     * Who may call the route. `public`: it serves no data (health, the playground page).
     * `connection`: a WebSocket route whose protocol may carry the token after the upgrade
     * (graphql-ws `connectionParams`): a token in the Authorization header is verified here
     * as on any route, and a bad one refused before the upgrade; an upgrade without one
     * goes on unauthenticated (`principal` null), and the route must authenticate the
     * connection with the same authenticator before it serves anything. Anything else
     * authenticates before any other step of the route runs.
     * @default 'principal'
     */
    access?: 'public' | 'principal' | 'connection';
    /**
     * A browser opening the route (GET or HEAD, no query string at all, HTML accepted) is
     * sent this page instead, before authentication: it carries nothing to execute.
     */
    landingPage?: string;
  }
}

/**
 * The authentication step, bound to the routes themselves: every route registered after
 * this call gets, as its first `onRequest` hook, the verification of the bearer token,
 * unless it declares `config: { access: 'public' }`. Whatever spelling of a URL the
 * router matched, the route that runs authenticates; no URL is compared here.
 *
 * A refused token answers 401 with the catalogue code UNAUTHENTICATED and its reason
 * (never the token), is logged by the authenticator, and is recorded in the audit log.
 * It runs before the body is read: a caller without a token costs no body parsing.
 */
export function registerAuthentication(app: FastifyInstance, authenticator: Authenticator, audit: AuditSink): void {
  app.decorateRequest('principal', null);

  const verifyToken = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const started = performance.now();
    try {
      req.principal = await authenticator.authenticate(req.headers.authorization);
    } catch (err) {
      if (!isGatewayError(err)) throw err;
      // A key-set outage is not the caller's fault: it keeps its own code and status.
      if (err.code === 'UNAUTHENTICATED') {
        void reply.header('www-authenticate', err.extensions.reason === 'TOKEN_MISSING' ? 'Bearer realm="lienthong"' : 'Bearer realm="lienthong", error="invalid_token"');
      }
      return sendRefusal(audit, req, reply, { code: err.code, message: err.message, extensions: { reason: err.extensions.reason }, startedAt: started, reason: refusalReasonOf(err), holder: refusedTokenHolderOf(err) });
    }
    return undefined;
  };
  const authenticate: onRequestHookHandler = async (req, reply) => verifyToken(req, reply);

  // A WebSocket upgrade with no Authorization header is left to the connection's own authentication.
  const authenticateUpgrade: onRequestHookHandler = async (req, reply) => {
    if (req.headers.authorization === undefined && isWebSocketUpgrade(req)) return;
    return verifyToken(req, reply);
  };

  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.config?.access === 'public') return;
    const own = [route.onRequest ?? []].flat().filter((hook) => hook !== authenticate && hook !== authenticateUpgrade);
    const landing = route.config?.landingPage ? [landingPageHook(route.config.landingPage)] : [];
    route.onRequest = [...landing, route.config?.access === 'connection' ? authenticateUpgrade : authenticate, ...own];
  });
}

/** An HTTP/1.1 upgrade to the WebSocket protocol (RFC 6455 §4.1). */
export function isWebSocketUpgrade(req: FastifyRequest): boolean {
  return req.method === 'GET' && String(req.headers.upgrade ?? '').toLowerCase() === 'websocket' && /\bupgrade\b/i.test(String(req.headers.connection ?? ''));
}

/** A browser's page load: GET or HEAD with no query string at all, HTML among the types it accepts. */
export function isPageLoad(req: FastifyRequest): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !req.url.includes('?') && String(req.headers.accept ?? '').includes('text/html');
}

function landingPageHook(path: string): onRequestHookHandler {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!isPageLoad(req)) return;
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .send(`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${path}"><a href="${path}">lienthong playground</a>`);
  };
}
