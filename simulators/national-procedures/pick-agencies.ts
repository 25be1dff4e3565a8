import type { SeededRandom } from '../kit';
import type { Level, SectorTemplate } from './catalogue';
import type { AgencyIndex } from './agency-index';
import type { RawAgency } from './types';

/** The agencies one procedure names, all taken from the served agency list. */
export interface ProcedureAgencies {
  implementing: RawAgency[];
  competent: RawAgency[];
  delegated: RawAgency[];
  cooperating: RawAgency[];
  /** Where dossiers are handed in (DIACHITIEPNHAN). */
  receivingPlace: string;
}

/**
 * Picks the units that implement a procedure at its levels, inside one province for
 * levels 1–3 (`province` when given, else one that has those levels), the way a
 * province's published copy names its own departments, districts and communes.
 */
export function pickAgencies(index: AgencyIndex, sector: SectorTemplate, levels: readonly Level[], random: SeededRandom, province?: string): ProcedureAgencies {
  const local = levels.some((level) => level >= 2);
  const candidates = index.provinces.filter((p) => !local || index.districts.has(code1(p)));
  const provinceAgency = (province && index.byCode.get(`000.00.00.${province}`)) || random.pick(candidates);
  const group = code1(provinceAgency);
  const ministry = index.ministries.get(sector.ministry) as RawAgency;
  const department = index.departments.get(group)?.get(sector.ministry) ?? index.departments.get(group)?.get('G22');
  const implementing: RawAgency[] = [];
  const competent: RawAgency[] = [];
  let receivingPlace = '';

  for (const level of [...levels].sort((a, b) => b - a)) {
    if (level === 0) {
      const units = index.centralUnits.get(sector.ministry) ?? [];
      implementing.push(units.length > 0 ? random.pick(units) : ministry);
      competent.push(ministry);
      receivingPlace ||= `Bộ phận Một cửa ${ministry.TENDONVI}`;
    } else if (level === 1) {
      const unit = department ?? provinceAgency;
      implementing.push(unit);
      competent.push(random.chance(0.4) ? provinceAgency : unit);
      receivingPlace ||= `Trung tâm Phục vụ hành chính công ${provinceAgency.TENDONVI.replace(/^UBND /, '')}`;
    } else {
      const districts = random.sample(index.districts.get(group) ?? [], random.int(1, 3));
      const units = level === 2 ? districts : districts.flatMap((d) => random.sample(index.communes.get(d.MADONVI) ?? [], random.int(1, 2)));
      implementing.push(...units);
      if (units[0]) competent.push(units[0]);
      receivingPlace ||= `Bộ phận Tiếp nhận và Trả kết quả ${units[0]?.TENDONVI ?? provinceAgency.TENDONVI}`;
    }
  }

  const delegated = random.chance(0.1) && department ? [department] : [];
  const cooperating: RawAgency[] = [];
  if (random.chance(0.25)) {
    const finance = levels.includes(0) ? index.ministries.get('G12') : index.departments.get(group)?.get('G12');
    const helper = levels.every((level) => level >= 2) && department ? department : finance;
    if (helper && !implementing.includes(helper)) cooperating.push(helper);
  }
  return { implementing: unique(implementing), competent: unique(competent), delegated, cooperating, receivingPlace };
}

function code1(agency: RawAgency): string {
  return agency.MADONVI.slice(-3);
}

function unique(agencies: RawAgency[]): RawAgency[] {
  return [...new Set(agencies)];
}
