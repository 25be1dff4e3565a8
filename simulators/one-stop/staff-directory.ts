import { createSeededRandom } from '../kit';
import { hashString } from './object-id';
import { pickPerson } from './people';
import type { SectorFamily } from './procedure-profile';

/** Someone who handles a step: name, title and the office they sit in. */
export interface Officer {
  name: string;
  position: string;
  department: string;
}

/** The people of one agency who touch its dossiers. */
export interface AgencyStaff {
  /** Clerks of the one-stop desk (Bộ phận Tiếp nhận và Trả kết quả). */
  reception: Officer[];
  /** The specialists who review a sector's dossiers. */
  specialists(family: SectorFamily): Officer[];
  /** The head of the specialist office; null at a commune, which has none. */
  head(family: SectorFamily): Officer | null;
  leaders: Officer[];
  /** The records clerk (văn thư) who numbers and stamps results. */
  clerk: Officer;
}

const DISTRICT_OFFICES: Readonly<Record<SectorFamily, string>> = {
  justice: 'Phòng Tư pháp',
  land: 'Phòng Tài nguyên và Môi trường',
  construction: 'Phòng Kinh tế và Hạ tầng',
  business: 'Phòng Tài chính - Kế hoạch',
  social: 'Phòng Lao động - Thương binh và Xã hội',
  education: 'Phòng Giáo dục và Đào tạo',
  culture: 'Phòng Văn hóa và Thông tin',
  health: 'Phòng Y tế',
  agriculture: 'Phòng Nông nghiệp và Phát triển nông thôn',
  other: 'Phòng Nội vụ',
};

const COMMUNE_OFFICES: Readonly<Record<SectorFamily, string>> = {
  justice: 'Tư pháp - Hộ tịch',
  land: 'Địa chính - Xây dựng - Nông nghiệp và Môi trường',
  construction: 'Địa chính - Xây dựng - Nông nghiệp và Môi trường',
  agriculture: 'Địa chính - Xây dựng - Nông nghiệp và Môi trường',
  business: 'Văn phòng - Thống kê',
  other: 'Văn phòng - Thống kê',
  social: 'Văn hóa - Xã hội',
  education: 'Văn hóa - Xã hội',
  culture: 'Văn hóa - Xã hội',
  health: 'Văn hóa - Xã hội',
};

/**
 * Staff per agency, made on first use from the seed and the agency code alone, so the
 * same officers appear on every dossier of an agency whatever order dossiers are made in.
 */
export function createStaffDirectory(seed: number): (agencyCode: string, level: 1 | 2 | 3) => AgencyStaff {
  const cache = new Map<string, AgencyStaff>();
  return (agencyCode, level) => {
    let staff = cache.get(agencyCode);
    if (!staff) {
      staff = buildStaff(seed, agencyCode, level);
      cache.set(agencyCode, staff);
    }
    return staff;
  };
}

function buildStaff(seed: number, agencyCode: string, level: 1 | 2 | 3): AgencyStaff {
  const random = createSeededRandom(hashString(`${seed}|staff|${agencyCode}`));
  const person = (): string => pickPerson(random).fullName;
  const desk = level === 1 ? 'Trung tâm Phục vụ hành chính công tỉnh' : 'Bộ phận Tiếp nhận và Trả kết quả';
  const reception = Array.from({ length: random.int(2, 3) }, () => ({
    name: person(),
    position: level === 3 ? 'Công chức một cửa' : 'Công chức tiếp nhận',
    department: desk,
  }));
  const leaderOffice = level === 1 ? 'Ban Giám đốc' : 'Lãnh đạo UBND';
  const leaders = level === 1
    ? [{ name: person(), position: 'Giám đốc Sở', department: leaderOffice }, { name: person(), position: 'Phó Giám đốc Sở', department: leaderOffice }]
    : [{ name: person(), position: 'Chủ tịch UBND', department: leaderOffice }, { name: person(), position: 'Phó Chủ tịch UBND', department: leaderOffice }];
  const clerk = {
    name: person(),
    position: 'Văn thư',
    department: level === 1 ? 'Văn phòng Sở' : level === 2 ? 'Văn phòng HĐND và UBND' : 'Văn phòng - Thống kê',
  };

  const offices = new Map<SectorFamily, { specialists: Officer[]; head: Officer | null }>();
  const office = (family: SectorFamily): { specialists: Officer[]; head: Officer | null } => {
    let found = offices.get(family);
    if (!found) {
      const officeRandom = createSeededRandom(hashString(`${seed}|office|${agencyCode}|${family}`));
      const name = (): string => pickPerson(officeRandom).fullName;
      const department = level === 1 ? 'Phòng Chuyên môn nghiệp vụ' : level === 2 ? DISTRICT_OFFICES[family] : COMMUNE_OFFICES[family];
      const position = level === 3 ? `Công chức ${department}` : 'Chuyên viên';
      found = {
        specialists: Array.from({ length: officeRandom.int(1, 3) }, () => ({ name: name(), position, department })),
        head: level === 3 ? null : { name: name(), position: officeRandom.chance(0.7) ? 'Trưởng phòng' : 'Phó Trưởng phòng', department },
      };
      offices.set(family, found);
    }
    return found;
  };

  return { reception, leaders, clerk, specialists: (family) => office(family).specialists, head: (family) => office(family).head };
}
