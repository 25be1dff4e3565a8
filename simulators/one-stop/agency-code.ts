/**
 * Agency codes `L4.L3.L2.L1` (docs/sources.md, "Agency codes"). Jurisdiction follows the code
 * (our reading): a unit's subordinates share all of its non-zero groups.
 */

const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export function isAgencyCode(value: string): boolean {
  return AGENCY_CODE.test(value);
}

/** True when `code` is `ancestor` itself or one of its subordinates. */
export function isWithinAgency(code: string, ancestor: string): boolean {
  if (!AGENCY_CODE.test(code) || !AGENCY_CODE.test(ancestor)) return false;
  const groups = code.split('.');
  return ancestor.split('.').every((group, index) => /^0+$/.test(group) || groups[index] === group);
}

/** The unit directly above (`000.05.43.H41` → `000.00.43.H41` → `000.00.00.H41`); null at the top. */
export function parentAgencyCode(code: string): string | null {
  if (!AGENCY_CODE.test(code)) return null;
  const [l4, l3, l2, l1] = code.split('.') as [string, string, string, string];
  if (l4 !== '000') return `000.${l3}.${l2}.${l1}`;
  if (l3 !== '00') return `000.00.${l2}.${l1}`;
  if (l2 !== '00') return `000.00.00.${l1}`;
  return null;
}
