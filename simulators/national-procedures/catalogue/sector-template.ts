/** Administrative level: 0 ministry, 1 province, 2 district, 3 commune (docs/sources.md). */
export type Level = 0 | 1 | 2 | 3;

export type ApplicantKind = 'citizen' | 'foreigner' | 'business' | 'cooperative' | 'organisation' | 'official';

/** A law (or the decree that stands in for one) every procedure of a sector cites. */
export interface LawTemplate {
  number: string;
  title: string;
  /** `dd/MM/yyyy` */
  issued: string;
  effective: string;
  issuer: string;
}

/**
 * What the generator needs to invent realistic procedures of one sector (lĩnh vực).
 * Codes follow the national pattern `G{ministry}-{abbreviation}{nn}`; those seen in
 * public data are G15-TP07 Hộ tịch, G15-TP03 Chứng thực, G15-TP10 Lý lịch tư pháp,
 * G13-TN02 Đất đai, G17-XD15 Xây dựng, G05-KD07/KD09/KD10; the rest are our reading.
 */
export interface SectorTemplate {
  code: string;
  name: string;
  /** Ministry group that publishes the sector's procedures, e.g. `G15`. */
  ministry: string;
  levels: readonly Level[];
  applicants: readonly ApplicantKind[];
  /** Typical time limits in working days. */
  days: readonly number[];
  /** Typical fees in đồng; empty when the sector's procedures are free. */
  fees: readonly number[];
  law: LawTemplate;
  /** The real implementing decree where we know it; otherwise one is invented per seed. */
  decree?: LawTemplate;
  /** Real procedure names, each `name|result` (the paper the applicant gets back). */
  procedures: readonly string[];
  /** Suffixes that make real variants of a name ("có yếu tố nước ngoài"). */
  qualifiers?: readonly string[];
  /** Papers the sector's dossiers typically require, besides the application form. */
  papers: readonly string[];
}

export function law(number: string, title: string, issued: string, effective: string, issuer = 'Quốc hội'): LawTemplate {
  return { number, title, issued, effective, issuer };
}
