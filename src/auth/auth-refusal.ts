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

/** Who held a refused token whose signature did verify (expired, another audience, bad claims). */
export interface RefusedTokenHolder {
  subject: string | null;
  tokenId: string | null;
  clientId: string | null;
}

const holders = new WeakMap<Error, RefusedTokenHolder>();

/**
 * Notes on a refusal who held the token, once its signature verified: the claims are then
 * the issuer's, so the audit log may name the person an expired token belonged to. Never
 * for a token whose signature failed: its claims are whatever the caller wrote.
 */
export function noteRefusedTokenHolder(error: Error, claims: { sub?: unknown; jti?: unknown; client_id?: unknown; azp?: unknown }): void {
  const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value.slice(0, 200) : null);
  holders.set(error, { subject: text(claims.sub), tokenId: text(claims.jti), clientId: text(claims.client_id) ?? text(claims.azp) });
}

/** The holder noted on a refusal, if its token's signature verified. */
export function refusedTokenHolderOf(error: unknown): RefusedTokenHolder | null {
  return error instanceof Error ? (holders.get(error) ?? null) : null;
}
