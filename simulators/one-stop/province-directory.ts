import type { RawAgency } from '../national-procedures/types';

/** One province's part of the national directory, regrouped for the dossier generator. */
export interface ProvinceDirectory {
  provinceCode: string;
  /** The provincial People's Committee, `000.00.00.Hxx`. */
  province: RawAgency;
  /** `tỉnh Thanh Hóa`: the committee's name without "UBND". */
  provincePlace: string;
  /** Provincial departments (Sở, Ban): CAPDONVI "1" below the committee. */
  departments: RawAgency[];
  districts: RawAgency[];
  /** Per district code, its communes, wards and towns. */
  communes: ReadonlyMap<string, RawAgency[]>;
  byCode: ReadonlyMap<string, RawAgency>;
}

/**
 * The province `provinceCode` from the national directory. Throws when the directory has
 * no such province or no districts for it (generateAgencies models districts for a few
 * provinces only), since dossiers are received at districts and communes.
 */
export function readProvinceDirectory(agencies: readonly RawAgency[], provinceCode: string): ProvinceDirectory {
  const suffix = `.${provinceCode}`;
  const own = agencies.filter((agency) => agency.MADONVI.endsWith(suffix));
  const province = own.find((agency) => agency.MADONVI === `000.00.00.${provinceCode}`);
  if (!province) {
    throw new Error(`generateDossiers: the agency directory has no province ${provinceCode} (expected an agency 000.00.00.${provinceCode}); pass generateAgencies(seed) or a directory that contains it`);
  }
  const departments = own.filter((agency) => agency.CAPDONVI === '1' && agency !== province);
  const districts = own.filter((agency) => agency.CAPDONVI === '2');
  if (districts.length === 0) {
    throw new Error(`generateDossiers: the agency directory lists no districts (CAPDONVI "2") for ${provinceCode}; dossiers need districts and communes`);
  }
  const communes = new Map<string, RawAgency[]>();
  for (const agency of own) {
    if (agency.CAPDONVI !== '3') continue;
    const [, , l2] = agency.MADONVI.split('.') as [string, string, string, string];
    const district = `000.00.${l2}.${provinceCode}`;
    communes.set(district, [...(communes.get(district) ?? []), agency]);
  }
  return {
    provinceCode,
    province,
    provincePlace: placeName(province.TENDONVI),
    departments,
    districts,
    communes,
    byCode: new Map(own.map((agency) => [agency.MADONVI, agency])),
  };
}

/** `UBND huyện Hoằng Hóa` → `huyện Hoằng Hóa`. */
export function placeName(agencyName: string): string {
  return agencyName.replace(/^UBND\s+/i, '');
}
