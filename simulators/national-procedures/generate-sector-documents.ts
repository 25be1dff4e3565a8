import type { SeededRandom } from '../kit';
import type { LawTemplate, SectorTemplate } from './catalogue';
import { MINISTRIES } from './names';
import type { RawLegalBasis } from './types';
import { formatVnDate, parseVnDate } from './vn-date';

/** The documents every procedure of one sector shares: real ones cite the same few. */
export interface SectorDocuments {
  law: RawLegalBasis;
  decree: RawLegalBasis;
  circular: RawLegalBasis;
  /** Bộ Tài chính's fee circular, cited by procedures that charge a fee. */
  feeCircular: RawLegalBasis;
  /** Publication decisions (quyết định công bố) of the ministry. */
  decisions: ReadonlyArray<{ id: string; number: string }>;
}

const DAY_MS = 86_400_000;

/**
 * Invents the implementing decree (unless the template names the real one), a circular
 * of the ministry, a fee circular and the publication decisions, dated after the law so
 * the legal basis reads in a believable order. Document numbers follow the real shapes:
 * `123/2015/NĐ-CP`, `04/2020/TT-BTP`, `1872/QĐ-BTP`.
 */
export function generateSectorDocuments(sector: SectorTemplate, random: SeededRandom): SectorDocuments {
  const ministry = MINISTRIES.find((m) => m.code === sector.ministry);
  if (!ministry) throw new Error(`sector ${sector.code} names an unknown ministry ${sector.ministry}`);
  const lawIssued = parseVnDate(sector.law.issued);
  const later = (minDays: number, maxDays: number): Date => new Date(lawIssued.getTime() + random.int(minDays, maxDays) * DAY_MS);
  const invent = (kind: string, title: string, issuer: string, issued: Date): LawTemplate => ({
    number: `${random.int(1, 180)}/${issued.getUTCFullYear()}/${kind}`,
    title,
    issued: formatVnDate(issued),
    effective: formatVnDate(new Date(issued.getTime() + random.int(30, 60) * DAY_MS)),
    issuer,
  });
  const isDecreeLaw = sector.law.number.includes('NĐ-CP');
  const decree = sector.decree ?? (isDecreeLaw ? sector.law : invent('NĐ-CP', `Nghị định quy định chi tiết một số điều và biện pháp thi hành ${sector.law.title}`, 'Chính phủ', later(120, 400)));
  const circularTitle = isDecreeLaw
    ? `Thông tư hướng dẫn thi hành Nghị định số ${sector.law.number}`
    : `Thông tư quy định chi tiết và hướng dẫn thi hành một số điều của ${sector.law.title}`;
  const circular = invent(`TT-${ministry.abbr}`, circularTitle, ministry.name, later(200, 700));
  const feeCircular = invent('TT-BTC', `Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí, lệ phí trong lĩnh vực ${sector.name.toLowerCase()}`, 'Bộ Tài chính', later(300, 1500));
  const decisions = Array.from({ length: random.int(2, 4) }, () => ({
    id: String(random.int(1000, 99999)),
    number: `${random.int(100, 3000)}/QĐ-${ministry.abbr}`,
  }));
  return { law: toRaw(sector.law, random), decree: toRaw(decree, random), circular: toRaw(circular, random), feeCircular: toRaw(feeCircular, random), decisions };
}

function toRaw(doc: LawTemplate, random: SeededRandom): RawLegalBasis {
  return {
    SOVANBAN: doc.number,
    TENVANBAN: doc.title,
    NGAYBANHANH: doc.issued,
    NGAYHIEULUC: doc.effective,
    COQUANBANHANH: doc.issuer,
    DIACHITRUYCAP: random.chance(0.6) ? `https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=${random.int(10000, 170000)}` : '',
  };
}
