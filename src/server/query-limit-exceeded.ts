import { GatewayError } from '../errors';

/** Names of the limits a QUERY_LIMIT_EXCEEDED refusal reports in `extensions.limit`. */
export type QueryLimitName = 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxTokens' | 'maxCost' | 'listSize' | 'batch';

/**
 * The one refusal of every query limit: QUERY_LIMIT_EXCEEDED with `extensions.limit`
 * naming the limit, a message that states the limit and what arrived, and HTTP 400 for
 * Apollo (which answers 500 to an error thrown from a plugin unless the error says
 * otherwise; it removes `http` from the extensions it sends).
 */
export function queryLimitExceeded(limit: QueryLimitName, message: string, extensions: Record<string, unknown> = {}): GatewayError {
  return new GatewayError('QUERY_LIMIT_EXCEEDED', message, { limit, ...extensions, http: { status: 400 } });
}
