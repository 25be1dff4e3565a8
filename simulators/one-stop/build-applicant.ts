import type { RawAgency } from '../national-procedures/types';
import type { SeededRandom } from '../kit';
import { buildCitizenId, buildEmail, buildPhone, type Person } from './people';
import { placeName, type ProvinceDirectory } from './province-directory';
import type { Address, Applicant, ApplicantType } from './types';
import { DAY_MS, formatVnDate, VN_OFFSET_MS } from './vn-time';

/** 12-digit CCCD cards were issued from 2016. */
const CCCD_SINCE = Date.UTC(2016, 0, 1) - VN_OFFSET_MS;

const VILLAGE_WORDS = ['Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ', 'Tân', 'Phú', 'Yên', 'An', 'Hòa', 'Thịnh', 'Lộc', 'Phúc'];
const STREETS = ['Lê Lợi', 'Trần Phú', 'Quang Trung', 'Nguyễn Trãi', 'Lý Thường Kiệt', 'Hàm Nghi', 'Bà Triệu', 'Lê Hoàn', 'Phan Chu Trinh', 'Hùng Vương'];
const COMPANY_KINDS = ['Công ty TNHH', 'Công ty TNHH MTV', 'Công ty Cổ phần', 'Doanh nghiệp tư nhân'];
const COMPANY_TRADES = ['Thương mại & Dịch vụ', 'Xây dựng & Thương mại', 'Đầu tư và Phát triển', 'Vận tải', 'Nông sản', 'Công nghệ', 'May mặc', 'Vật liệu xây dựng'];
const BRANDS = ['Minh Anh', 'Hoàng Long', 'Sao Việt', 'Phú Thịnh', 'An Phát', 'Thành Công', 'Hưng Thịnh', 'Đại Dương', 'Bình Minh', 'Trường Sơn', 'Hồng Hà', 'Tân Tiến'];

/**
 * The applicant of a dossier submitted at `submittedAt`: an adult (18–78), a CCCD issued
 * since 2016 and after the 14th birthday, a phone, an email for about 45%, an address near
 * the agency.
 */
export function buildApplicant(person: Person, submittedAt: number, agency: RawAgency, directory: ProvinceDirectory, random: SeededRandom): Applicant {
  const submittedYear = Number(formatVnDate(submittedAt).slice(0, 4));
  const birthYear = random.int(submittedYear - 78, submittedYear - 18);
  const [month, day] = [random.int(1, 12), random.int(1, 28)];
  const birthDate = `${birthYear}-${pad(month)}-${pad(day)}`;
  const adultAt = Date.UTC(birthYear + 14, month - 1, day) - VN_OFFSET_MS;
  const issuedFrom = Math.max(CCCD_SINCE, adultAt);
  const issuedTo = submittedAt - DAY_MS;
  const issued = issuedFrom < issuedTo ? issuedFrom + Math.floor(random.next() * (issuedTo - issuedFrom)) : issuedTo;
  const email = random.chance(0.45) ? buildEmail(person.fullName, birthYear, random) : null;
  return {
    fullName: person.fullName,
    gender: person.gender,
    birthDate,
    identityNumber: buildCitizenId(directory.provinceCode, person.gender, birthYear, random),
    identityType: 1,
    identityIssuedDate: formatVnDate(issued),
    phone: buildPhone(random),
    email,
    address: buildAddress(agency, directory, random),
  };
}

/** An address near the agency: its commune, a commune of its district, or anywhere for a department. */
function buildAddress(agency: RawAgency, directory: ProvinceDirectory, random: SeededRandom): Address {
  const [, l3, l2] = agency.MADONVI.split('.') as [string, string, string, string];
  const districtCode = agency.CAPDONVI === '1' ? random.pick(directory.districts).MADONVI : `000.00.${l2}.${directory.provinceCode}`;
  const district = directory.byCode.get(districtCode) as RawAgency;
  const communes = directory.communes.get(districtCode) ?? [];
  const commune = agency.CAPDONVI === '3' && l3 !== '00' ? agency : communes.length > 0 ? random.pick(communes) : district;
  const communePlace = placeName(commune.TENDONVI);
  const village = /^(phường|thị trấn)/.test(communePlace)
    ? random.chance(0.5) ? `Số ${random.int(1, 250)} ${random.pick(STREETS)}` : `Tổ dân phố ${random.int(1, 18)}`
    : random.chance(0.5) ? `Thôn ${random.pick(VILLAGE_WORDS)} ${random.pick(VILLAGE_WORDS)}` : `Xóm ${random.int(1, 12)}`;
  const parts = { village, commune: communePlace, district: placeName(district.TENDONVI), province: directory.provincePlace };
  return { ...parts, full: `${parts.village}, ${parts.commune}, ${parts.district}, ${parts.province}` };
}

/** The business or organisation a type 2–4 applicant acts for; names carry `&` as real ones do. */
export function organisationName(type: ApplicantType, fullName: string, address: Address, random: SeededRandom): string {
  const place = address.commune.replace(/^(xã|phường|thị trấn)\s+/, '');
  switch (type) {
    case 2:
      return random.chance(0.5) ? `Hộ kinh doanh ${fullName}` : `${random.pick(COMPANY_KINDS)} ${random.pick(COMPANY_TRADES)} ${random.pick(BRANDS)}`;
    case 3:
      return random.pick([`Trường Tiểu học ${place}`, `Trạm Y tế ${address.commune}`, `Trường Mầm non ${place}`]);
    default:
      return random.pick([`Hợp tác xã Nông nghiệp ${place}`, `Hội Nông dân ${address.commune}`, `Chi hội Phụ nữ ${address.village}`]);
  }
}


function pad(value: number): string {
  return String(value).padStart(2, '0');
}
