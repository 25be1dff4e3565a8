import type { DossierStepRecord } from '../../src/domain';
import { formatPortalDateTime } from './format-portal-date-time';

/** A processing step as `CapNhatTienDoHoSoMC` takes it (docs/sources.md §4): every value a string, "" for none. */
export interface PortalStep {
  MaHoSo: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  /** The national status 1–10 of the dossier during the step. */
  TrangThai: string;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string;
}

/**
 * Maps one step of a dossier to the portal's step, or says why the portal could not take
 * it: the portal requires who handled it (NguoiXuLy), when (ThoiDiemXuLy: when it was
 * finished, or began while open) and a national status 1–10 (TrangThai). A step whose
 * status is a vendor's own word (`"Đang xử lý"`) is not translated: which national code
 * it means is the province's mapping to make, never this connector's guess.
 */
export function mapPortalStep(step: DossierStepRecord, dossierCode: string): { step: PortalStep } | { reason: string } {
  const handler = step.handler?.trim();
  if (!handler) return { reason: 'no handler (NguoiXuLy), which the portal requires' };
  const status = step.status?.trim() ?? '';
  if (!/^([1-9]|10)$/.test(status)) return { reason: `status ${JSON.stringify(step.status)} is not a national status 1–10 (TrangThai)` };
  const time = step.finishedAt ?? step.startedAt;
  if (time === null) return { reason: 'no time (ThoiDiemXuLy), which the portal requires' };
  const dates = { ThoiDiemXuLy: time, NgayBatDau: step.startedAt, NgayKetThucTheoQuyDinh: step.dueAt };
  const formatted: Record<string, string> = {};
  for (const [key, value] of Object.entries(dates)) {
    const text = value === null ? '' : formatPortalDateTime(value);
    if (text === null) return { reason: `${key} ${JSON.stringify(value)} is not an instant` };
    formatted[key] = text;
  }
  return {
    step: {
      MaHoSo: dossierCode,
      NguoiXuLy: handler,
      ChucDanh: step.position?.trim() ?? '',
      ThoiDiemXuLy: formatted.ThoiDiemXuLy!,
      PhongBanXuLy: step.department?.trim() ?? '',
      NoiDungXuLy: step.content?.trim() ?? '',
      TrangThai: status,
      NgayBatDau: formatted.NgayBatDau!,
      NgayKetThucTheoQuyDinh: formatted.NgayKetThucTheoQuyDinh!,
    },
  };
}
