import type { AdministrativeLevel } from './administrative-level';

/**
 * An electronic agency identifier (mã định danh điện tử của cơ quan), `L4.L3.L2.L1`,
 * e.g. `000.00.53.H48`: read right to left, L1 is the level-1 unit (G + two digits for a
 * ministry or central agency, H + two digits for a province), then a level-2 unit (two
 * digits), a level-3 unit (two digits) and a level-4 unit (three digits); zeros mean
 * "none at this level". Format per Decision 20/2020/QĐ-TTg on agency identifiers.
 */
export interface AgencyCode {
  code: string;
  l1: string;
  l2: string;
  l3: string;
  l4: string;
}

const AGENCY_CODE = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/;

export function isAgencyCode(value: string): boolean {
  return AGENCY_CODE.test(value);
}

/**
 * Parsed codes, kept because jurisdiction checks parse the same few thousand codes for
 * every record of every list; bounded so that junk input cannot grow it without end.
 */
const parsedCodes = new Map<string, AgencyCode | null>();
const MAX_CACHED_CODES = 50_000;

/** Parses an agency code, or returns null when `value` is not one. */
export function parseAgencyCode(value: string): AgencyCode | null {
  const cached = parsedCodes.get(value);
  if (cached !== undefined) return cached;
  const match = AGENCY_CODE.exec(value.trim());
  const [, l4, l3, l2, l1] = (match ?? []) as unknown as [string, string, string, string, string];
  const parsed = match ? Object.freeze({ code: `${l4}.${l3}.${l2}.${l1}`, l1, l2, l3, l4 }) : null;
  if (parsedCodes.size >= MAX_CACHED_CODES) parsedCodes.clear();
  parsedCodes.set(value, parsed);
  return parsed;
}

/** The unit directly above in the code hierarchy, or null for a level-1 unit. */
export function parentAgencyCode(value: string): string | null {
  const parsed = parseAgencyCode(value);
  if (!parsed) return null;
  const { l1, l2, l3, l4 } = parsed;
  if (l4 !== '000') return `000.${l3}.${l2}.${l1}`;
  if (l3 !== '00') return `000.00.${l2}.${l1}`;
  if (l2 !== '00') return `000.00.00.${l1}`;
  return null;
}

/**
 * How deep a unit sits in the code hierarchy: 1 for a level-1 unit (`000.00.00.H56`), up
 * to 4 for a unit with a non-zero level-4 group. It is the position of the deepest
 * non-zero group read right to left; a zero group above it is part of the unit's path
 * (`000.01.00.H56` is a level-3 unit placed directly under H56, depth 3), not "any".
 */
export function agencyDepth(code: AgencyCode): 1 | 2 | 3 | 4 {
  if (code.l4 !== '000') return 4;
  if (code.l3 !== '00') return 3;
  if (code.l2 !== '00') return 2;
  return 1;
}

/**
 * The unit's path from its level-1 unit down to `depth` groups, right to left, dot-joined:
 * `agencyPath(000.01.41.H56, 2)` is `H56.41`. Two codes share a subtree rooted at depth
 * `d` exactly when their paths of length `d` are equal, so the path of each length is
 * what an index over "this unit and everything under it" is keyed by.
 */
export function agencyPath(code: AgencyCode, depth: 1 | 2 | 3 | 4): string {
  return [code.l1, code.l2, code.l3, code.l4].slice(0, depth).join('.');
}

/**
 * The jurisdiction rule (phân cấp theo mã định danh, Decision 20/2020/QĐ-TTg): `candidate`
 * is `root` or a unit under it when the two codes agree on every group from level 1 down
 * to the deepest non-zero group of `root` — zeros included. A province
 * (`000.00.00.H56`) holds every `….H56`; a district (`000.00.41.H56`) holds
 * `000.xx.41.H56` and their level-4 units; a level-3 unit placed directly under the
 * province (`000.01.00.H56`) holds `xxx.01.00.H56` only, never `000.01.42.H56`, which sits
 * under district 42. Groups below the root's depth are free; groups above it never are.
 * Codes that do not parse are within nothing.
 */
export function isWithinAgency(candidate: string, root: string): boolean {
  const c = parseAgencyCode(candidate);
  const r = parseAgencyCode(root);
  if (!c || !r) return false;
  const depth = agencyDepth(r);
  return agencyPath(c, depth) === agencyPath(r, depth);
}

/**
 * The administrative level a code implies when no directory says otherwise: G-units are
 * central, H-units provinces, a non-zero L2 a district, a non-zero L3 a commune. Units at
 * L4 belong to the commune level. Provincial departments share the district code shape,
 * so the directory's own level (CAPDONVI) wins when known.
 */
export function levelOfAgencyCode(value: string): AdministrativeLevel | null {
  const parsed = parseAgencyCode(value);
  if (!parsed) return null;
  if (parsed.l3 !== '00' || parsed.l4 !== '000') return 'COMMUNE';
  if (parsed.l2 !== '00') return 'DISTRICT';
  return parsed.l1.startsWith('G') ? 'CENTRAL' : 'PROVINCE';
}
