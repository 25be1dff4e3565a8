import type { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { GatewayContext } from '../graphql/context';
import type { AuditSink } from './audit-plugin';
import { legacyJsonStatus } from './legacy-json-status';
import { sendRefusal } from './send-refusal';

export interface GraphqlRouteOptions {
  audit: AuditSink;
  /** Builds the per-request context from the authenticated request. */
  context: (req: FastifyRequest) => Promise<GatewayContext>;
  /** Where a browser opening /graphql is sent; without one, that request needs a token like any other. */
  landingPage?: string;
}

/**
 * `GET|POST /graphql`, registered as one route so that its steps are the route's own:
 * authentication (first `onRequest` hook, from `registerAuthentication`) → body parsing
 * (JSON only: the gateway registers no other body parser) → one JSON object, one
 * operation per request → Apollo Server, whose parser applies the token limit to whatever
 * document it runs (sent in full, in the query string or by persisted-query hash) and whose
 * plugins apply the query limits with the request's variables. Queries may come by GET,
 * mutations only by POST (Apollo answers 405); an `application/json` answer to a document
 * GraphQL cannot run is 200, as GraphQL over HTTP asks (`legacyJsonStatus`). OPTIONS is
 * served only to the configured CORS origins (`register-cors.ts`), never here.
 */
export function registerGraphqlRoute(app: FastifyInstance, apollo: ApolloServer<GatewayContext>, { audit, context, landingPage }: GraphqlRouteOptions): void {
  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    config: { landingPage },
    onSend: legacyJsonStatus,
    preHandler: async (req, reply) => {
      if (req.method !== 'POST') return;
      if (Array.isArray(req.body)) {
        return sendRefusal(audit, req, reply, {
          code: 'QUERY_LIMIT_EXCEEDED',
          message: `Batched requests are not accepted: send one operation per request; this one held ${req.body.length}.`,
          extensions: { limit: 'batch' },
        });
      }
      if (typeof req.body !== 'object' || req.body === null) {
        return sendRefusal(audit, req, reply, { code: 'BAD_REQUEST', message: 'A POST to /graphql carries one JSON object: {"query", "variables", "operationName", "extensions"}.' });
      }
    },
    handler: fastifyApolloHandler(apollo, { context }) as RouteHandlerMethod,
  });
}
