import type { onSendHookHandler } from 'fastify';

/** Apollo's codes for a request GraphQL itself could not run: no document, an invalid one, variables that do not fit. */
const GRAPHQL_REQUEST_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * GraphQL over HTTP (spec draft, "application/json"): a client that accepts only the legacy
 * `application/json` may sit behind intermediaries that replace the body of any non-2xx
 * answer, so a server SHOULD answer every well-formed request with 200 in that media type,
 * its errors in the body. Apollo answers a document that does not parse or validate, or
 * variables that do not coerce, with 400 whatever the media type: this `onSend` hook of
 * `/graphql` turns exactly those into 200 when the answer is `application/json`. Clients
 * that accept `application/graphql-response+json` keep the 4xx the spec asks for there, and
 * the gateway's own refusals (tokens, limits, bodies) keep their catalogue status.
 */
export const legacyJsonStatus: onSendHookHandler = async (_req, reply, payload) => {
  if (reply.statusCode !== 400 || typeof payload !== 'string') return payload;
  if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
  if (isGraphqlRequestError(payload)) void reply.code(200);
  return payload;
};

function isGraphqlRequestError(payload: string): boolean {
  let body: { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
  try {
    body = JSON.parse(payload) as typeof body;
  } catch {
    return false;
  }
  return body.data === undefined && Array.isArray(body.errors) && body.errors.length > 0 && body.errors.every((e) => GRAPHQL_REQUEST_ERRORS.has(String(e.extensions?.code)));
}
