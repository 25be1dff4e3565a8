import { PORTAL_ERROR_CODES, type PortalRefusal } from './portal-reply';
import { checkDates, checkDossierCode, checkStatus } from './validate-dossier';
import { findMissing, findNonStringValue, textOf } from './read-record';

/** Required in every step (our reading; see README "Validation"). */
const REQUIRED = ['MaHoSo', 'NguoiXuLy', 'ThoiDiemXuLy', 'TrangThai'];
const DATE_KEYS = ['ThoiDiemXuLy', 'NgayBatDau', 'NgayKetThucTheoQuyDinh'];

/**
 * Checks one `CapNhatTienDoHoSoMC` data item as the portal does: every value a string,
 * MaHoSo, NguoiXuLy, ThoiDiemXuLy and TrangThai present, the dossier code's shape, TrangThai
 * a national status 1–10, dates `yyyyMMddHHmmss`. Whether the portal holds the dossier is
 * checked by the caller. Null when acceptable. Never throws.
 */
export function validateStep(item: unknown, index: number): PortalRefusal | null {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { code: PORTAL_ERROR_CODES.malformedData, message: `Dữ liệu đồng bộ không hợp lệ: phần tử data[${index}] phải là một bước xử lý` };
  }
  const step = item as Record<string, unknown>;
  return (
    findNonStringValue(step, [], `data[${index}].`) ??
    findMissing(step, REQUIRED, `data[${index}].`) ??
    checkDossierCode(textOf(step, 'MaHoSo')!) ??
    checkStatus(textOf(step, 'TrangThai')!, `data[${index}].TrangThai`) ??
    checkDates(step, DATE_KEYS, `data[${index}].`)
  );
}
