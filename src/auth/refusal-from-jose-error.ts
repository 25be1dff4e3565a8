import { errors, type JWTPayload } from 'jose';
import type { GatewayError } from '../errors';
import { authRefusal } from './auth-refusal';

export interface VerificationContext {
  issuer: string;
  audience: string;
  algorithms: readonly string[];
  clockToleranceSeconds: number;
  /** The token's `alg` header as far as it could be read, for the message. */
  alg: string | undefined;
}

/**
 * The UNAUTHENTICATED error for a failure of jose's `jwtVerify`, with a message saying
 * what was wrong; null when `error` is not about the token (the caller rethrows it).
 *
 * jose checks in this order: compact form and header, `alg` against the allow-list, key
 * lookup by `kid`, signature, then the claims (`typ`, required claims, `iss`, `aud`,
 * `nbf`, `exp`). So a claim failure is about authentic claims, and `JWTClaimValidationFailed`
 * carries them (`payload`), which is why the messages may quote them.
 */
export function refusalFromJoseError(error: unknown, context: VerificationContext): GatewayError | null {
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return authRefusal('TOKEN_ALGORITHM_NOT_ALLOWED', `The token is signed with alg ${showAlg(context.alg)}; only ${context.algorithms.join(', ')} are accepted.`);
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return authRefusal('TOKEN_UNKNOWN_KEY', `No key of the gateway's key set matches the token's kid and alg ${showAlg(context.alg)}: it was signed by a key the issuer does not publish.`);
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return authRefusal('TOKEN_UNKNOWN_KEY', 'The token names no key (kid) and several keys of the gateway\'s key set could verify it; tokens must carry a kid.');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return authRefusal('TOKEN_INVALID_SIGNATURE', 'The token\'s signature does not verify: the token was altered or signed with another key.');
  }
  if (error instanceof errors.JWTExpired) {
    return authRefusal('TOKEN_EXPIRED', `The token expired at ${instant(error.payload.exp)} (clock tolerance ${context.clockToleranceSeconds} s); get a new one.`);
  }
  if (error instanceof errors.JWTClaimValidationFailed) return claimRefusal(error, context);
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return authRefusal('TOKEN_MALFORMED', `The bearer token is not a usable signed JWT: ${error.message}.`);
  }
  return null;
}

function claimRefusal(error: errors.JWTClaimValidationFailed, { issuer, audience, clockToleranceSeconds }: VerificationContext): GatewayError {
  const { claim, reason, payload } = error;
  if (claim === 'iss') {
    return authRefusal('TOKEN_WRONG_ISSUER', `The token's issuer (iss) must be ${JSON.stringify(issuer)}; the token has ${quote(payload.iss)}.`);
  }
  if (claim === 'aud') {
    return authRefusal('TOKEN_WRONG_AUDIENCE', `The token's audience (aud) must include ${JSON.stringify(audience)}; the token has ${quote(payload.aud)}.`);
  }
  if (claim === 'nbf' && reason === 'check_failed') {
    return authRefusal('TOKEN_NOT_YET_VALID', `The token is not valid before ${instant(payload.nbf)} (clock tolerance ${clockToleranceSeconds} s).`);
  }
  if (reason === 'missing') return authRefusal('TOKEN_CLAIMS_INVALID', `The token has no "${claim}" claim, which the gateway requires.`);
  return authRefusal('TOKEN_CLAIMS_INVALID', `The token's "${claim}" claim is invalid: ${error.message}.`);
}

function instant(seconds: JWTPayload['exp']): string {
  return typeof seconds === 'number' && Math.abs(seconds) < 8.64e12 ? new Date(seconds * 1000).toISOString() : 'an unreadable time';
}

/** A claim value for a message: JSON, cut to 80 characters. */
function quote(value: unknown): string {
  if (value === undefined) return 'none';
  const json = JSON.stringify(value) ?? typeof value;
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** The `alg` header for a message: it is the caller's text, so only when it looks like an algorithm name. */
function showAlg(alg: string | undefined): string {
  return alg !== undefined && /^[A-Za-z0-9+-]{1,16}$/.test(alg) ? alg : '(unreadable)';
}
