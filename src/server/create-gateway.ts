import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyInstance, type FastifyError } from 'fastify';
import type { GatewayConfig } from '../config';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors';
import type { Logger } from '../log';
import type { AuditRepository } from '../store';
import { buildSchema } from '../graphql/build-schema';
import { createContext, type GatewayContext } from '../graphql/context';
import type { RunningSources } from '../sources/create-sources';
import { anonymousPrincipal, type Authenticator } from '../auth';
import { registerAttachmentRoute } from './attachment-route';
import { dossierStatusLookup, registerPublicLookupRoute } from './public-lookup-route';
import { registerAuthentication } from './authenticate-requests';
import { recordRefusal } from './record-refusal';
import { registerTokenLimit } from './token-limit';
import { useAudit, type AuditSink } from './audit-plugin';
import { createFormatError } from './format-error';
import { createQueryLimits } from './query-limits';
import { registerPlayground, usePlaygroundLandingPage } from './playground';
import { useSourceWarnings } from './source-warnings-plugin';

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
}

export interface Gateway {
  readonly app: FastifyInstance;
  /** Base URL once listening, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Assembles the gateway, in order: HTTP layer (Fastify: request ids, body limit, coded
 * HTTP errors) → health routes → Apollo Server (schema from schema/, context with
 * per-request loaders, source warnings, error masking) → /graphql.
 */
export async function createGateway({ config, sources, logger, audit, authenticator, auditLog, readinessExtras }: GatewayOptions): Promise<Gateway> {
  const { server } = config;
  const app = Fastify({
    loggerInstance: logger.child({ component: 'http' }),
    // Requests are recorded by the audit log; per-request access lines would only repeat it.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: server.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const code: ErrorCode = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : (err.statusCode ?? 500) < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    if (code === 'INTERNAL_SERVER_ERROR') req.log.error({ err }, 'request failed');
    const message = code === 'PAYLOAD_TOO_LARGE' ? `The request body is larger than ${server.bodyLimitBytes} bytes` : code === 'BAD_REQUEST' ? err.message : 'Unexpected error; the server log has the details.';
    // Refused before GraphQL ever saw it (too large, not JSON): still an access to record.
    recordRefusal(audit, req, code);
    void reply.status(ERROR_CATALOGUE[code].httpStatus).send({ errors: [{ message, extensions: { code } }] });
  });

  registerAuthentication(app as unknown as FastifyInstance, authenticator, audit);
  registerTokenLimit(app as unknown as FastifyInstance, config.limits.maxTokens, audit);
  if (server.playground) registerPlayground(app as unknown as FastifyInstance);
  registerAttachmentRoute(app as unknown as FastifyInstance, sources.documents, audit);
  registerPublicLookupRoute(app as unknown as FastifyInstance, { lookup: dossierStatusLookup(sources.dossiers), printing: sources.printing, audit, rateLimit: config.printing.lookupRateLimit });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const [reports, extras] = await Promise.all([sources.checkReady(), readinessExtras?.() ?? Promise.resolve({ ok: true })]);
    const { ok: extrasOk, ...facts } = extras;
    const ok = extrasOk && reports.every((r) => r.ok);
    // Unauthenticated: only what an orchestrator needs, unless the operator asks for more.
    if (!server.readinessDetails) {
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'degraded', sources: reports.map((r) => ({ source: r.source, ok: r.ok, ...(r.error ? { error: { code: r.error.code } } : {}) })) });
    }
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'degraded', sources: reports, ...facts });
  });

  const limits = createQueryLimits(config.limits, server.mode);
  const apollo = new ApolloServer<GatewayContext>({
    schema: buildSchema(),
    validationRules: limits.validationRules,
    introspection: server.introspection,
    includeStacktraceInErrorResponses: server.mode === 'development',
    formatError: createFormatError(logger, server.mode),
    plugins: [fastifyApolloDrainPlugin(app), ...limits.plugins, useAudit(audit), useSourceWarnings(), server.playground ? usePlaygroundLandingPage() : ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const catalogueWaitMs = config.sources.nationalProcedures.catalogue.waitMs;
  const dossiersWaitMs = config.sources.dossiers.waitMs;
  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    context: async (req) => createContext({ requestId: req.id, clientIp: req.ip ?? null, principal: req.principal ?? anonymousPrincipal(), auditLog, logger: logger.child({ requestId: req.id }), sources, catalogueWaitMs, dossiersWaitMs }),
  });

  let url = '';
  return {
    app: app as unknown as FastifyInstance,
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
