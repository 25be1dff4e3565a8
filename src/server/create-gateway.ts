import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../config';
import type { Logger } from '../log';
import type { AuditRepository } from '../store';
import { buildSchema } from '../graphql/build-schema';
import { createContext, type GatewayContext } from '../graphql/context';
import type { RunningSources } from '../sources/create-sources';
import { anonymousPrincipal, type Authenticator, type Principal } from '../auth';
import { registerAttachmentRoute } from './attachment-route';
import { dossierStatusLookup, registerPublicLookupRoute } from './public-lookup-route';
import { registerAuthentication } from './authenticate-requests';
import { useAudit, type AuditSink } from './audit-plugin';
import { createFormatError } from './format-error';
import { registerGraphqlRoute } from './graphql-route';
import { refuseMalformedHttp, refuseUnroutablePath, registerHttpRefusals } from './http-refusals';
import { registerPlayground, type PlaygroundPrincipal, type PlaygroundTab } from './playground';
import { registerCompression } from './register-compression';
import { registerCors } from './register-cors';
import { registerRequestContext } from './request-context-hook';
import { useQueryLimits } from './query-limits';
import { useHttpSubscriptionRefusal } from './refuse-http-subscriptions';
import { useSourceWarnings } from './source-warnings-plugin';
import { tokenLimitParseOptions } from './token-limit';
import { registerMetricsRoute } from './metrics-route';
import { useRequestMetrics } from './request-metrics-plugin';
import { traceRequests, useOperationTracing, type Telemetry } from '../telemetry';
import { registerSubscriptionRoute } from './subscription-route';
import { closeUnusedConnectionsOnClose } from './close-unused-connections';

export interface GatewayOptions {
  config: GatewayConfig;
  sources: RunningSources;
  logger: Logger;
  /** Where every operation's audit entry goes. */
  audit: AuditSink;
  /** Verifies bearer tokens into principals. */
  authenticator: Authenticator;
  /** Reads the audit log for the auditLog query. */
  auditLog: Pick<AuditRepository, 'query'>;
  /** Extra facts for /readyz; `ok: false` among them makes the gateway not ready. */
  readinessExtras?: () => Promise<{ ok: boolean } & Record<string, unknown>>;
  /** Traces requests when given (`telemetry.enabled`). @default none: nothing traced */
  telemetry?: Telemetry | null;
  /**
   * What the playground (when `server.playground` is on) offers besides GraphiQL: principals
   * with ready tokens and example tabs. Given at run time by the demo only, never read from
   * a configuration file, so a deployed gateway's playground holds no token. @default none
   */
  playground?: { principals?: readonly PlaygroundPrincipal[]; tabs?: readonly PlaygroundTab[] };
}

export interface Gateway {
  readonly app: FastifyInstance;
  /** Base URL once listening, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** Longest path parameter, as sent (encoded): a document copy id or an edXML ContentId, which some systems fill with a file name. */
const MAX_PARAM_LENGTH = 500;

/**
 * Assembles the gateway, in order:
 *
 * 1. HTTP layer (Fastify): a trace span per request (when telemetry is on), request ids,
 *    body limit, a router that matches paths exactly;
 *    coded refusals of non-canonical paths, unknown routes, bad bodies and bad HTTP;
 * 2. authentication, bound to every route registered after it that is not public;
 * 2a. compression and CORS (configured origins only), and each handler run in its request
 *    context, so upstream calls carry the request id;
 * 3. routes: health (public), playground at / and /playground (public), attachments, and /graphql: one
 *    operation per request → Apollo Server (schema from schema/, token limit at parse,
 *    query limits at operation resolution with the request's variables, audit, source
 *    warnings, error masking).
 */
export async function createGateway({ config, sources, logger, audit, authenticator, auditLog, readinessExtras, telemetry = null, playground }: GatewayOptions): Promise<Gateway> {
  const { server, limits } = config;
  const app = Fastify({
    loggerInstance: logger.child({ component: 'http' }),
    // Requests are recorded by the audit log; per-request access lines would only repeat it.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: server.bodyLimitBytes,
    // Behind a load balancer every connection comes from it: the client's address is the one its X-Forwarded-For names.
    trustProxy: server.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // One spelling per route: no case folding, no trailing or doubled slash (";" never gets
    // this far: canonical-path.ts refuses it).
    routerOptions: { caseSensitive: true, ignoreTrailingSlash: false, ignoreDuplicateSlashes: false, maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: refuseUnroutablePath(audit, { maxParamLength: MAX_PARAM_LENGTH }),
    clientErrorHandler: refuseMalformedHttp,
  }) as unknown as FastifyInstance;

  // First of all hooks, so that everything a request runs is inside its span.
  if (telemetry) traceRequests(app, telemetry.tracer);
  // Bodies are JSON only: a text/plain body is what a cross-site form can send without a preflight.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  registerHttpRefusals(app, audit, { bodyLimitBytes: server.bodyLimitBytes });
  closeUnusedConnectionsOnClose(app);
  // HTTP conventions, before any route: compression, CORS for the configured origins (its preflight route is public).
  await registerCompression(app, { thresholdBytes: server.compressThresholdBytes });
  await registerCors(app, server.cors);
  // Before any route: routes registered from here on authenticate unless they are public.
  registerAuthentication(app, authenticator, audit);
  registerRequestContext(app);
  // Subscriptions over WebSocket, with the schema, limits, audit and error formatting of /graphql.
  const plainSchema = buildSchema();
  // A subgraph's schema has no Subscription type (no router composes subscriptions): /graphql/ws serves the plain one.
  const schema = server.federation ? buildSchema({ federation: { provinces: config.sources.provinces.map(({ province, name }) => ({ province, name })) } }) : plainSchema;
  const formatError = createFormatError(logger, server.mode, limits);
  const contextOf = (req: FastifyRequest, principal: Principal) =>
    createContext({ requestId: req.id, clientIp: req.ip ?? null, principal, auditLog, logger: logger.child({ requestId: req.id }), sources, catalogueWaitMs: config.sources.nationalProcedures.catalogue.waitMs, dossiersWaitMs: config.sources.dossiers.waitMs });
  await registerSubscriptionRoute(app, { schema: plainSchema, authenticator, audit, logger, limits, formatError, context: contextOf, maxPayloadBytes: server.bodyLimitBytes });

  registerPublicLookupRoute(app as unknown as FastifyInstance, { lookup: dossierStatusLookup(sources.dossiers), printing: sources.printing, audit, rateLimit: config.printing.lookupRateLimit });
  const metrics = registerMetricsRoute(app as unknown as FastifyInstance, config, sources, logger);
  app.get('/healthz', { config: { access: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' } }, async (_req, reply) => {
    const [reports, extras] = await Promise.all([sources.checkReady(), readinessExtras?.() ?? Promise.resolve({ ok: true })]);
    const { ok: extrasOk, ...facts } = extras;
    const ok = extrasOk && reports.every((r) => r.ok);
    // Unauthenticated: only what an orchestrator needs, unless the operator asks for more.
    if (!server.readinessDetails) {
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'degraded', sources: reports.map((r) => ({ source: r.source, ok: r.ok, ...(r.error ? { error: { code: r.error.code } } : {}) })) });
    }
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'degraded', sources: reports, ...facts });
  });
  if (server.playground) registerPlayground(app, playground);
  registerAttachmentRoute(app, sources.documents, audit);

  const apollo = new ApolloServer<GatewayContext>({
    schema,
    parseOptions: tokenLimitParseOptions(limits.maxTokens),
    introspection: server.introspection,
    // A request with a bearer token was sent by a page's script, so a browser asked the CORS
    // policy first (a browser never attaches a bearer token by itself): such GET queries pass.
    csrfPrevention: { requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'] },
    includeStacktraceInErrorResponses: server.mode === 'development',
    formatError,
    plugins: [
      ...(telemetry ? [useOperationTracing()] : []),
      fastifyApolloDrainPlugin(app),
      useHttpSubscriptionRefusal(),
      useQueryLimits(limits),
      useAudit(audit),
      useSourceWarnings(),
      useRequestMetrics(metrics),
      ApolloServerPluginLandingPageDisabled(),
      // A subgraph would otherwise answer anyone who sends `apollo-federation-include-trace` with per-resolver timings and unmasked errors.
      ApolloServerPluginInlineTraceDisabled(),
      // No @cacheControl hints and no CDN in front: Apollo's default cache-control plugin
      // would only add a hook on every field of every request (a tenth of a dossier page's CPU).
      ApolloServerPluginCacheControlDisabled(),
      // Never report operations to Apollo's cloud, whatever APOLLO_KEY an environment sets.
      ApolloServerPluginUsageReportingDisabled(),
    ],
  });
  await apollo.start();

  const catalogueWaitMs = config.sources.nationalProcedures.catalogue.waitMs;
  const dossiersWaitMs = config.sources.dossiers.waitMs;
  registerGraphqlRoute(app, apollo, {
    audit,
    landingPage: server.playground ? '/playground' : undefined,
    maxTokens: limits.maxTokens,
    context: async (req) => createContext({ requestId: req.id, clientIp: req.ip ?? null, principal: req.principal ?? anonymousPrincipal(), auditLog, logger: logger.child({ requestId: req.id }), sources, catalogueWaitMs, dossiersWaitMs }),
  });

  let url = '';
  return {
    app,
    get url() {
      return url;
    },
    async listen() {
      url = await app.listen({ host: server.host, port: server.port });
      return url;
    },
    async close() {
      await app.close();
    },
  };
}
