import { createHash } from 'node:crypto';
import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, handleProtocols, makeServer } from 'graphql-ws';
import { decodeJwt } from 'jose';
import type { WebSocket } from 'ws';
import { readBearerToken, refusalReasonOf, type Authenticator, type Principal } from '../auth';
import { GatewayError, isGatewayError } from '../errors';
import type { GatewayContext } from '../graphql/context';
import type { Logger } from '../log';
import { auditedPrincipal, type AuditSink } from './audit-plugin';
import { conditionalSubscriptionRoot } from './conditional-subscription-root';
import { countResultRecords } from './count-result-records';
import { createTurnLimiter } from './create-turn-limiter';
import { createQueryLimitCheck, type QueryLimits } from './query-limits';
import { recordRefusal } from './record-refusal';
import { setLongTimeout } from './set-long-timeout';

/** Where subscriptions are served. */
export const SUBSCRIPTION_PATH = '/graphql/ws';

/** The close code of a connection whose token was refused, or has expired (graphql-ws: Unauthorized). */
const UNAUTHORIZED = CloseCode.Unauthorized;
/** The close code of a connection whose token could not be verified for a reason not its own (the key set unreachable): RFC 6455's Try Again Later. */
const TRY_AGAIN_LATER = 1013;

export interface SubscriptionRouteOptions {
  schema: GraphQLSchema;
  authenticator: Authenticator;
  audit: AuditSink;
  logger: Logger;
  limits: QueryLimits;
  /** The last step of every error (`createFormatError`). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** A fresh per-operation context for the connection's principal (one per event, so loaders never outlive it). */
  context: (req: FastifyRequest, principal: Principal) => GatewayContext;
  /** Largest message a client may send. */
  maxPayloadBytes: number;
  /** How long a new connection has to send its `connection_init`. @default 10000 */
  connectionInitWaitMs?: number;
  /** Ping interval; a connection that misses a pong is closed. @default 12000 */
  keepAliveMs?: number;
  /** Events executed per turn of the event loop, over every subscription of this process. @default 16 */
  eventsPerTurn?: number;
}

/** What a connection carries through graphql-ws. */
interface Connection {
  socket: WebSocket;
  request: FastifyRequest;
  principal: Principal | null;
  expiry: { clear(): void } | null;
}

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol, `graphql-transport-ws`)
 * at `/graphql/ws`, with every step the HTTP route has:
 *
 * 1. the upgrade is a route like any other (`access: 'connection'`): canonical path, and a
 *    bearer token in its Authorization header verified before the upgrade (a bad one is
 *    refused with 401 and audited); without one, `connection_init` must carry it as
 *    `connectionParams.authorization`, verified with the same authenticator, or the
 *    connection is closed (4401, audited; 1013, try again later, when the key set could
 *    not be read). The connection closes when the token expires;
 * 2. each `subscribe`: the token limit at parse, validation, the query limits with its
 *    variables (depth, aliases, directives, `@limit` caps, cost), variables that do not
 *    coerce (BAD_USER_INPUT), subscriptions only (queries and mutations go to POST /graphql);
 *    its context carries the connection, by which the change feed caps a connection's
 *    subscriptions (and a principal's, over its connections);
 * 3. each event is executed through the same schema, so `@pii` masks it as any query, with
 *    a fresh context, at most `eventsPerTurn` per turn of the event loop over every
 *    subscription (`createTurnLimiter`), and audited as its own access (who,
 *    which personal-data fields it carried); errors leave through the same formatting as
 *    HTTP answers.
 */
export async function registerSubscriptionRoute(app: FastifyInstance, options: SubscriptionRouteOptions): Promise<void> {
  const { schema, authenticator, audit, logger, limits, formatError, context, maxPayloadBytes, connectionInitWaitMs = 10_000, keepAliveMs = 12_000, eventsPerTurn = 16 } = options;
  const log = logger.child({ component: 'subscriptions' });
  const checkLimits = createQueryLimitCheck(limits);
  // A change fanned out to every subscription wakes them all at once; executed without a bound, they held /healthz for seconds.
  const eventTurns = createTurnLimiter(eventsPerTurn);
  const formatAll = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      // An error a stream ended with arrives wrapped; the catalogue error inside it is what the client is told.
      const inner = error.originalError;
      const shown = isGatewayError(inner) && error.extensions.code === undefined ? inner : error;
      return formatError(shown.toJSON(), shown);
    });

  const server = makeServer<Record<string, unknown> | undefined, Connection>({
    schema,
    connectionInitWaitTimeout: connectionInitWaitMs,

    async onConnect(ctx) {
      const connection = ctx.extra;
      if (!connection.request.principal) {
        const given = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const started = performance.now();
        try {
          connection.principal = await authenticator.authenticate(typeof given === 'string' ? given : undefined);
        } catch (err) {
          if (!isGatewayError(err)) throw err;
          recordRefusal(audit, connection.request, err.code, started, refusalReasonOf(err));
          // A key-set outage is not the caller's fault (HTTP answers it 502, not 401): the client is told to come back, as graphql-ws clients do after 1013, never after 4401.
          if (err.code === 'UNAUTHENTICATED') connection.socket.close(UNAUTHORIZED, `${err.code}: ${String(err.extensions.reason ?? err.message)}`.slice(0, 120));
          else connection.socket.close(TRY_AGAIN_LATER, `${err.code}: the token could not be verified now; try again later`);
          return false;
        }
        closeAtExpiry(connection, typeof given === 'string' ? given : undefined);
      } else {
        connection.principal = connection.request.principal;
        closeAtExpiry(connection, connection.request.headers.authorization);
      }
      return true;
    },

    onSubscribe(ctx, _id, payload) {
      const connection = ctx.extra;
      const refuse = (error: GraphQLError, operationName: string | null = payload.operationName ?? null): GraphQLError[] => {
        record(connection, { operationName, operationType: null, query: payload.query, started: performance.now(), codes: [String(error.extensions.code ?? 'INTERNAL_SERVER_ERROR')], records: {}, sensitiveFields: [], outcome: 'rejected' });
        return [error];
      };
      let document: DocumentNode;
      try {
        document = parse(payload.query, { maxTokens: limits.maxTokens });
      } catch (err) {
        // Coded as Apollo codes it, so the formatting step recognises a document over the token limit.
        const syntax = err instanceof GraphQLError ? err : null;
        return refuse(new GraphQLError(syntax?.message ?? 'The document could not be parsed.', { ...(syntax?.source ? { source: syntax.source } : {}), ...(syntax?.positions ? { positions: syntax.positions } : {}), extensions: { code: 'GRAPHQL_PARSE_FAILED' } }));
      }
      // Before validation: graphql 16's own subscription rule throws on a root @skip/@include that reads a variable.
      const conditional = conditionalSubscriptionRoot(document);
      if (conditional) return refuse(conditional);
      const invalid = validate(schema, document).map((e) => new GraphQLError(e.message, { ...(e.nodes ? { nodes: e.nodes } : {}), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      if (invalid.length > 0) return [...refuse(invalid[0]!), ...invalid.slice(1)];
      const operation = getOperationAST(document, payload.operationName);
      if (!operation) return refuse(new GatewayError('OPERATION_RESOLUTION_FAILURE', 'Name the operation to run with operationName: the document holds several, or none by that name.'));
      if (operation.operation !== 'subscription') {
        return refuse(new GatewayError('BAD_REQUEST', `Only subscriptions are served over WebSocket; send a ${operation.operation} as POST /graphql.`), operation.name?.value ?? null);
      }
      const refused = checkLimits(schema, document, operation, payload.variables ?? {});
      if (refused) return refuse(refused, operation.name?.value ?? null);
      // Variables that do not fit their types are the request's fault, coded as Apollo codes them over HTTP (graphql-js leaves them uncoded, which would read as an internal error).
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 10 });
      if (coerced.errors) {
        const [first, ...rest] = coerced.errors.map((e) => new GraphQLError(e.message, { ...(e.nodes ? { nodes: e.nodes } : {}), extensions: { code: 'BAD_USER_INPUT' } }));
        return [...refuse(first!, operation.name?.value ?? null), ...rest];
      }
      const contextValue = context(connection.request, connection.principal!);
      contextValue.connection = connection;
      connectionOf.set(contextValue, connection);
      return { schema, document, operationName: payload.operationName ?? null, variableValues: payload.variables ?? null, contextValue };
    },

    subscribe: (args) => subscribe(args),

    onNext(_ctx, _id, _payload, _args, result) {
      return result.errors ? { ...result, errors: formatAll(result.errors) } : undefined;
    },

    onError(_ctx, _id, _payload, errors) {
      return formatAll(errors);
    },

    onClose(ctx) {
      ctx.extra.expiry?.clear();
    },
  });

  /**
   * The subscription's event stream, each event executed with a fresh context and audited;
   * or the refusal of its `subscribe` resolver (a scope, a jurisdiction), audited.
   */
  async function subscribe(args: ExecutionArgs): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>> {
    const connection = connectionOf.get(args.contextValue as GatewayContext)!;
    const operation = getOperationAST(args.document, args.operationName)!;
    const operationName = operation.name?.value ?? null;
    const query = printable(args.document);
    const started = performance.now();
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) {
      const codes = (stream.errors ?? []).map((e) => String((isGatewayError(e.originalError) ? e.originalError.code : e.extensions.code) ?? 'INTERNAL_SERVER_ERROR'));
      record(connection, { operationName, operationType: 'subscription', query, started, codes, records: {}, sensitiveFields: [], outcome: 'rejected' });
      return stream;
    }
    record(connection, { operationName, operationType: 'subscription', query, started, codes: [], records: {}, sensitiveFields: [], outcome: 'success' });
    // Not an async generator: one waiting for its next event would hold a `return` until an
    // event came; this one passes `return` straight to the stream, so a completed
    // subscription leaves the feed at once.
    const source = stream[Symbol.asyncIterator]();
    const events: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        const step = await source.next();
        if (step.done) return { value: undefined, done: true };
        await eventTurns.take();
        const eventStarted = performance.now();
        const contextValue = context(connection.request, connection.principal!);
        const result = await execute({ ...args, rootValue: step.value, contextValue });
        const codes = (result.errors ?? []).map((e) => String((isGatewayError(e.originalError) ? e.originalError.code : e.extensions.code) ?? 'INTERNAL_SERVER_ERROR'));
        record(connection, {
          operationName,
          operationType: 'subscription',
          query,
          started: eventStarted,
          codes,
          records: countResultRecords(schema, args.document, operation, result.data),
          sensitiveFields: [...contextValue.sensitiveFields].sort(),
          outcome: codes.length === 0 ? 'success' : 'error',
        });
        return { value: result, done: false };
      },
      async return() {
        await source.return?.();
        return { value: undefined, done: true };
      },
      async throw(error: unknown) {
        await source.return?.();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return events;
      },
    };
    return events;
  }

  /** The connection each subscription's context was made for. */
  const connectionOf = new WeakMap<GatewayContext, Connection>();

  function record(
    connection: Connection,
    entry: { operationName: string | null; operationType: 'subscription' | null; query: string; started: number; codes: string[]; records: Record<string, number>; sensitiveFields: string[]; outcome: 'success' | 'error' | 'rejected' },
  ): void {
    audit.record({
      at: new Date(),
      requestId: connection.request.id,
      access: 'graphql',
      operationName: entry.operationName,
      operationType: entry.operationType,
      documentHash: createHash('sha256').update(entry.query).digest('hex'),
      attachment: null,
      outcome: entry.outcome,
      errorCodes: entry.codes,
      refusalReason: null,
      durationMs: Math.round((performance.now() - entry.started) * 100) / 100,
      clientIp: connection.request.ip ?? null,
      records: entry.records,
      sensitiveFields: entry.sensitiveFields,
      ...auditedPrincipal(connection.principal),
    });
  }

  /** Closes the connection when the token it was opened with expires: a subscription never outlives its authorization. */
  function closeAtExpiry(connection: Connection, authorization: string | undefined): void {
    let exp: number | undefined;
    try {
      const token = readBearerToken(authorization);
      exp = token ? decodeJwt(token).exp : undefined;
    } catch {
      exp = undefined;
    }
    if (exp === undefined) return;
    // Not a plain setTimeout: Node cuts a delay beyond 24.8 days to 1 ms, and a token of a month would close at once (or, clamped, weeks early as expired).
    connection.expiry = setLongTimeout(() => connection.socket.close(UNAUTHORIZED, 'UNAUTHENTICATED: TOKEN_EXPIRED'), exp * 1000 - Date.now());
  }

  await app.register(websocket, { options: { handleProtocols, maxPayload: maxPayloadBytes }, preClose: goingAway });
  app.get(SUBSCRIPTION_PATH, { websocket: true, config: { access: 'connection' } }, (socket, request) => {
    const connection: Connection = { socket, request, principal: null, expiry: null };
    let alive = true;
    socket.on('pong', () => {
      alive = true;
    });
    const ping = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, keepAliveMs);
    ping.unref();
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (err) => (err ? reject(err) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            handle(String(data)).catch((err: unknown) => {
              log.error({ err, requestId: request.id }, 'a subscription message could not be handled; closing the connection');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      connection,
    );
    socket.once('close', (code, reason) => {
      clearInterval(ping);
      void closed(code, String(reason));
    });
  });
}

/** How long a subscriber has to answer the server's close before its connection is cut. */
const GOING_AWAY_GRACE_MS = 1000;

/**
 * On close, every subscriber is told the server is going away (1001: graphql-ws clients
 * reconnect, to another replica) and cut if it does not answer within a second. ws alone
 * waits 30 s for each answer, and the server's close waits for every socket: a subscriber
 * that had gone quiet held a shutdown for half a minute.
 */
function goingAway(this: FastifyInstance, done: () => void): void {
  for (const client of this.websocketServer.clients) {
    client.close(1001, 'Server shutting down');
    setTimeout(() => client.terminate(), GOING_AWAY_GRACE_MS).unref();
  }
  this.websocketServer.close(() => undefined);
  done();
}

/** The text a document was parsed from, hashed for the audit log as queries' documents are. */
function printable(document: DocumentNode): string {
  return document.loc?.source.body ?? '';
}

