import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyResult } from 'jose';
import { isGatewayError } from '../errors';
import type { Logger } from '../log';
import { ACCEPTED_ALGORITHMS, type AuthOptions } from './auth-options';
import { authRefusal, noteRefusedTokenHolder, refusalReasonOf } from './auth-refusal';
import { createKeySet } from './create-key-set';
import { createVerifiedTokens } from './verified-tokens';
import { anonymousPrincipal, type Principal } from './principal';
import { principalFromClaims } from './principal-from-claims';
import { readBearerToken } from './read-bearer-token';
import { refusalFromJoseError } from './refusal-from-jose-error';

/** The log calls the authenticator makes: refusals at warn, key-set outages at error. */
export type AuthLogger = Pick<Logger, 'warn' | 'error'>;

export interface Authenticator {
  /**
   * The principal of a request, from its Authorization header. Resolves to the
   * anonymous principal only when there is no header and anonymous reads are allowed.
   * Rejects with UNAUTHENTICATED (`extensions.reason` one of AUTH_REFUSAL_REASONS) for
   * any token it does not accept, or with an UPSTREAM_* error when the remote key set
   * cannot be fetched.
   */
  authenticate(authorizationHeader: string | undefined): Promise<Principal>;
}

/**
 * `typ` header values of access tokens (RFC 9068 §2.1 `at+jwt`, and the plain `JWT` most
 * identity providers send). A token of another type (a DPoP proof, a logout or event
 * token) is not an access token even when signed by the right key. No `typ` is accepted.
 */
const ACCESS_TOKEN_TYPES = ['jwt', 'at+jwt'];

/**
 * Bearer JWT authentication (RFC 6750) with jose: the signature against the configured
 * key set with an algorithm allow-list (RS256, ES256, EdDSA at most: never `none`, never
 * HMAC, so a public key can never be used as an HMAC secret), then `iss`, `aud`, `exp`
 * (required) and `nbf` with the clock tolerance, then the access-token `typ`, then the
 * principal's claims (`principalFromClaims`).
 *
 * Every refusal is logged at warn with its reason and the token's `kid` and `alg` (and,
 * when the signature did verify, its `client_id`, `sub` and `jti`), never the token.
 * A bad key set in options throws CONFIG_INVALID here, at start-up.
 */
export function createAuthenticator(options: AuthOptions, logger: AuthLogger): Authenticator {
  const { issuer, audience, jwks, algorithms = [...ACCEPTED_ALGORITHMS], clockToleranceSeconds = 30, allowAnonymous = false, requiredClaims = [], verifiedTokenSeconds = 60, verifiedTokenEntries = 10_000 } = options;
  const keySet = createKeySet(jwks);
  const verified = createVerifiedTokens({ seconds: verifiedTokenSeconds, entries: verifiedTokenEntries, clockToleranceSeconds });
  const verifyOptions = {
    algorithms: [...algorithms],
    issuer,
    audience,
    clockTolerance: clockToleranceSeconds,
    requiredClaims: [...new Set(['exp', ...requiredClaims])],
  };

  function refuse(error: Error, header: { kid?: string; alg?: string }, claims?: JWTPayload): Error {
    const reason = refusalReasonOf(error);
    if (reason !== null) {
      if (claims) noteRefusedTokenHolder(error, claims);
      const who = claims ? { clientId: claims.client_id ?? claims.azp, sub: claims.sub, jti: claims.jti } : {};
      logger.warn({ reason, kid: header.kid, alg: header.alg, ...who }, `bearer token refused: ${error.message}`);
    } else if (isGatewayError(error)) {
      logger.error({ code: error.code, kid: header.kid, alg: header.alg, err: error.originalError ?? error }, error.message);
    }
    return error;
  }

  return {
    async authenticate(authorizationHeader) {
      let token: string | null;
      try {
        token = readBearerToken(authorizationHeader);
      } catch (error) {
        throw refuse(error as Error, {});
      }
      if (token === null) {
        if (allowAnonymous) return anonymousPrincipal();
        throw refuse(authRefusal('TOKEN_MISSING', 'This request needs a bearer token: send "Authorization: Bearer <JWT>".'), {});
      }

      const known = verified.get(token);
      if (known) return known;
      const header = readableHeader(token);
      let result: JWTVerifyResult;
      try {
        result = await jwtVerify(token, keySet, verifyOptions);
      } catch (error) {
        if (isGatewayError(error)) throw refuse(error, header);
        const refusal = refusalFromJoseError(error, { issuer, audience, algorithms, clockToleranceSeconds, alg: header.alg });
        if (refusal === null) throw error;
        throw refuse(refusal, header, error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired ? error.payload : undefined);
      }
      try {
        checkAccessTokenType(result.protectedHeader.typ);
        const principal = principalFromClaims(result.payload);
        verified.keep(token, principal, result.payload);
        return principal;
      } catch (error) {
        throw refuse(error as Error, header, result.payload);
      }
    },
  };
}

function checkAccessTokenType(typ: unknown): void {
  if (typ === undefined) return;
  if (typeof typ === 'string' && ACCESS_TOKEN_TYPES.includes(typ.toLowerCase().replace(/^application\//, ''))) return;
  const shown = typeof typ === 'string' ? JSON.stringify(typ.slice(0, 40)) : `not a string (${typeof typ})`;
  throw authRefusal('TOKEN_CLAIMS_INVALID', `The token's typ header is ${shown}; only access tokens (typ JWT or at+jwt) are accepted.`);
}

/**
 * The token's `kid` and `alg` for logs and messages, without verifying anything: strings
 * only, cut to 64 characters, since both are whatever the caller wrote.
 */
function readableHeader(token: string): { kid?: string; alg?: string } {
  try {
    const { kid, alg } = decodeProtectedHeader(token);
    return { kid: cut(kid), alg: cut(alg) };
  } catch {
    return {};
  }
}

function cut(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value.length > 64 ? `${value.slice(0, 61)}...` : value;
}
