import type { Dossier, DossierStep } from '../types';

/**
 * A dossier under the national portal's keys (docs/sources.md §4), every value a string and
 * "none" an empty string: the record the motcua dialect serves as JSON and the soap
 * dialect as XML elements. Lists keep the portal's item keys.
 */
export interface PortalRecord {
  MaHoSo: string;
  SoBienNhan: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  KenhThucHien: string;
  ChuHoSo: string;
  LoaiDoiTuong: string;
  SoGiayToChuHoSo: string;
  DinhDanhCHS: Array<{ LoaiDinhDanh: string; SoDinhDanh: string }>;
  SoDienThoai: string;
  Email: string;
  TrichYeuHoSo: string;
  NgayNopHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  NgayKetThucXuLy: string;
  NgayTra: string;
  NgayTuChoi: string;
  TrangThaiHoSo: string;
  DonViXuLy: string;
  TaiLieuNop: PortalAttachment[];
  DanhSachLePhi: PortalFee[];
  DanhSachGiayToKetQua: PortalResult[];
}

export interface PortalAttachment {
  TepDinhKemId: string;
  TenTepDinhKem: string;
  IsDeleted: string;
  MaThanhPhanHoSo: string;
  DuongDanTaiTepTin: string;
  DuocSoHoa: string;
  DuocTaiSuDung: string;
  DuocLayTuKhoDMQG: string;
  MaKetQuaThayThe: string;
}

export interface PortalFee {
  TenPhiLePhi: string;
  MaPhiLePhi: string;
  /** HinhThucThu (our reading): "1" paid at the desk, "2" paid online. */
  HinhThucThu: string;
  Gia: string;
  LoaiPhiLePhi: string;
}

export interface PortalResult {
  TenGiayTo: string;
  MaThanhPhanHoSo: string;
  GiayToId: string;
  DuongDanTepTinKetQua: string;
  MaGiayToKetQua: string;
}

export interface PortalStep {
  MaHoSo: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  TrangThai: string;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string;
}

/** Writes an ISO instant in the dialect's date format; "" for none. */
export type PortalDateFormat = (iso: string | null) => string;

/**
 * The portal record of a dossier. Status is the national code (TrangThaiHoSo "1"–"10");
 * MaTTHC is the code as the province records it, a local variant included.
 */
export function toPortalRecord(dossier: Dossier, date: PortalDateFormat): PortalRecord {
  const fileId = (url: string): string => /([0-9a-f]{24})(?:\.[a-z]+)?$/.exec(url)?.[1] ?? '';
  return {
    MaHoSo: dossier.code,
    SoBienNhan: dossier.receiptNumber,
    MaTTHC: dossier.procedureCode,
    TenTTHC: dossier.procedureName,
    MaLinhVuc: dossier.sectorCode,
    TenLinhVuc: dossier.sectorName,
    KenhThucHien: String(dossier.channel),
    ChuHoSo: dossier.applicant.fullName,
    LoaiDoiTuong: String(dossier.applicantType),
    SoGiayToChuHoSo: dossier.applicant.identityNumber,
    DinhDanhCHS: [{ LoaiDinhDanh: String(dossier.applicant.identityType), SoDinhDanh: dossier.applicant.identityNumber }],
    SoDienThoai: dossier.applicant.phone,
    Email: dossier.applicant.email ?? '',
    TrichYeuHoSo: dossier.summary,
    NgayNopHoSo: date(dossier.submittedAt),
    NgayTiepNhan: date(dossier.receivedAt),
    NgayHenTra: date(dossier.appointmentAt),
    NgayKetThucXuLy: date(dossier.finishedAt),
    NgayTra: date(dossier.returnedAt),
    NgayTuChoi: dossier.status === 3 ? date(dossier.finishedAt) : '',
    TrangThaiHoSo: String(dossier.status),
    DonViXuLy: dossier.agencyCode,
    TaiLieuNop: dossier.submittedPapers.map((paper) => ({
      TepDinhKemId: fileId(paper.url),
      TenTepDinhKem: paper.fileName,
      IsDeleted: 'False',
      MaThanhPhanHoSo: paper.code,
      DuongDanTaiTepTin: paper.url,
      DuocSoHoa: dossier.channel === 2 ? '0' : '1',
      DuocTaiSuDung: '0',
      DuocLayTuKhoDMQG: '0',
      MaKetQuaThayThe: '',
    })),
    DanhSachLePhi: dossier.fees.map((fee) => ({
      TenPhiLePhi: fee.name,
      MaPhiLePhi: fee.code,
      HinhThucThu: dossier.paymentMethod === 'online' ? '2' : '1',
      Gia: String(fee.amount),
      LoaiPhiLePhi: String(fee.kind),
    })),
    DanhSachGiayToKetQua: dossier.resultPapers.map((paper) => ({
      TenGiayTo: paper.name,
      MaThanhPhanHoSo: paper.code,
      GiayToId: fileId(paper.url),
      DuongDanTepTinKetQua: paper.url,
      MaGiayToKetQua: '',
    })),
  };
}

/** The processing steps under the portal's step keys; ThoiDiemXuLy is when the step was done, or began if still open. */
export function toPortalSteps(dossier: Dossier, date: PortalDateFormat): PortalStep[] {
  return dossier.steps.map((step: DossierStep) => ({
    MaHoSo: dossier.code,
    NguoiXuLy: step.handler,
    ChucDanh: step.position,
    ThoiDiemXuLy: date(step.end ?? step.start),
    PhongBanXuLy: step.department,
    NoiDungXuLy: step.content,
    TrangThai: step.status,
    NgayBatDau: date(step.start),
    NgayKetThucTheoQuyDinh: date(step.deadlineByRule),
  }));
}
