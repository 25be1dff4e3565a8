import type { SeededRandom } from '../kit';
import { toSlug } from './to-slug';

/**
 * Vietnamese personal names, weighted roughly as they occur (Nguyễn about four in ten).
 * Each entry is `name:weight`.
 */
const FAMILY_NAMES = weighted(
  'Nguyễn:38 Trần:11 Lê:9 Phạm:7 Hoàng:5 Huỳnh:2 Phan:4 Vũ:3 Võ:2 Đặng:2 Bùi:2 Đỗ:2 Hồ:1 Ngô:1 Dương:1 Lý:1 Trịnh:1 Đinh:1 Lương:1 Mai:1 Cao:1 Hà:1 Tô:1 Lưu:1',
);
const MALE_MIDDLE = weighted('Văn:30 Đức:8 Minh:8 Quang:6 Hữu:6 Công:5 Xuân:4 Thành:4 Ngọc:3 Tiến:3 Trọng:3 Thanh:3 Đình:4 Bá:2 Duy:3');
const FEMALE_MIDDLE = weighted('Thị:40 Ngọc:6 Thu:5 Thanh:5 Minh:4 Hồng:4 Phương:3 Kim:3 Mai:3 Bích:2 Thùy:3 Khánh:2 Hải:2');
const MALE_GIVEN = [
  'An', 'Anh', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Đức', 'Giang', 'Hải', 'Hiếu', 'Hòa', 'Hùng', 'Huy', 'Khánh', 'Kiên', 'Lâm',
  'Long', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Trung', 'Tuấn',
  'Tùng', 'Việt', 'Vinh', 'Hưng', 'Lộc', 'Toàn', 'Thịnh', 'Chiến', 'Hoàng',
];
const FEMALE_GIVEN = [
  'An', 'Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Huệ', 'Hương', 'Lan', 'Liên', 'Linh',
  'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Tuyết',
  'Vân', 'Yến', 'Xuân', 'Nhàn', 'Lý', 'Thoa', 'Hậu',
];

/** The first digits of a mobile number by carrier (Viettel 03x, Vinaphone 08x, Mobifone 07x, …). */
const PHONE_PREFIXES = [
  '032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098', '081', '082', '083', '084', '085',
  '088', '091', '094', '070', '076', '077', '078', '079', '089', '090', '093', '056', '058', '059', '099',
];
const MAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'yahoo.com.vn', 'outlook.com'];

/**
 * CCCD province-of-birth codes (Thông tư 07/2016/TT-BCA), and the agency-code group of
 * the provinces our directory models mapped to theirs.
 */
const BIRTH_PROVINCE_CODES = [
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025', '026',
  '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048', '049', '051',
  '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075', '077', '079', '080',
  '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
];
const BIRTH_CODE_BY_PROVINCE: Readonly<Record<string, string>> = {
  H04: '006', H14: '004', H15: '048', H24: '001', H27: '031', H29: '079', H32: '056', H40: '036', H41: '040',
  H48: '051', H56: '038', H57: '046', H60: '008',
};

export interface Person {
  fullName: string;
  gender: 'male' | 'female';
}

export function pickPerson(random: SeededRandom): Person {
  const gender = random.chance(0.5) ? 'male' : 'female';
  const family = pickWeighted(FAMILY_NAMES, random);
  const middle = pickWeighted(gender === 'male' ? MALE_MIDDLE : FEMALE_MIDDLE, random);
  const given = random.pick(gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
  // Some names carry a second middle name (Nguyễn Thị Thu Hương).
  const second = random.chance(0.15) ? ` ${random.pick(gender === 'male' ? ['Minh', 'Quốc', 'Anh', 'Hoàng'] : ['Thu', 'Ngọc', 'Minh', 'Thanh'])}` : '';
  return { fullName: `${family} ${middle}${second} ${given}`, gender };
}

/**
 * A valid-looking CCCD: 3-digit province of birth, century-and-sex digit (0/1 for a man
 * or woman born in the 1900s, 2/3 in the 2000s), 2-digit year of birth, 6 random digits.
 */
export function buildCitizenId(provinceCode: string, gender: 'male' | 'female', birthYear: number, random: SeededRandom): string {
  const home = BIRTH_CODE_BY_PROVINCE[provinceCode];
  const birthProvince = home && random.chance(0.85) ? home : random.pick(BIRTH_PROVINCE_CODES);
  const century = (birthYear >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
  const serial = String(random.int(0, 999_999)).padStart(6, '0');
  return `${birthProvince}${century}${String(birthYear % 100).padStart(2, '0')}${serial}`;
}

export function buildPhone(random: SeededRandom): string {
  return `${random.pick(PHONE_PREFIXES)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
}

const nameParts = new Map<string, string[]>();

/** `nguyenvanan87@gmail.com` and the like. */
export function buildEmail(fullName: string, birthYear: number, random: SeededRandom): string {
  let parts = nameParts.get(fullName);
  if (!parts) {
    parts = toSlug(fullName).split('-');
    nameParts.set(fullName, parts);
  }
  const given = parts[parts.length - 1] ?? 'congdan';
  const initials = parts.slice(0, -1).map((part) => part[0]).join('');
  const local = random.chance(0.5) ? `${parts.join('')}${birthYear % 100}` : `${given}${initials}${random.int(1, 999)}`;
  return `${local}@${random.pick(MAIL_DOMAINS)}`;
}

function weighted(spec: string): Array<[string, number]> {
  return spec.split(' ').map((entry) => {
    const [name, weight] = entry.split(':') as [string, string];
    return [name, Number(weight)];
  });
}

function pickWeighted(items: ReadonlyArray<[string, number]>, random: SeededRandom): string {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let point = random.next() * total;
  for (const [name, weight] of items) {
    point -= weight;
    if (point < 0) return name;
  }
  return (items[items.length - 1] as [string, number])[0];
}
