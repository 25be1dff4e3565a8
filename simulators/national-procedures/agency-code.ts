/**
 * Agency codes `L4.L3.L2.L1` (docs/sources.md, "Agency codes"): three digits, two, two, then
 * the level-1 unit (`G22`, `H41`). Zeros mean "none at this level".
 */

/** Writes a code from its groups, e.g. `formatAgencyCode('H48', 53)` → `000.00.53.H48`. */
export function formatAgencyCode(level1: string, level2 = 0, level3 = 0, level4 = 0): string {
  return `${pad(level4, 3)}.${pad(level3, 2)}.${pad(level2, 2)}.${level1}`;
}

/**
 * The code of the unit directly above, found by zeroing the lowest non-zero group
 * (`000.05.43.H41` → `000.00.43.H41` → `000.00.00.H41`); `null` for a level-1 unit or a
 * string that is not an agency code.
 */
export function parentAgencyCode(code: string): string | null {
  const match = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/.exec(code);
  if (!match) return null;
  const [, l4, l3, l2, l1] = match as unknown as [string, string, string, string, string];
  if (l4 !== '000') return `000.${l3}.${l2}.${l1}`;
  if (l3 !== '00') return `000.00.${l2}.${l1}`;
  if (l2 !== '00') return `000.00.00.${l1}`;
  return null;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
