import type { SeededRandom } from '../kit';
import type { SectorTemplate } from './catalogue';
import type { RawChannel, RawFee } from './types';

/**
 * How a procedure can be done (cách thức thực hiện): KENH 1 in person always, 2 online
 * and 3 by public postal service often, each with its time limit and fees. Fees follow
 * the policy seen in real records: online filing is often charged half.
 */
export function buildChannels(sector: SectorTemplate, days: number, random: SeededRandom, feeCode: () => string): RawChannel[] {
  const fee = sector.fees.length > 0 && random.chance(0.85) ? random.pick(sector.fees) : null;
  const code = fee === null ? '' : feeCode();
  const halfOnline = random.chance(0.4);
  const unit = random.chance(0.9) ? 'Ngày làm việc' : 'Ngày';
  const channels: RawChannel[] = [];
  const add = (kenh: string, amount: number | null, note: string): void => {
    channels.push({
      KENH: kenh,
      THOIGIAN: [
        {
          THOIGIANGIAIQUYET: String(days),
          DONVITINH: unit,
          MOTA: random.chance(0.5) ? `${days} ${unit.toLowerCase()} kể từ ngày nhận đủ hồ sơ hợp lệ.${note}` : '',
          PHILEPHI: amount === null ? [] : [feeEntry(code, amount, random)],
        },
      ],
    });
  };
  add('1', fee, '');
  if (random.chance(0.75)) add('2', fee !== null && halfOnline ? fee / 2 : fee, halfOnline && fee !== null ? ' Giảm 50% lệ phí đối với hồ sơ nộp trực tuyến.' : '');
  if (random.chance(0.55)) add('3', fee, ' Trả kết quả qua dịch vụ bưu chính công ích theo yêu cầu.');
  return channels;
}

function feeEntry(code: string, amount: number, random: SeededRandom): RawFee {
  const kind = code.startsWith('LP') ? 'Lệ phí' : 'Phí';
  return {
    MAPHILEPHI: code,
    SOTIEN: String(amount),
    DONVI: 'Đồng',
    MOTA: `${kind}: ${groupThousands(amount)} đồng/hồ sơ`,
    TENTEP: random.chance(0.2) ? 'Bieu-phi-le-phi.pdf' : '',
    URL: '',
  };
}

/** `50000` → `50.000`, the Vietnamese grouping, without depending on the ICU build. */
function groupThousands(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
