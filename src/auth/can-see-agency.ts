import { isWithinAgency } from '../domain';
import { GatewayError } from '../errors';
import type { Principal } from './principal';

/**
 * True when `agencyCode` is the principal's agency or a unit under it (`isWithinAgency`):
 * a province (`000.00.00.H56`) sees its departments, districts and communes; a district
 * (`000.00.41.H56`) its own communes, not its sibling districts' nor the province's. A
 * ministry or central agency (`000.00.00.G22`) sees its own units only, never a province:
 * jurisdiction follows the code and nothing else (docs/sources.md, "Agency codes"). A
 * principal with no agency sees nothing agency-bound; an `agencyCode` that is not a code
 * is seen by no one.
 */
export function canSeeAgency(principal: Principal, agencyCode: string): boolean {
  return principal.agencyCode !== null && isWithinAgency(agencyCode, principal.agencyCode);
}

/**
 * What a principal may read: `canSeeAgency`, except that the national portal's
 * synchronization (`sync:admin`) reads every agency, which is what it exists to do (our
 * reading). Never a rule for acting in an agency's name: that stays `canSeeAgency`.
 */
export function canReadAgency(principal: Principal, agencyCode: string): boolean {
  return principal.scopes.has('sync:admin') || canSeeAgency(principal, agencyCode);
}

/**
 * The jurisdiction check of an explicit argument naming an agency (a filter, statistics,
 * the audit log): throws FORBIDDEN_JURISDICTION (403) unless `canReadAgency`, the same
 * rule as every record read. A record read by its own code outside the jurisdiction
 * answers as if it did not exist instead, so that its existence is not disclosed.
 * Validate the code first (BAD_USER_INPUT): a malformed code is refused here as outside.
 */
export function requireJurisdiction(principal: Principal, agencyCode: string): void {
  if (canReadAgency(principal, agencyCode)) return;
  const shown = JSON.stringify(agencyCode.length > 40 ? `${agencyCode.slice(0, 37)}...` : agencyCode);
  const message =
    principal.agencyCode === null
      ? `Agency ${shown} is outside the jurisdiction of the caller, which acts for no agency and sees no agency-bound data.`
      : `Agency ${shown} is outside the jurisdiction of ${principal.agencyCode} (its own code and the codes under it).`;
  throw new GatewayError('FORBIDDEN_JURISDICTION', message, { jurisdiction: principal.agencyCode });
}
