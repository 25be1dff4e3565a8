import type { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { parse, type DocumentNode } from 'graphql';
import type { GatewayContext } from '../graphql/context';
import type { AuditSink } from './audit-plugin';
import { conditionalSubscriptionRoot } from './conditional-subscription-root';
import { legacyJsonStatus } from './legacy-json-status';
import { sendRefusal } from './send-refusal';
import { SUBSCRIPTION_PATH } from './subscription-route';

export interface GraphqlRouteOptions {
  audit: AuditSink;
  /** Builds the per-request context from the authenticated request. */
  context: (req: FastifyRequest) => Promise<GatewayContext>;
  /** Where a browser opening /graphql is sent; without one, that request needs a token like any other. */
  landingPage?: string;
  /** The token limit Apollo parses with (`limits.maxTokens`), for the one document read here. */
  maxTokens: number;
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
export function registerGraphqlRoute(app: FastifyInstance, apollo: ApolloServer<GatewayContext>, { audit, context, landingPage, maxTokens }: GraphqlRouteOptions): void {
  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    config: { landingPage },
    onSend: legacyJsonStatus,
    preHandler: async (req, reply) => {
      if (req.method !== 'POST') return refuseConditionalSubscriptionRoot(req, reply, (req.query as { query?: unknown } | undefined)?.query);
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
      return refuseConditionalSubscriptionRoot(req, reply, (req.body as { query?: unknown }).query);
    },
    handler: fastifyApolloHandler(apollo, { context }) as RouteHandlerMethod,
  });

  /**
   * A subscription whose root carries `@skip`/`@include` makes graphql 16's validation
   * throw, which Apollo answers with a 500: refused here first (`conditionalSubscriptionRoot`),
   * with BAD_REQUEST (400), as any subscription sent here is.
   * Only a document that mentions both is parsed (with Apollo's token limit); one that does
   * not parse is left to Apollo's own refusal.
   */
  async function refuseConditionalSubscriptionRoot(req: FastifyRequest, reply: FastifyReply, query: unknown): Promise<FastifyReply | undefined> {
    if (typeof query !== 'string' || !query.includes('subscription') || !query.includes('@')) return undefined;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens });
    } catch {
      return undefined;
    }
    const refusal = conditionalSubscriptionRoot(document);
    // BAD_REQUEST, as any subscription sent here is (`useHttpSubscriptionRefusal`).
    return refusal ? sendRefusal(audit, req, reply, { code: 'BAD_REQUEST', message: `${refusal.message} Subscriptions are served over WebSocket at ${SUBSCRIPTION_PATH}.` }) : undefined;
  }
}
