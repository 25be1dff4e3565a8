import type { Level, SectorTemplate } from './catalogue';

/** One procedure the generator may publish: a name at one level of one sector. */
export interface ProcedureCandidate {
  name: string;
  /** What the applicant receives (TENKETQUA). */
  result: string;
  sector: SectorTemplate;
  level: Level;
}

/** Papers that are issued can be re-issued, exchanged, amended, extended or revoked. */
const ISSUED_PAPER = /^Cấp ((?:giấy phép|Giấy phép|giấy chứng nhận|Giấy chứng nhận|chứng chỉ|Chứng chỉ|thẻ|Thẻ) .*)$/;

/**
 * Every (name, level) pair the sector templates allow, in a fixed order: each real name,
 * its qualified variants ("… có yếu tố nước ngoài"), and for a name that issues a paper
 * the follow-up procedures real catalogues list beside it (cấp lại, cấp đổi, điều chỉnh,
 * gia hạn, thu hồi). Pure; the generator shuffles and picks from it.
 */
export function listProcedureCandidates(sectors: readonly SectorTemplate[]): ProcedureCandidate[] {
  const candidates: ProcedureCandidate[] = [];
  for (const sector of sectors) {
    const seen = new Set<string>();
    const names: Array<[string, string]> = [];
    const add = (name: string, result: string): void => {
      const key = name.toLowerCase();
      if (seen.has(key)) return;
      seen.add(key);
      names.push([name, result]);
    };
    for (const entry of sector.procedures) {
      const [name, result = 'Văn bản trả lời'] = entry.split('|') as [string, string?];
      add(name, result);
      for (const qualifier of sector.qualifiers ?? []) add(`${name} ${qualifier}`, result);
    }
    for (const [name, result] of [...names]) {
      const paper = ISSUED_PAPER.exec(name)?.[1];
      if (!paper) continue;
      add(`Cấp lại ${paper} do bị mất, hư hỏng`, result);
      add(`Cấp đổi ${paper}`, result);
      add(`Điều chỉnh nội dung ${paper}`, result);
      add(`Gia hạn ${paper}`, result);
      add(`Thu hồi ${paper}`, `Quyết định thu hồi ${paper}`);
    }
    for (const [name, result] of names) {
      for (const level of sector.levels) candidates.push({ name, result, sector, level });
    }
  }
  return candidates;
}
