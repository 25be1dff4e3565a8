import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isErrorCode } from '../errors';
import type { Logger } from '../log';
import { tokenLimitRefusal } from './token-limit';

/** graphql-js appends its suggestions at the end of a message: " Did you mean "x"?", "… the enum value "X"?", "… one of: …?". */
const SUGGESTION = /\s*Did you mean\b[\s\S]*$/;

/**
 * The last step before an error leaves the gateway (envelop's useMaskedErrors):
 *
 * - a parse failure of a document over the token limit becomes QUERY_LIMIT_EXCEEDED;
 * - codes of the catalogue pass unchanged (without stack outside development);
 * - Apollo's own refusals of a malformed request that carry an HTTP 4xx status and no code
 *   (a persisted-query hash that does not match its document, an unknown protocol
 *   version) become BAD_REQUEST with their message;
 * - anything else is logged in full and sent as INTERNAL_SERVER_ERROR with no message
 *   detail, stack or upstream URL (in development mode the original message is kept).
 *
 * Outside development, every "Did you mean …?" that graphql-js adds (fields, arguments,
 * types, input fields, enum values, directive arguments) is cut from the message, so the
 * schema cannot be guessed name by name with introspection off.
 */
export function createFormatError(logger: Logger, mode: 'development' | 'production', { maxTokens }: { maxTokens: number }) {
  const shown = (error: GraphQLFormattedError): GraphQLFormattedError => (mode === 'development' ? error : { ...error, message: error.message.replace(SUGGESTION, '') });
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const tooManyTokens = tokenLimitRefusal(error, maxTokens);
    if (tooManyTokens) return { message: tooManyTokens.message, extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxTokens' } };
    const code = formatted.extensions?.code;
    if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return shown({ ...formatted, extensions: mode === 'development' ? formatted.extensions : extensions });
    }
    if (isUncodedClientError(error)) return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
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

/** An error Apollo raised itself for the request's fault: no code, an HTTP status of 4xx. */
function isUncodedClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
