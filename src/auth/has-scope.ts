import { GatewayError } from '../errors';
import { authRefusal } from './auth-refusal';
import type { Principal } from './principal';
import type { Scope } from './scope';

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has(scope);
}

/**
 * Throws unless the principal holds `scope`: FORBIDDEN (403) naming the scope needed and
 * the scopes held, with `extensions.requiredScope`. For the anonymous principal the
 * answer is UNAUTHENTICATED (401, TOKEN_MISSING) instead: the caller did not fail a
 * permission, it did not authenticate (RFC 6750 §3.1).
 */
export function requireScope(principal: Principal, scope: Scope): void {
  if (principal.scopes.has(scope)) return;
  if (principal.kind === 'anonymous') {
    const error = authRefusal('TOKEN_MISSING', `This operation needs the scope ${scope}, which requests without a token do not have: send "Authorization: Bearer <JWT>".`);
    error.extensions.requiredScope = scope;
    throw error;
  }
  const held = [...principal.scopes].sort().join(' ') || 'none';
  throw new GatewayError('FORBIDDEN', `This operation needs the scope ${scope}; the token grants: ${held}.`, { requiredScope: scope });
}
