import type { Dossier, NationalStatus } from '../types';

/** One of iGate's own dossier statuses (dossierStatus) and the national code it stands for. */
export interface IgateStatus {
  code: number;
  /** Vietnamese label, as dossierTaskStatus names it. */
  name: string;
  /** English label; null where deployments leave it out. */
  nameEn: string | null;
  /** The national code, or null for a stage the national table has no word for. */
  national: NationalStatus | null;
}

/**
 * iGate's status integers (our reading of a deployment's table). 10, "Chờ phê duyệt gia
 * hạn" (deadline extension awaiting approval), is a real stage with no national code: a
 * gateway must report it as unmapped rather than guess.
 */
export const IGATE_STATUSES: readonly IgateStatus[] = [
  { code: 0, name: 'Chờ tiếp nhận', nameEn: 'Waiting for reception', national: 1 },
  { code: 1, name: 'Đã tiếp nhận', nameEn: 'Received', national: 2 },
  { code: 2, name: 'Đang xử lý', nameEn: 'In progress', national: 4 },
  { code: 3, name: 'Chờ bổ sung', nameEn: 'Waiting for additional papers', national: 5 },
  { code: 4, name: 'Dừng xử lý', nameEn: 'Stopped', national: 8 },
  { code: 5, name: 'Đã có kết quả', nameEn: 'Result available', national: 9 },
  { code: 6, name: 'Đã trả kết quả', nameEn: 'Result returned', national: 10 },
  { code: 7, name: 'Đã hủy', nameEn: 'Cancelled', national: 7 },
  { code: 8, name: 'Từ chối tiếp nhận', nameEn: 'Refused', national: 3 },
  { code: 9, name: 'Chờ thanh toán', nameEn: 'Waiting for payment', national: 6 },
  { code: 10, name: 'Chờ phê duyệt gia hạn', nameEn: null, national: null },
];

/**
 * iGate status integer → national code, for the gateway's per-deployment config. Status
 * 10 is deliberately absent (see IGATE_STATUSES).
 */
export const IGATE_STATUS_TABLE: Readonly<Record<string, NationalStatus>> = Object.fromEntries(
  IGATE_STATUSES.flatMap((status) => (status.national === null ? [] : [[String(status.code), status.national]])),
);

const BY_NATIONAL = new Map(IGATE_STATUSES.flatMap((status) => (status.national === null ? [] : [[status.national, status] as const])));
const AWAITING_EXTENSION = IGATE_STATUSES.find((status) => status.national === null) as IgateStatus;

/** The iGate status for a national code. */
export function igateStatusFor(national: NationalStatus): IgateStatus {
  return BY_NATIONAL.get(national) as IgateStatus;
}

/** The status iGate shows for a dossier: its national status, or 10 while an extension awaits approval. */
export function igateStatusOf(dossier: Dossier): IgateStatus {
  return dossier.awaitingExtension ? AWAITING_EXTENSION : igateStatusFor(dossier.status);
}
