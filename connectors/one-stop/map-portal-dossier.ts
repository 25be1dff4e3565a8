import type { ApplicantKind, ChannelKind, DossierRecord, DossierStepRecord, IdentityKind } from '../../src/domain';
import { readAmount, readList, readObject, readText, readVietnamDateTime } from '../kit';
import type { StatusMapper } from './map-status';
import { readIdentityNumber } from './read-identity-number';
import { readPhoneNumber } from './read-phone-number';
import { resolveDossierAgency } from './resolve-dossier-agency';

const CHANNELS: Record<string, ChannelKind> = { '1': 'IN_PERSON', '2': 'ONLINE', '3': 'POSTAL' };
const APPLICANT_KINDS: Record<string, ApplicantKind> = { '1': 'CITIZEN', '2': 'BUSINESS', '3': 'STATE_AGENCY', '4': 'OTHER_ORGANISATION' };
const IDENTITY_KINDS: Record<string, IdentityKind> = { '1': 'CCCD', '2': 'CMND' };

/**
 * Maps a dossier under the national portal's keys (docs/sources.md §2 "motcua", §4) to the
 * gateway's DossierRecord. The motcua and soap dialects both carry it. Values are meant to
 * be strings, "" for none, dates `yyyyMMddHHmmss` in Vietnam time; what arrives also has
 * keys missing, nulls, numbers (identity and phone numbers that lost their leading zeros
 * on the way, see readIdentityNumber and readPhoneNumber), a lone object where a list
 * belongs, and dates in other shapes (readVietnamDateTime; one it cannot read is null and
 * the dossier is kept). A dossier without `DonViXuLy` takes its agency from its code (see
 * resolveDossierAgency). Returns null without a dossier code.
 */
export function mapPortalDossier(raw: unknown, source: string, mapStatus: StatusMapper): DossierRecord | null {
  const r = readObject(raw);
  const code = readText(r.MaHoSo);
  if (code === null) return null;
  const identities = readList(r.DinhDanhCHS).map(readObject);
  const identity = identities.find((i) => readIdentityNumber(i.SoDinhDanh) !== null);
  const idNumber = readIdentityNumber(identity?.SoDinhDanh) ?? readIdentityNumber(r.SoGiayToChuHoSo);
  const agency = resolveDossierAgency(code, readText(r.DonViXuLy));
  const idKindCode = readText(identity?.LoaiDinhDanh);
  const steps = r.QuaTrinhXuLy === undefined ? null : readList(r.QuaTrinhXuLy).map(mapPortalStep);
  return {
    code,
    source,
    procedureCode: readText(r.MaTTHC),
    procedureName: readText(r.TenTTHC),
    sector: readText(r.MaLinhVuc) ? { code: readText(r.MaLinhVuc)!, name: readText(r.TenLinhVuc) } : null,
    applicant: {
      name: readText(r.ChuHoSo),
      kind: APPLICANT_KINDS[readText(r.LoaiDoiTuong) ?? ''] ?? null,
      idNumber,
      idKind: idKindCode ? (IDENTITY_KINDS[idKindCode] ?? null) : idNumber?.length === 12 ? 'CCCD' : idNumber?.length === 9 ? 'CMND' : null,
      phone: readPhoneNumber(r.SoDienThoai),
      email: readText(r.Email),
      address: readText(r.DiaChi) ?? readText(r.DiaChiChuHoSo),
    },
    agencyCode: agency.code,
    agencyName: agency.from === 'record' ? readText(r.TenDonViXuLy) : null,
    channel: CHANNELS[readText(r.KenhThucHien) ?? ''] ?? null,
    status: mapStatus(readText(r.TrangThaiHoSo) ?? '', readText(r.TenTrangThaiHoSo)),
    receiptNumber: readText(r.SoBienNhan),
    summary: readText(r.TrichYeuHoSo),
    submittedAt: readVietnamDateTime(r.NgayNopHoSo),
    receivedAt: readVietnamDateTime(r.NgayTiepNhan),
    appointmentAt: readVietnamDateTime(r.NgayHenTra),
    finishedAt: readVietnamDateTime(r.NgayKetThucXuLy),
    returnedAt: readVietnamDateTime(r.NgayTra),
    updatedAt: readVietnamDateTime(r.NgayCapNhat),
    steps,
    fees: readList(r.DanhSachLePhi).map((item) => {
      const f = readObject(item);
      return { code: readText(f.MaPhiLePhi), name: readText(f.TenPhiLePhi), amount: readAmount(f.Gia), kind: readText(f.LoaiPhiLePhi) };
    }),
    submittedPapers: readList(r.TaiLieuNop)
      .map(readObject)
      .filter((p) => !/^(true|1)$/i.test(readText(p.IsDeleted) ?? ''))
      .map((p) => ({ code: readText(p.MaThanhPhanHoSo), name: readText(p.TenTepDinhKem), fileName: readText(p.TenTepDinhKem), url: readText(p.DuongDanTaiTepTin) })),
    resultPapers: readList(r.DanhSachGiayToKetQua).map((item) => {
      const p = readObject(item);
      return { code: readText(p.MaGiayToKetQua) ?? readText(p.MaThanhPhanHoSo), name: readText(p.TenGiayTo), fileName: null, url: readText(p.DuongDanTepTinKetQua) };
    }),
  };
}

/** A processing step under the portal's keys (CapNhatTienDoHoSoMC's `data` item). */
export function mapPortalStep(raw: unknown): DossierStepRecord {
  const s = readObject(raw);
  return {
    handler: readText(s.NguoiXuLy),
    position: readText(s.ChucDanh),
    department: readText(s.PhongBanXuLy),
    content: readText(s.NoiDungXuLy),
    status: readText(s.TrangThai),
    startedAt: readVietnamDateTime(s.NgayBatDau) ?? readVietnamDateTime(s.ThoiDiemXuLy),
    finishedAt: readVietnamDateTime(s.ThoiDiemXuLy),
    dueAt: readVietnamDateTime(s.NgayKetThucTheoQuyDinh),
  };
}
