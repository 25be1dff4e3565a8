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
 * True when `candidate` is `root` or a unit under it: a subordinate shares every
 * non-zero group of its superior (our reading of the code scheme; SOURCES.md).
 */
export function isWithinAgency(candidate: string, root: string): boolean {
  const c = parseAgencyCode(candidate);
  const r = parseAgencyCode(root);
  if (!c || !r) return false;
  return (
    c.l1 === r.l1 &&
    (r.l2 === '00' || c.l2 === r.l2) &&
    (r.l3 === '00' || c.l3 === r.l3) &&
    (r.l4 === '000' || c.l4 === r.l4)
  );
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
