import { isWithinAgency } from '../domain';
import { GatewayError } from '../errors';
import type { Principal } from './principal';

/**
 * True when `agencyCode` is the principal's agency or a unit under it (`isWithinAgency`):
 * a province (`000.00.00.H56`) sees its departments, districts and communes; a district
 * (`000.00.41.H56`) its own communes, not its sibling districts' nor the province's. A
 * ministry or central agency (`000.00.00.G22`) sees its own units only, never a province:
 * jurisdiction follows the code and nothing else (docs: SOURCES.md, "Agency codes"). A
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
 * Throws FORBIDDEN_JURISDICTION (403) unless `canSeeAgency`. For explicit filters only
 * (e.g. `dossiers(agencyCode: …)`): a record read by its own code outside the
 * jurisdiction answers NOT_FOUND, so that its existence is not disclosed. Validate the
 * code first (BAD_USER_INPUT): a malformed code is refused here as outside.
 */
export function requireJurisdiction(principal: Principal, agencyCode: string): void {
  if (canSeeAgency(principal, agencyCode)) return;
  const shown = JSON.stringify(agencyCode.length > 40 ? `${agencyCode.slice(0, 37)}...` : agencyCode);
  const message =
    principal.agencyCode === null
      ? `The filter names agency ${shown}, but the caller acts for no agency and sees no agency-bound data.`
      : `The filter names agency ${shown}, outside the jurisdiction of ${principal.agencyCode} (its own code and the codes under it).`;
  throw new GatewayError('FORBIDDEN_JURISDICTION', message, { jurisdiction: principal.agencyCode });
}
