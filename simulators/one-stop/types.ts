import type { RawAgency } from '../national-procedures/types';

/** The national dossier status table (docs/sources.md §2): 1 Mới đăng ký … 10 Đã trả kết quả. */
export type NationalStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** KenhThucHien: 1 in person, 2 online, 3 public postal service. */
export type Channel = 1 | 2 | 3;

/** LoaiDoiTuong: 1 citizen, 2 business, 3 state agency, 4 other organisation. */
export type ApplicantType = 1 | 2 | 3 | 4;

/** How the applicant takes the result (our reading): 1 at the desk, 2 by public post, 3 online. */
export type ResultDelivery = 1 | 2 | 3;

/** One procedure of the national catalogue, as the caller hands it to the generator. */
export interface ProcedureInput {
  /** National code, e.g. `1.001193`. */
  code: string;
  name: string;
  sectorCode: string;
  sectorName: string;
}

export interface Address {
  /** Thôn, xóm, tổ dân phố or street: `Thôn Đông Hòa`, `Số 12 Lê Lợi`. */
  village: string;
  /** With its kind in lower case: `xã Hoằng Đạo`, `phường Lê Lợi`. */
  commune: string;
  /** `huyện Hoằng Hóa`, `thành phố Thanh Hóa`. */
  district: string;
  /** `tỉnh Thanh Hóa`. */
  province: string;
  /** The four parts joined: `Thôn Đông Hòa, xã Hoằng Đạo, huyện Hoằng Hóa, tỉnh Thanh Hóa`. */
  full: string;
}

export interface Applicant {
  fullName: string;
  gender: 'male' | 'female';
  /** `yyyy-MM-dd`. */
  birthDate: string;
  /** 12-digit CCCD: province of birth (3), century and sex (1), year (2), serial (6). */
  identityNumber: string;
  /** LoaiDinhDanh: always 1 (CCCD) in this data. */
  identityType: 1;
  /** `yyyy-MM-dd`. */
  identityIssuedDate: string;
  /** 10 digits, `03…`, `05…`, `07…`, `08…` or `09…`. */
  phone: string;
  /** Null when the applicant gave none. */
  email: string | null;
  address: Address;
}

/** One processing step (QuaTrinhXuLy), oldest first. */
export interface DossierStep {
  /** NguoiXuLy: the officer (or, for an online submission, the applicant). */
  handler: string;
  /** ChucDanh. */
  position: string;
  /** PhongBanXuLy. */
  department: string;
  /** NoiDungXuLy. */
  content: string;
  /**
   * TrangThai: the national status code of the dossier during this step, as a string
   * (`"2"` at reception, `"4"` while processed, `"10"` when returned), as real
   * synchronisation code fills it (our reading).
   */
  status: string;
  /** NgayBatDau, ISO with `+07:00`. */
  start: string;
  /** When the step was done; null while it is the current step. */
  end: string | null;
  /** NgayKetThucTheoQuyDinh; null when the dossier was never accepted. */
  deadlineByRule: string | null;
}

export interface DossierFee {
  name: string;
  code: string;
  /** In đồng. */
  amount: number;
  /** LoaiPhiLePhi (our reading): 1 phí (fee), 2 lệ phí (charge). */
  kind: 1 | 2;
}

export interface DossierPaper {
  code: string;
  name: string;
  fileName: string;
  url: string;
}

/**
 * A dossier (hồ sơ) as the simulated one-stop system holds it: the truth every dialect
 * renders in its own format and tests assert against. Instants are ISO 8601 strings with
 * the Vietnam offset and whole seconds (`2024-03-15T08:30:00+07:00`).
 */
export interface Dossier {
  /** `{agency code}-{yyMMdd}-{nnnn}`: the day it was first listed (received, or submitted online when never received) and its place among that day's dossiers of the province, from 0001. Never changes. */
  code: string;
  /** SoBienNhan: the receipt number, here the code itself. */
  receiptNumber: string;
  /** As the province records it: the national code or a local variant (`1.003560.000.00.00.H56`, `2.002621.H56`). */
  procedureCode: string;
  /** The national code `procedureCode` stands for. */
  nationalProcedureCode: string;
  procedureName: string;
  sectorCode: string;
  sectorName: string;
  /** Mức độ of the online service: 2, 3 or 4. */
  serviceLevel: 2 | 3 | 4;
  /** Time limit in working days. */
  processingDays: number;
  /** TrichYeuHoSo. */
  summary: string;
  applicant: Applicant;
  applicantType: ApplicantType;
  /** The business or organisation the applicant acts for (types 2–4), else null. */
  organizationName: string | null;
  /** The processing agency: a province department, a district or a commune. */
  agencyCode: string;
  agencyName: string;
  /** 1 province (department), 2 district, 3 commune. */
  agencyLevel: 1 | 2 | 3;
  /** The officer who accepted it; null when it was never accepted (status 1 and 3). */
  accepter: string | null;
  channel: Channel;
  resultDelivery: ResultDelivery;
  /** How fees are paid; null when the procedure is free. */
  paymentMethod: 'direct' | 'online' | null;
  status: NationalStatus;
  /**
   * Status 4 dossiers whose deadline extension awaits approval: a stage real systems
   * have and the national table does not. The igate dialect serves them with a vendor
   * status its table leaves unmapped; the other dialects say "4".
   */
  awaitingExtension: boolean;
  /** When the applicant handed it in (NgayNopHoSo / appliedDate). */
  submittedAt: string;
  /** When the desk accepted it (NgayTiepNhan); null for status 1 (not yet) and 3 (refused). */
  receivedAt: string | null;
  /** NgayHenTra: received + processingDays working days; null when never accepted. */
  appointmentAt: string | null;
  /** When processing ended (NgayKetThucXuLy): done, refused, withdrawn or stopped. */
  finishedAt: string | null;
  /** When the result was handed back (NgayTra); status 10 only. */
  returnedAt: string | null;
  /** The latest instant anything happened to it; a silent correction does not move it. */
  updatedAt: string;
  steps: DossierStep[];
  fees: DossierFee[];
  submittedPapers: DossierPaper[];
  /** Status 9 and 10 only. */
  resultPapers: DossierPaper[];
}

export interface GenerateDossiersOptions {
  seed: number;
  /** Level-1 group of the province, e.g. `H56`. */
  provinceCode: string;
  /** The national directory (generateAgencies); the province's departments, districts and communes are used. */
  agencies: readonly RawAgency[];
  /** Procedures drawn from the national catalogue. */
  procedures: readonly ProcedureInput[];
  /** @default 20000 */
  count?: number;
  /** "Now" for the data. @default 2026-11-01T09:00:00+07:00 */
  now?: Date;
}
