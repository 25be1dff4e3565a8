import { agencyDepth, agencyPath, parseAgencyCode } from '../domain';
import type { AgencyScope } from '../store';

/**
 * The part of the code hierarchy a query reads, from who asks and what they filter by:
 * - `undefined`: everything (the national portal's sync, which reads every agency);
 * - a scope: one unit and everything under it, or exactly one agency;
 * - `null`: nothing (a caller bound to no agency, or a filter outside the caller's reach).
 * The filter's agency must already be checked to lie within the caller's jurisdiction
 * (`needJurisdiction`): then its subtree lies within the caller's, so it is the scope.
 */
export function dossierScope(jurisdiction: string | null | 'everything', filter?: { agency?: string | null; includeSubordinates?: boolean | null }): AgencyScope | undefined | null {
  if (filter?.agency) {
    const agency = parseAgencyCode(filter.agency);
    if (!agency) return null;
    if (filter.includeSubordinates === false) return { depth: 4, path: agencyPath(agency, 4) };
    const depth = agencyDepth(agency);
    return { depth, path: agencyPath(agency, depth) };
  }
  if (jurisdiction === 'everything') return undefined;
  const own = jurisdiction === null ? null : parseAgencyCode(jurisdiction);
  if (!own) return null;
  const depth = agencyDepth(own);
  return { depth, path: agencyPath(own, depth) };
}
