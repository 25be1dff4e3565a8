import { createSeededRandom } from '../kit';
import { hashString } from './object-id';
import type { ProcedureInput } from './types';

/** Which office handles a sector's dossiers, read from the sector name. */
export type SectorFamily = 'justice' | 'land' | 'construction' | 'business' | 'social' | 'education' | 'culture' | 'health' | 'agriculture' | 'other';

/** What the one-stop system knows of a procedure beyond its code and name. */
export interface ProcedureProfile {
  procedure: ProcedureInput;
  family: SectorFamily;
  /** Time limit in working days. */
  processingDays: number;
  serviceLevel: 2 | 3 | 4;
  /** Weights of the receiving agency's level: [province department, district, commune]. */
  levelWeights: readonly [number, number, number];
  fees: Array<{ name: string; code: string; amount: number; kind: 1 | 2 }>;
  papers: Array<{ code: string; name: string }>;
  resultName: string;
}

const FAMILY_WORDS: ReadonlyArray<[SectorFamily, RegExp]> = [
  ['justice', /hộ tịch|chứng thực|nuôi con|quốc tịch|tư pháp|lý lịch|hòa giải|luật sư|công chứng|trợ giúp pháp lý/i],
  ['land', /đất đai|môi trường|tài nguyên|khoáng sản|tài nguyên nước|đo đạc/i],
  ['construction', /xây dựng|quy hoạch|nhà ở|kiến trúc|hạ tầng/i],
  ['business', /kinh doanh|doanh nghiệp|hợp tác xã|đầu tư|thương mại|lưu thông|công thương|điện|thuế/i],
  ['social', /lao động|người có công|bảo trợ|trẻ em|việc làm|phòng, chống tệ nạn|bình đẳng giới|an sinh/i],
  ['education', /giáo dục|đào tạo|thi, tuyển sinh|văn bằng/i],
  ['culture', /văn hóa|thể thao|du lịch|thông tin|báo chí|xuất bản|gia đình/i],
  ['health', /y tế|dược|khám bệnh|an toàn thực phẩm|dân số/i],
  ['agriculture', /nông nghiệp|thủy lợi|lâm nghiệp|thú y|trồng trọt|thủy sản|nông thôn/i],
];

const LEVEL_WEIGHTS: Readonly<Record<SectorFamily, readonly [number, number, number]>> = {
  justice: [0.04, 0.38, 0.58],
  land: [0.1, 0.65, 0.25],
  construction: [0.15, 0.7, 0.15],
  business: [0.3, 0.65, 0.05],
  social: [0.1, 0.45, 0.45],
  education: [0.35, 0.6, 0.05],
  culture: [0.35, 0.5, 0.15],
  health: [0.6, 0.35, 0.05],
  agriculture: [0.25, 0.45, 0.3],
  other: [0.3, 0.45, 0.25],
};

const DAYS: Readonly<Record<SectorFamily, readonly number[]>> = {
  justice: [1, 1, 2, 3, 3, 5, 5, 10, 15],
  land: [5, 10, 15, 20, 30],
  construction: [7, 10, 15, 20],
  business: [3, 3, 5, 7, 10],
  social: [5, 7, 10, 15, 20],
  education: [5, 7, 10, 15],
  culture: [3, 5, 7, 10],
  health: [5, 10, 15, 20, 30],
  agriculture: [3, 5, 7, 10, 15],
  other: [3, 5, 7, 10, 15],
};

const CHARGES = [8000, 10000, 20000, 30000, 50000, 100000, 200000, 500000];
const FEES = [50000, 100000, 150000, 500000, 1000000];

const COMMON_PAPERS = [
  'Đơn đề nghị theo mẫu',
  'Tờ khai theo mẫu quy định',
  'Bản sao Căn cước công dân của người nộp hồ sơ',
  'Văn bản ủy quyền (trường hợp ủy quyền)',
  'Giấy tờ chứng minh nơi cư trú',
];
const FAMILY_PAPERS: Readonly<Record<SectorFamily, readonly string[]>> = {
  justice: ['Giấy chứng sinh', 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử', 'Giấy xác nhận tình trạng hôn nhân', 'Bản chính giấy tờ cần chứng thực'],
  land: ['Giấy chứng nhận quyền sử dụng đất đã cấp', 'Hợp đồng chuyển nhượng quyền sử dụng đất', 'Bản trích đo địa chính thửa đất', 'Tờ khai lệ phí trước bạ'],
  construction: ['Bản vẽ thiết kế xây dựng', 'Giấy tờ chứng minh quyền sử dụng đất', 'Bản cam kết bảo đảm an toàn công trình liền kề'],
  business: ['Giấy đề nghị đăng ký hộ kinh doanh', 'Bản sao hợp đồng thuê địa điểm kinh doanh', 'Biên bản họp thành viên', 'Điều lệ'],
  social: ['Bản khai cá nhân theo mẫu', 'Giấy xác nhận khuyết tật', 'Biên bản họp xét duyệt của thôn, tổ dân phố'],
  education: ['Bản sao văn bằng, chứng chỉ', 'Học bạ', 'Giấy khai sinh'],
  culture: ['Văn bản đề nghị cấp phép', 'Danh sách thành viên tham gia', 'Kịch bản chương trình'],
  health: ['Giấy chứng nhận đủ điều kiện kinh doanh', 'Bản sao chứng chỉ hành nghề', 'Danh sách nhân sự'],
  agriculture: ['Bản thuyết minh dự án', 'Giấy chứng nhận kiểm dịch', 'Sơ đồ vị trí khu vực'],
  other: ['Bản sao giấy tờ có giá trị pháp lý liên quan', 'Bản thuyết minh'],
};

/** Results real catalogues name for the commonest procedures; others are read from the name. */
const KNOWN_RESULTS: ReadonlyArray<[RegExp, string]> = [
  [/khai sinh/i, 'Giấy khai sinh'],
  [/kết hôn/i, 'Giấy chứng nhận kết hôn'],
  [/khai tử/i, 'Trích lục khai tử'],
  [/hộ kinh doanh/i, 'Giấy chứng nhận đăng ký hộ kinh doanh'],
  [/chứng thực/i, 'Bản sao được chứng thực'],
  [/tình trạng hôn nhân/i, 'Giấy xác nhận tình trạng hôn nhân'],
];

export function sectorFamily(sectorName: string): SectorFamily {
  return FAMILY_WORDS.find(([, words]) => words.test(sectorName))?.[0] ?? 'other';
}

/**
 * The profile of a procedure, drawn from its code and the seed only, so it does not
 * depend on the order procedures are listed in.
 */
export function profileProcedure(procedure: ProcedureInput, seed: number): ProcedureProfile {
  const random = createSeededRandom(hashString(`${seed}|profile|${procedure.code}`));
  const family = sectorFamily(procedure.sectorName);
  const level = random.next();
  const fees: ProcedureProfile['fees'] = [];
  if (random.chance(0.55)) fees.push({ name: `Lệ phí ${lowerFirst(procedure.name)}`, code: `${procedure.code}.LP01`, amount: random.pick(CHARGES), kind: 2 });
  if (random.chance(0.15)) fees.push({ name: `Phí thẩm định hồ sơ ${lowerFirst(procedure.name)}`, code: `${procedure.code}.PHI01`, amount: random.pick(FEES), kind: 1 });
  const paperNames = [
    random.pick(COMMON_PAPERS.slice(0, 2)),
    ...random.sample([...FAMILY_PAPERS[family], ...COMMON_PAPERS.slice(2)], random.int(0, 3)),
  ];
  return {
    procedure,
    family,
    processingDays: random.pick(DAYS[family]),
    serviceLevel: level < 0.55 ? 4 : level < 0.85 ? 3 : 2,
    levelWeights: LEVEL_WEIGHTS[family],
    fees,
    papers: paperNames.map((name, index) => ({ code: `TP${String(index + 1).padStart(2, '0')}`, name })),
    resultName: resultName(procedure.name),
  };
}

function resultName(procedureName: string): string {
  const known = KNOWN_RESULTS.find(([words]) => words.test(procedureName));
  if (known) return known[1];
  const issued = /^Cấp (?:lại |đổi |mới )?(.+?)(?: do bị mất.*| do hư hỏng.*)?$/.exec(procedureName);
  if (issued?.[1]) return upperFirst(issued[1]);
  return `Văn bản giải quyết: ${lowerFirst(procedureName)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
