import type { SeededRandom } from '../kit';
import type { RawCaseSteps } from './types';

const ONLINE_CASES = ['Trường hợp nộp hồ sơ trực tiếp hoặc qua dịch vụ bưu chính', 'Trường hợp nộp hồ sơ trực tuyến'];

/**
 * The steps (trình tự thực hiện) in the national database's usual wording: prepare,
 * hand in, check, decide, return. Most records have one case whose TRUONGHOP is empty;
 * some split in-person and online handling into two cases.
 */
export function buildSteps(receivingPlace: string, competent: string, resultName: string, random: SeededRandom): RawCaseSteps[] {
  const common = (hand: string): string[] => [
    'Bước 1: Tổ chức, cá nhân chuẩn bị hồ sơ đầy đủ theo quy định.',
    `Bước 2: ${hand}`,
    'Bước 3: Công chức tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ; trường hợp hồ sơ chưa đầy đủ thì hướng dẫn tổ chức, cá nhân bổ sung, hoàn thiện theo quy định.',
    `Bước 4: ${competent} xem xét, giải quyết; trường hợp không giải quyết thì trả lời bằng văn bản và nêu rõ lý do.`,
    `Bước 5: Trả kết quả (${resultName}) tại ${receivingPlace} hoặc qua dịch vụ bưu chính công ích.`,
  ];
  const toCase = (TRUONGHOP: string, steps: string[]): RawCaseSteps => ({ TRUONGHOP, TRINHTU: steps.map((TENTRINHTU) => ({ TENTRINHTU })) });
  if (random.chance(0.75)) {
    return [toCase('', common(`Nộp hồ sơ tại ${receivingPlace} hoặc nộp trực tuyến qua Cổng Dịch vụ công quốc gia.`))];
  }
  return [
    toCase(ONLINE_CASES[0] as string, common(`Nộp hồ sơ trực tiếp tại ${receivingPlace} hoặc gửi qua dịch vụ bưu chính công ích.`)),
    toCase(ONLINE_CASES[1] as string, common('Đăng nhập Cổng Dịch vụ công quốc gia, kê khai thông tin và tải lên bản điện tử của các giấy tờ.')),
  ];
}
