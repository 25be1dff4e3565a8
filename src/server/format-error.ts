import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isErrorCode } from '../errors';
import type { Logger } from '../log';
import { limitOfRefusal } from './query-limits';

/**
 * The last step before an error leaves the gateway (envelop's useMaskedErrors): codes of
 * the catalogue pass unchanged; anything else is logged in full and sent as
 * INTERNAL_SERVER_ERROR with no message detail, stack or upstream URL. In development
 * mode the original message is kept for the developer.
 */
export function createFormatError(logger: Logger, mode: 'development' | 'production') {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limit = typeof formatted.extensions?.limit === 'string' ? formatted.extensions.limit : limitOfRefusal(formatted.message);
    if (limit !== null) {
      return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit } };
    }
    const code = formatted.extensions?.code;
    if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: mode === 'development' ? formatted.extensions : extensions };
    }
    const original = unwrapResolverError(error);
    logger.error({ err: original, path: formatted.path }, 'unexpected error masked');
    return {
      message: mode === 'development' && original instanceof Error ? original.message : 'Unexpected error; the server log has the details.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
