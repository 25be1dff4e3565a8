import { canReadAgency, canSeeAgency, requireJurisdiction, requireScope, type Scope } from '../auth';
import { GatewayError } from '../errors';
import type { GatewayContext } from './context';

/** Throws FORBIDDEN (or UNAUTHENTICATED for the anonymous principal) unless the caller holds `scope`. */
export function needScope(ctx: GatewayContext, scope: Scope): void {
  requireScope(ctx.principal, scope);
}

/**
 * Jurisdiction ("phân cấp khai thác"): a principal sees its own agency and the units under
 * it in the code hierarchy. The national portal's synchronization (`sync:admin`) reads
 * every province, which is what it exists to do (our reading).
 */
export function canSee(ctx: GatewayContext, agencyCode: string | null): boolean {
  if (agencyCode === null) return false;
  return canReadAgency(ctx.principal, agencyCode);
}

/**
 * For acting in an agency's name (sending or answering a document): only the agency
 * itself or a unit above it in the code hierarchy; `sync:admin`'s read-everything
 * reach never extends to writing.
 */
export function needToActFor(ctx: GatewayContext, agencyCode: string): void {
  if (canSeeAgency(ctx.principal, agencyCode)) return;
  throw new GatewayError('FORBIDDEN_JURISDICTION', `the caller cannot act for agency ${JSON.stringify(agencyCode.slice(0, 40))}; it acts for ${ctx.principal.agencyCode ?? 'no agency'}`, {
    principalAgency: ctx.principal.agencyCode,
  });
}

/** For an explicit argument naming an agency: FORBIDDEN_JURISDICTION outside the caller's jurisdiction (`requireJurisdiction`, the same rule as `canSee`). */
export function needJurisdiction(ctx: GatewayContext, agencyCode: string): void {
  requireJurisdiction(ctx.principal, agencyCode);
}
