import { GatewayError } from '../errors';

/** Why a bearer token was refused: `extensions.reason` of an UNAUTHENTICATED error. */
export const AUTH_REFUSAL_REASONS = [
  'TOKEN_MISSING',
  'TOKEN_MALFORMED',
  'TOKEN_ALGORITHM_NOT_ALLOWED',
  'TOKEN_UNKNOWN_KEY',
  'TOKEN_INVALID_SIGNATURE',
  'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID',
  'TOKEN_WRONG_ISSUER',
  'TOKEN_WRONG_AUDIENCE',
  'TOKEN_CLAIMS_INVALID',
] as const;

export type AuthRefusalReason = (typeof AUTH_REFUSAL_REASONS)[number];

/**
 * An UNAUTHENTICATED error (HTTP 401) with its reason. `message` says what was wrong for
 * the caller to fix; it never contains the token.
 */
export function authRefusal(reason: AuthRefusalReason, message: string): GatewayError {
  return new GatewayError('UNAUTHENTICATED', message, { reason });
}

/** The reason of an UNAUTHENTICATED error, or null for any other value. */
export function refusalReasonOf(error: unknown): AuthRefusalReason | null {
  if (!(error instanceof GatewayError) || error.code !== 'UNAUTHENTICATED') return null;
  const reason = error.extensions.reason;
  return (AUTH_REFUSAL_REASONS as readonly unknown[]).includes(reason) ? (reason as AuthRefusalReason) : null;
}
