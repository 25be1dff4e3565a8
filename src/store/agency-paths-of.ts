import { agencyPath, parseAgencyCode } from '../domain';
import { ALL_PATH } from './dossier-rollup';

/**
 * The paths an agency's records are counted and found under: everything (`*`), then its
 * path at depth 1 to 4 (`H56`, `H56.41`, `H56.41.01`, `H56.41.01.000`), so "this unit and
 * everything under it" is an equality on one path. A code that does not parse is found
 * under everything only.
 */
export function agencyPathsOf(agencyCode: string): string[] {
  const parsed = parseAgencyCode(agencyCode);
  if (!parsed) return [ALL_PATH];
  return [ALL_PATH, agencyPath(parsed, 1), agencyPath(parsed, 2), agencyPath(parsed, 3), agencyPath(parsed, 4)];
}
