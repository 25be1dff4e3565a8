import type { SeededRandom } from '../kit';
import type { SectorTemplate } from './catalogue';
import { lowerFirst } from './lower-first';
import { toSlug } from './to-slug';
import type { RawCasePapers, RawPaper } from './types';

const CASE_SPLITS: ReadonlyArray<readonly [string, string]> = [
  ['Trường hợp người yêu cầu trực tiếp thực hiện', 'Trường hợp ủy quyền thực hiện'],
  ['Đối với cá nhân', 'Đối với tổ chức'],
];

/**
 * The required papers (thành phần hồ sơ): the application form first, with its template
 * file, then papers typical of the sector; SOBANCHINH/SOBANSAO say how many originals
 * and copies. Most records have one case with an empty TRUONGHOP, some two.
 */
export function buildPapers(name: string, sector: SectorTemplate, random: SeededRandom, nextId: () => string): RawCasePapers[] {
  const slug = toSlug(name);
  const form = (): RawPaper => ({
    MAGIAYTO: nextId(),
    TENGIAYTO: `Tờ khai ${lowerFirst(name)} (theo mẫu)`,
    TENMAUDON: `mau-to-khai-${slug}.docx`,
    URL: `https://csdl.dichvucong.gov.vn/web/jsp/download_file.jsp?ma=${nextId()}`,
    SOBANCHINH: '1',
    SOBANSAO: '0',
    MA_KQ_THAYTHE: '',
  });
  const paper = (title: string): RawPaper => {
    const [originals, copies] = random.pick([['1', '0'], ['0', '1'], ['1', '1']] as const);
    return { MAGIAYTO: nextId(), TENGIAYTO: title, TENMAUDON: '', URL: '', SOBANCHINH: originals, SOBANSAO: copies, MA_KQ_THAYTHE: '' };
  };
  const papers = (extra: string[] = []): RawPaper[] => [form(), ...random.sample(sector.papers, random.int(1, 3)).map(paper), ...extra.map(paper)];

  if (random.chance(0.7)) return [{ TRUONGHOP: '', GIAYTO: papers() }];
  const [first, second] = random.pick(CASE_SPLITS);
  const secondExtra = second.includes('ủy quyền') ? 'Văn bản ủy quyền theo quy định của pháp luật' : 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập';
  return [
    { TRUONGHOP: first, GIAYTO: papers() },
    { TRUONGHOP: second, GIAYTO: papers([secondExtra]) },
  ];
}
