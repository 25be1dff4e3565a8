import type { Level } from './catalogue';

export interface AnchorProcedure {
  code: string;
  name: string;
  sector: string;
  levels: readonly Level[];
  /** The province whose units implement it. */
  province: string;
}

/**
 * Procedures every seed publishes with these exact codes, names and levels, so tests and
 * demos can name them; the mess generator leaves them clean. Codes are the real ones of
 * docs/sources.md; `1.001612` is the real Đăng ký khai sinh, the other names are our choice.
 */
export const ANCHOR_PROCEDURES: readonly AnchorProcedure[] = [
  { code: '1.001612', name: 'Đăng ký khai sinh', sector: 'G15-TP07', levels: [3], province: 'H41' },
  {
    code: '2.000477',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    sector: 'G15-TP10',
    levels: [1],
    province: 'H48',
  },
  { code: '1.003560', name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ', sector: 'G17-XD15', levels: [2], province: 'H56' },
  { code: '2.002621', name: 'Đăng ký thành lập hộ kinh doanh', sector: 'G05-KD10', levels: [2], province: 'H56' },
];
