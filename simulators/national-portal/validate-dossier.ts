import { PORTAL_ERROR_CODES, type PortalRefusal } from './portal-reply';
import { isAgencyCode, isDossierCode, isNationalProcedureCode, isNationalStatus, isPortalDateTime } from './portal-values';
import { findMissing, findNonStringValue, invalid, textOf } from './read-record';

/** Keys whose value is a list of objects; every other value is a string. */
const LIST_KEYS = ['DinhDanhCHS', 'TaiLieuNop', 'DanhSachLePhi', 'DanhSachGiayToKetQua', 'DanhSachHoSoBoSung', 'DanhSachTepDinhKemKhac', 'DSKetNoiCSDL'];

/** Required in every dossier (our reading; see README "Validation"). */
const ALWAYS_REQUIRED = ['MaHoSo', 'MaTTHC', 'TenTTHC', 'MaLinhVuc', 'TenLinhVuc', 'SoGiayToChuHoSo', 'LoaiDoiTuong', 'TrangThaiHoSo', 'DonViXuLy', 'NgayNopHoSo'];

/** Dates, checked wherever they are not blank. */
const DATE_KEYS = ['NgayNopHoSo', 'NgayTiepNhan', 'NgayHenTra', 'NgayKetThucXuLy', 'NgayTra', 'NgayTuChoi'];

/** Statuses of a dossier the desk has received (all but 1 Mới đăng ký, 3 Không được tiếp nhận, 7 rút hồ sơ). */
const RECEIVED = new Set(['2', '4', '5', '6', '8', '9', '10']);

/** What each status requires beyond ALWAYS_REQUIRED. */
function requiredFor(status: string): string[] {
  const keys: string[] = [];
  if (RECEIVED.has(status)) keys.push('NgayTiepNhan');
  if (status === '3') keys.push('NgayTuChoi');
  if (status === '9' || status === '10') keys.push('NgayKetThucXuLy');
  if (status === '10') keys.push('NgayTra');
  return keys;
}

/**
 * Checks one `DongBoHoSoMC` data item as the portal does (our reading, README
 * "Validation"), in a fixed order, and answers the first problem as the portal's
 * `{error_code, error_message}`; null when the record is acceptable. Never throws.
 */
export function validateDossier(item: unknown, procedureCodes: ReadonlySet<string>): PortalRefusal | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { code: PORTAL_ERROR_CODES.malformedData, message: 'Dữ liệu đồng bộ không hợp lệ: mỗi phần tử của data phải là một hồ sơ' };
  }
  const record = item as Record<string, unknown>;
  const problem =
    findNonStringValue(record, LIST_KEYS) ??
    findMissing(record, ALWAYS_REQUIRED) ??
    checkDossierCode(textOf(record, 'MaHoSo')!) ??
    checkStatus(textOf(record, 'TrangThaiHoSo')!) ??
    findMissing(record, requiredFor(textOf(record, 'TrangThaiHoSo')!)) ??
    checkDates(record, DATE_KEYS) ??
    checkProcedure(textOf(record, 'MaTTHC')!, procedureCodes) ??
    checkCodes(record) ??
    checkIdentities(record) ??
    checkLists(record);
  return problem;
}

/** MaHoSo's shape (error_code 14); shared with the look-up and the steps. */
export function checkDossierCode(code: string): PortalRefusal | null {
  return isDossierCode(code)
    ? null
    : { code: PORTAL_ERROR_CODES.invalidDossierCode, message: `Mã hồ sơ không đúng định dạng {mã đơn vị}-{yyMMdd}-{số thứ tự}: "${code}"` };
}

/** A national status `1`…`10` under `key` (error_code 13). */
export function checkStatus(status: string, key = 'TrangThaiHoSo'): PortalRefusal | null {
  return isNationalStatus(status) ? null : { code: PORTAL_ERROR_CODES.invalidStatus, message: `Trạng thái không hợp lệ ở trường ${key}: "${status}" (phải từ 1 đến 10)` };
}

/** Every non-blank date of `keys` is `yyyyMMddHHmmss` and a real instant (error_code 11). */
export function checkDates(record: Record<string, unknown>, keys: readonly string[], path = ''): PortalRefusal | null {
  for (const key of keys) {
    const value = textOf(record, key);
    if (value !== null && !isPortalDateTime(value)) {
      return { code: PORTAL_ERROR_CODES.invalidDate, message: `Trường ${path}${key} không đúng định dạng ngày giờ yyyyMMddHHmmss: "${value}"` };
    }
  }
  return null;
}

function checkProcedure(code: string, procedureCodes: ReadonlySet<string>): PortalRefusal | null {
  if (isNationalProcedureCode(code) && procedureCodes.has(code)) return null;
  return { code: PORTAL_ERROR_CODES.unknownProcedure, message: `Mã thủ tục hành chính ${code} không có trong CSDLQG về TTHC` };
}

function checkCodes(record: Record<string, unknown>): PortalRefusal | null {
  const channel = textOf(record, 'KenhThucHien');
  if (channel !== null && !['1', '2', '3'].includes(channel)) return invalid(`KenhThucHien phải là 1, 2 hoặc 3, nhận được "${channel}"`);
  const applicant = textOf(record, 'LoaiDoiTuong')!;
  if (!['1', '2', '3', '4'].includes(applicant)) return invalid(`LoaiDoiTuong phải là 1, 2, 3 hoặc 4, nhận được "${applicant}"`);
  const agency = textOf(record, 'DonViXuLy')!;
  if (!isAgencyCode(agency)) return invalid(`DonViXuLy phải là mã định danh của cơ quan, nhận được "${agency}"`);
  return null;
}

/** DinhDanhCHS: required for a citizen (LoaiDoiTuong 1); each entry 1 + 12 digits (CCCD) or 2 + 9 digits (CMND). */
function checkIdentities(record: Record<string, unknown>): PortalRefusal | null {
  const identities = (record.DinhDanhCHS ?? []) as Array<Record<string, unknown>>;
  if (identities.length === 0) {
    return textOf(record, 'LoaiDoiTuong') === '1' ? { code: PORTAL_ERROR_CODES.missingValue, message: 'Thiếu thông tin bắt buộc: DinhDanhCHS' } : null;
  }
  for (const [i, identity] of identities.entries()) {
    const missing = findMissing(identity, ['LoaiDinhDanh', 'SoDinhDanh'], `DinhDanhCHS[${i}].`);
    if (missing) return missing;
    const kind = textOf(identity, 'LoaiDinhDanh')!;
    const number = textOf(identity, 'SoDinhDanh')!;
    const digits = kind === '1' ? 12 : kind === '2' ? 9 : 0;
    if (digits === 0) return invalid(`DinhDanhCHS[${i}].LoaiDinhDanh phải là 1 (CCCD) hoặc 2 (CMND), nhận được "${kind}"`);
    if (!new RegExp(`^\\d{${digits}}$`).test(number)) return invalid(`DinhDanhCHS[${i}].SoDinhDanh phải có ${digits} chữ số khi LoaiDinhDanh là ${kind}, nhận được "${number}"`);
  }
  return null;
}

function checkLists(record: Record<string, unknown>): PortalRefusal | null {
  const items = (key: string): Array<Record<string, unknown>> => (record[key] ?? []) as Array<Record<string, unknown>>;
  for (const [i, paper] of items('TaiLieuNop').entries()) {
    const problem = findMissing(paper, ['TenTepDinhKem', 'DuongDanTaiTepTin'], `TaiLieuNop[${i}].`);
    if (problem) return problem;
  }
  for (const [i, fee] of items('DanhSachLePhi').entries()) {
    const problem = findMissing(fee, ['TenPhiLePhi', 'Gia'], `DanhSachLePhi[${i}].`);
    if (problem) return problem;
    const amount = textOf(fee, 'Gia')!;
    if (!/^\d+$/.test(amount)) return invalid(`DanhSachLePhi[${i}].Gia phải là số tiền bằng chữ số, nhận được "${amount}"`);
    const kind = textOf(fee, 'LoaiPhiLePhi');
    if (kind !== null && kind !== '1' && kind !== '2') return invalid(`DanhSachLePhi[${i}].LoaiPhiLePhi phải là 1 (phí) hoặc 2 (lệ phí), nhận được "${kind}"`);
  }
  for (const [i, result] of items('DanhSachGiayToKetQua').entries()) {
    const problem = findMissing(result, ['TenGiayTo'], `DanhSachGiayToKetQua[${i}].`);
    if (problem) return problem;
  }
  return null;
}
