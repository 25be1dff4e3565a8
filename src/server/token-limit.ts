import { GraphQLError, Lexer, Source, TokenKind, type ParseOptions } from 'graphql';
import type { GatewayError } from '../errors';
import { queryLimitExceeded } from './query-limit-exceeded';

/**
 * The token limit as options for graphql-js's parser (Apollo's `parseOptions`): the parser
 * itself aborts after `maxTokens` tokens, so the limit holds for every document Apollo
 * parses, whether it came in the request body, the query string or from the
 * persisted-query cache, and a huge document costs no more than `maxTokens` tokens of work.
 */
export function tokenLimitParseOptions(maxTokens: number): ParseOptions {
  return { maxTokens };
}

/**
 * The QUERY_LIMIT_EXCEEDED refusal for a parse failure of a document over the token limit,
 * or null for any other error. Recognised by counting the failed document's tokens (up to
 * one past the limit), not by the parser's wording.
 */
export function tokenLimitRefusal(error: unknown, maxTokens: number): GatewayError | null {
  if (!(error instanceof GraphQLError) || error.extensions?.code !== 'GRAPHQL_PARSE_FAILED') return null;
  const text = error.source?.body;
  if (text === undefined || countTokens(text, maxTokens) <= maxTokens) return null;
  return queryLimitExceeded('maxTokens', `Token limit of ${maxTokens} exceeded.`);
}

/** Tokens in `text` as the parser counts them (comments excluded), stopping one past `max`; a lexing error ends the count. */
export function countTokens(text: string, max: number): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > max) break;
    }
  } catch {
    // A syntax error before the limit: the parser's own error stands.
  }
  return count;
}
