/**
 * The closed catalogue of error codes lienthong reports, as `extensions.code` on a
 * GraphQLError or as `code` in an HTTP error body. Nothing else is ever sent as a code:
 * anything unexpected is masked as INTERNAL_SERVER_ERROR and logged in full.
 *
 * `docs/errors.md` lists the same codes; `src/errors/__tests__/catalogue.test.ts` fails
 * when the two disagree. `httpStatus` is used where an error ends a whole HTTP request.
 */
export const ERROR_CATALOGUE = {
  // Sources (raised by connectors, always with `extensions.source`)
  UPSTREAM_UNAVAILABLE: { httpStatus: 502, description: 'The source could not be reached or refused the connection.' },
  UPSTREAM_TIMEOUT: { httpStatus: 504, description: 'The source did not answer within its configured timeout.' },
  UPSTREAM_BAD_RESPONSE: { httpStatus: 502, description: 'The source answered, but not in the format its connector expects.' },
  UPSTREAM_ERROR: { httpStatus: 502, description: 'The source answered with an error of its own (its code and message are in extensions).' },
  UPSTREAM_REJECTED: { httpStatus: 502, description: 'The source refused a record the gateway sent it as invalid (its code and message are in extensions), or the gateway did not send it because the source could not take it (extensions.reason and extensions.field say why); sending the same record again fails the same way, so it is not retried.' },
  UPSTREAM_AUTH_FAILED: { httpStatus: 502, description: 'The gateway could not log in to the source with its configured credentials.' },
  NOT_FOUND: { httpStatus: 404, description: 'The requested record does not exist (or is outside the caller\'s jurisdiction), or no route serves the requested path and method.' },
  // Callers (src/auth: bearer tokens, scopes, jurisdiction)
  UNAUTHENTICATED: { httpStatus: 401, description: 'The request has no usable bearer token: missing, malformed, expired, not yet valid, for another issuer or audience, or signed with a key or algorithm the gateway does not accept (extensions.reason says which).' },
  FORBIDDEN: { httpStatus: 403, description: 'The principal lacks a scope the operation needs (extensions.requiredScope names it).' },
  FORBIDDEN_JURISDICTION: { httpStatus: 403, description: 'An explicit filter names an agency outside the principal\'s jurisdiction (its own agency code and the codes under it); a single record read by code outside it answers NOT_FOUND instead.' },
  // Messages (edXML document exchange, QCVN 102:2016)
  EDXML_INVALID: { httpStatus: 400, description: 'An edXML message is not one: malformed XML (with line and column), a DTD, nesting too deep, a root other than edXML, or a required element missing or malformed (extensions.path names it).' },
  SIGNATURE_NOT_VERIFIED: { httpStatus: 422, description: 'A received document is withheld because its signature is not VERIFIED and trust.unverified is block (extensions.signatureStatus says what it is; docs/signatures.md).' },
  // Requests
  BAD_REQUEST: { httpStatus: 400, description: 'The HTTP request is not a usable request: no query, malformed JSON, a body other than one JSON object, a content type other than JSON, invalid HTTP, or a path not written in its one canonical form (see README, Security).' },
  OPERATION_RESOLUTION_FAILURE: { httpStatus: 400, description: 'The document has several operations and operationName does not name one of them.' },
  BAD_USER_INPUT: { httpStatus: 400, description: 'An argument is malformed: a bad code, cursor, date or filter.' },
  GRAPHQL_PARSE_FAILED: { httpStatus: 400, description: 'The GraphQL document could not be parsed.' },
  GRAPHQL_VALIDATION_FAILED: { httpStatus: 400, description: 'The GraphQL document is not valid against the schema.' },
  QUERY_LIMIT_EXCEEDED: { httpStatus: 400, description: 'The request exceeds a limit: depth, aliases, directives, tokens or cost of the operation (maxDepth, maxAliases, maxDirectives, maxTokens, maxCost), the cap of the schema on an argument (listSize, with extensions.argument naming it), or several operations in one request (batch). extensions.limit names it; the message states the limit and what arrived.' },
  PERSISTED_QUERY_NOT_FOUND: { httpStatus: 200, description: 'A persisted query was sent by its hash alone and the gateway does not hold its document (any more): send the document with the hash once. HTTP 200, as the automatic persisted queries protocol expects, so that clients resend.' },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, description: 'The request or a message is larger than the configured limit.' },
  RATE_LIMITED: { httpStatus: 429, description: 'Too many requests from this client in a short time (the public status lookup counts per address; the Retry-After header says when to try again), or a subscription that cannot be kept: its subscriber kept too many events waiting (extensions.limit maxQueued), or one that cannot be opened: the gateway process has its most subscriptions open (maxSubscriptions), the connection its most (maxPerConnection), or the caller its most over all its connections to the process (maxPerPrincipal).' },
  // The gateway's own store
  STORE_UNAVAILABLE: { httpStatus: 503, description: 'The gateway\'s own store (SQLite or MongoDB) could not be read or written; retrying later may succeed.' },
  STORE_CONFLICT: { httpStatus: 409, description: 'A write expected the store as it last saw it (the audit chain\'s newest entry) and another replica had written meanwhile; the writer reads the store again and retries. Never sent to clients.' },
  LEASE_LOST: { httpStatus: 409, description: 'A background job (a province\'s sync, the catalogue refresh, the national portal push) lost its lease on shared work to another replica; its writes were refused and it stopped.' },
  // Configuration
  CONFIG_INVALID: { httpStatus: 500, description: 'The configuration file or environment is invalid; start-up stops.' },
  // Fallback
  INTERNAL_SERVER_ERROR: { httpStatus: 500, description: 'An unexpected error; details are in the server log under the request id.' },
} as const satisfies Record<string, { httpStatus: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, value);
}
