import type { DossierRecord } from '../domain';

/** National statuses of a dossier whose processing is finished: 9 processed, 10 result returned. */
export const FINISHED_STATUSES: ReadonlySet<number> = new Set([9, 10]);
/** Statuses of a dossier still being handled: registered, accepted, processing, papers or payment requested. */
export const OPEN_STATUSES: ReadonlySet<number> = new Set([1, 2, 4, 5, 6]);

export interface Timeliness {
  finished: boolean;
  open: boolean;
  /** True: finished no later than the appointment. False: finished late, or open past it. Null: not decidable yet. */
  onTime: boolean | null;
  /** Open and past the appointment. */
  overdue: boolean;
}

/**
 * On time the way provinces report it ("tỷ lệ hồ sơ trả trước và đúng hạn"): a finished
 * dossier is on time when processing ended (NgayKetThucXuLy, else the return date) no
 * later than the appointment (NgayHenTra); an open one is late once the appointment has
 * passed. Refused, withdrawn and stopped dossiers are neither.
 */
export function timelinessOf(dossier: DossierRecord, now: number = Date.now()): Timeliness {
  const status = dossier.status.code;
  const finished = status !== null && FINISHED_STATUSES.has(status);
  const open = status !== null && OPEN_STATUSES.has(status);
  const due = dossier.appointmentAt ? Date.parse(dossier.appointmentAt) : null;
  const end = dossier.finishedAt ?? dossier.returnedAt;
  if (finished) {
    const onTime = due === null || end === null ? null : Date.parse(end) <= due;
    return { finished, open, onTime, overdue: false };
  }
  const overdue = open && due !== null && now > due;
  return { finished, open, onTime: overdue ? false : null, overdue };
}
