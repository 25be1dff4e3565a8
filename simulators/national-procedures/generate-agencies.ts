import { createSeededRandom, type SeededRandom } from '../kit';
import { formatAgencyCode } from './agency-code';
import { COMMUNE_SUFFIXES, DISTRICTS, WARD_NAMES, type DistrictName } from './district-names';
import { CENTRAL_UNITS, DEPARTMENTS, FIRST_DISTRICT_NUMBER, MINISTRIES, PROVINCES } from './names';
import type { RawAgency } from './types';

/**
 * The agency hierarchy as `LayDanhMucCoQuan` serves it, shared by every simulator so that
 * a code means the same unit everywhere. Ministries (`000.00.00.Gxx`, CAPDONVI "0") with
 * their departments (`000.00.NN.Gxx`, "0"); provinces (`000.00.00.Hxx`, "1") with their
 * departments (`000.00.01–20.Hxx`, "1": provincial although their code has a level-2
 * group); for the provinces in DISTRICTS also districts (`000.00.41….Hxx`, "2") and
 * their communes, wards and towns (`000.CC.DD.Hxx`, "3").
 *
 * Everything down to districts is fixed real data; only the communes (how many, which
 * names) depend on `seed`, so two simulators started with the same seed agree on every
 * code. Pure: same seed, same list, same order.
 */
export function generateAgencies(seed: number): RawAgency[] {
  const random = createSeededRandom(seed ^ 0x5a17a9e1);
  const agencies: RawAgency[] = [];
  const add = (MADONVI: string, TENDONVI: string, CAPDONVI: string): void => {
    agencies.push({ MADONVI, TENDONVI, CAPDONVI });
  };

  for (const ministry of MINISTRIES) {
    add(formatAgencyCode(ministry.code), ministry.name, '0');
    (CENTRAL_UNITS[ministry.code] ?? []).forEach((unit, index) => {
      add(formatAgencyCode(ministry.code, index + 1), `${unit} - ${ministry.name}`, '0');
    });
  }

  for (const province of PROVINCES) {
    const place = `${province.kind} ${province.name}`;
    add(formatAgencyCode(province.code), `UBND ${place}`, '1');
    DEPARTMENTS.forEach((department, index) => {
      const name = department.name === 'Văn phòng Ủy ban nhân dân' ? `Văn phòng UBND ${place}` : `${department.name} ${place}`;
      add(formatAgencyCode(province.code, index + 1), name, '1');
    });
    (DISTRICTS[province.code] ?? []).forEach((district, index) => {
      const number = FIRST_DISTRICT_NUMBER + index;
      add(formatAgencyCode(province.code, number), `UBND ${district.kind} ${district.name}`, '2');
      communeNames(district, random).forEach((name, communeIndex) => {
        add(formatAgencyCode(province.code, number, communeIndex + 1), `UBND ${name}`, '3');
      });
    });
  }
  return agencies;
}

/** Names with their kind in lower case, as they follow "UBND": `xã Diễn Kỷ`, `phường Lê Lợi`. */
function communeNames(district: DistrictName, random: SeededRandom): string[] {
  const suffixes = COMMUNE_SUFFIXES.filter((suffix) => suffix !== district.communePrefix);
  if (district.kind !== 'huyện') {
    const wards = random.sample(WARD_NAMES, random.int(5, 10)).map((name) => `phường ${name}`);
    const communes = random.sample(suffixes, random.int(2, 5)).map((suffix) => `xã ${district.communePrefix} ${suffix}`);
    return [...wards, ...communes];
  }
  const town = `thị trấn ${district.name}`;
  const communes = random.sample(suffixes, random.int(6, 12)).map((suffix) => `xã ${district.communePrefix} ${suffix}`);
  return [town, ...communes];
}
