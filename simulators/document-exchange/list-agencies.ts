import { generateAgencies, parentAgencyCode } from '../national-procedures';
import type { AxisSystem } from './types';

/** One `getAgenciesList` item, with the fields the SDK reads (`AgencyServiceImp.getAgenciesList`). */
export interface AxisAgency {
  id: string;
  code: string;
  name: string;
  /** The parent's `id`, or `""` for a top-level unit. */
  pid: string;
  mail: string;
  oldCode: string;
}

/**
 * The axis' directory of connected units: the shared agency hierarchy
 * (`generateAgencies(seed)`, so codes mean the same units in every simulator) plus any
 * registered system whose organ is not in it, in that order. `id`s are sequential strings
 * and `pid` points at the unit above by code (our reading: the SDK only shows the field
 * names); `mail` is set for registered systems' organs, `oldCode` is empty.
 */
export function createAgencyDirectory(seed: number): (systems: readonly AxisSystem[]) => AxisAgency[] {
  const base = generateAgencies(seed).map((a) => ({ code: a.MADONVI, name: a.TENDONVI }));
  return (systems) => {
    const known = new Set(base.map((a) => a.code));
    const extra = systems.filter((s) => !known.has(s.agencyCode) && known.add(s.agencyCode)).map((s) => ({ code: s.agencyCode, name: s.name }));
    const all = [...base, ...extra];
    const idByCode = new Map(all.map((a, index) => [a.code, String(index + 1)]));
    const mailed = new Set(systems.map((s) => s.agencyCode));
    return all.map((a) => {
      const parent = parentAgencyCode(a.code);
      return {
        id: idByCode.get(a.code)!,
        code: a.code,
        name: a.name,
        pid: (parent && idByCode.get(parent)) ?? '',
        mail: mailed.has(a.code) ? `vanthu.${a.code.replace(/\./g, '')}@lienthong.test` : '',
        oldCode: '',
      };
    });
  };
}
