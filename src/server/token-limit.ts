import type { FastifyInstance } from 'fastify';
import { Lexer, Source, TokenKind } from 'graphql';
import { ERROR_CATALOGUE } from '../errors';
import type { AuditSink } from './audit-plugin';
import { needsPrincipal } from './authenticate-requests';
import { recordRefusal } from './record-refusal';

/**
 * Refuses a GraphQL document of more than `maxTokens` tokens before anything parses it
 * (a huge document costs the parser and every validation rule), with HTTP 400 and
 * QUERY_LIMIT_EXCEEDED, counted with graphql's own lexer and stopping one past the limit.
 */
export function registerTokenLimit(app: FastifyInstance, maxTokens: number, audit: AuditSink): void {
  app.addHook('preHandler', async (req, reply) => {
    if (!needsPrincipal(req) || !req.url.startsWith('/graphql')) return;
    const body = (req.body ?? {}) as { query?: unknown };
    const query = typeof body.query === 'string' ? body.query : (req.query as Record<string, unknown> | undefined)?.query;
    if (typeof query !== 'string' || countTokens(query, maxTokens) <= maxTokens) return;
    recordRefusal(audit, req, 'QUERY_LIMIT_EXCEEDED');
    return reply.status(ERROR_CATALOGUE.QUERY_LIMIT_EXCEEDED.httpStatus).send({ errors: [{ message: `Token limit of ${maxTokens} exceeded.`, extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxTokens' } }] });
  });
}

/** Tokens in `text`, counting stops one past `max`; a lexing error ends the count (the parser reports it). */
function countTokens(text: string, max: number): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > max) break;
    }
  } catch {
    // A syntax error: left to the parser, which reports it with its location.
  }
  return count;
}
