import { DEPARTMENTS, FIRST_DISTRICT_NUMBER } from './names';
import type { RawAgency } from './types';

/** The agency list regrouped so a procedure can pick the units that implement it. */
export interface AgencyIndex {
  byCode: ReadonlyMap<string, RawAgency>;
  ministries: ReadonlyMap<string, RawAgency>;
  centralUnits: ReadonlyMap<string, RawAgency[]>;
  provinces: RawAgency[];
  /** Per province group (`H41`), per ministry group (`G15`): the department in charge. */
  departments: ReadonlyMap<string, ReadonlyMap<string, RawAgency>>;
  districts: ReadonlyMap<string, RawAgency[]>;
  /** Per district code, its communes. */
  communes: ReadonlyMap<string, RawAgency[]>;
}

/**
 * Classifies agencies by the shape of their code (see generateAgencies): level-2 group
 * below FIRST_DISTRICT_NUMBER under a province is a department, at or above it a district.
 */
export function indexAgencies(agencies: readonly RawAgency[]): AgencyIndex {
  const byCode = new Map<string, RawAgency>();
  const ministries = new Map<string, RawAgency>();
  const centralUnits = new Map<string, RawAgency[]>();
  const provinces: RawAgency[] = [];
  const departments = new Map<string, Map<string, RawAgency>>();
  const districts = new Map<string, RawAgency[]>();
  const communes = new Map<string, RawAgency[]>();
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  for (const agency of agencies) {
    byCode.set(agency.MADONVI, agency);
    const [, l3, l2, l1] = agency.MADONVI.split('.') as [string, string, string, string];
    const level2 = Number(l2);
    if (l1.startsWith('G')) {
      if (level2 === 0) ministries.set(l1, agency);
      else push(centralUnits, l1, agency);
    } else if (level2 === 0) {
      provinces.push(agency);
    } else if (level2 < FIRST_DISTRICT_NUMBER) {
      const ministry = DEPARTMENTS[level2 - 1]?.ministry;
      if (!ministry) continue;
      const perProvince = departments.get(l1) ?? new Map<string, RawAgency>();
      if (!perProvince.has(ministry)) perProvince.set(ministry, agency);
      departments.set(l1, perProvince);
    } else if (l3 === '00') {
      push(districts, l1, agency);
    } else {
      push(communes, `000.00.${l2}.${l1}`, agency);
    }
  }
  return { byCode, ministries, centralUnits, provinces, departments, districts, communes };
}
