import type { ChannelKind, CodeName } from './procedure';

/** Who applies (LoaiDoiTuong): 1 citizen, 2 business, 3 state agency, 4 other organisation. */
export type ApplicantKind = 'CITIZEN' | 'BUSINESS' | 'STATE_AGENCY' | 'OTHER_ORGANISATION';

/** Kind of personal identifier (LoaiDinhDanh): 1 = 12-digit CCCD, 2 = 9-digit CMND. */
export type IdentityKind = 'CCCD' | 'CMND';

/**
 * The gateway's own model of a dossier (hồ sơ), whatever the vendor. Instants are ISO
 * 8601 strings with the Vietnam offset (`2024-03-15T08:30:00+07:00`), as the sources mean
 * them, so nothing drifts between formats.
 */
export interface DossierRecord {
  /** Dossier code (MaHoSo), `{agency code}-{yyMMdd}-{4-digit sequence}`. */
  code: string;
  /** The configured source (province) it came from. */
  source: string;
  /** Procedure code as the province sent it: national or a local variant. */
  procedureCode: string | null;
  procedureName: string | null;
  sector: CodeName | null;
  applicant: ApplicantRecord;
  /** The processing agency's code (DonViXuLy / agency.code). */
  agencyCode: string | null;
  agencyName: string | null;
  channel: ChannelKind | null;
  status: DossierStatusRecord;
  receiptNumber: string | null;
  summary: string | null;
  /** When the applicant submitted it (NgayNopHoSo / appliedDate). */
  submittedAt: string | null;
  /** When the one-stop desk received it (NgayTiepNhan / acceptedDate); null until then, and for refused ones. */
  receivedAt: string | null;
  appointmentAt: string | null;
  /** When processing finished (NgayKetThucXuLy / completedDate). */
  finishedAt: string | null;
  /** When the result was handed back (NgayTra). */
  returnedAt: string | null;
  updatedAt: string | null;
  /** Processing steps, or null when the source lists them separately and they were not read yet. */
  steps: DossierStepRecord[] | null;
  fees: DossierFeeRecord[];
  submittedPapers: DossierPaperRecord[];
  resultPapers: DossierPaperRecord[];
}

export interface ApplicantRecord {
  name: string | null;
  kind: ApplicantKind | null;
  idNumber: string | null;
  idKind: IdentityKind | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/**
 * A status on the national table (1–10), with the vendor's own code kept. `code` is null
 * when the deployment's status table has no mapping for `vendorCode`: reported, never guessed.
 */
export interface DossierStatusRecord {
  code: number | null;
  vendorCode: string;
  vendorLabel: string | null;
}

export interface DossierStepRecord {
  handler: string | null;
  position: string | null;
  department: string | null;
  content: string | null;
  status: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  dueAt: string | null;
}

export interface DossierFeeRecord {
  code: string | null;
  name: string | null;
  amount: number | null;
  kind: string | null;
}

export interface DossierPaperRecord {
  code: string | null;
  name: string | null;
  fileName: string | null;
  url: string | null;
}

/** The national dossier status table (docs/sources.md §2), code → Vietnamese label. */
export const DOSSIER_STATUS_LABELS: Readonly<Record<number, string>> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};
