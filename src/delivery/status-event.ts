import { vietnamDayOfMs } from '../domain';
import type { DossierChange as NotificationChange } from '../notifications';
import type { DossierChange } from '../store';

/** A change of a dossier's national status, as every consumer of the change log receives it. */
export interface StatusChangeEvent {
  /** The change log's sequence number: unique, and increasing in the order changes were recorded. */
  seq: number;
  code: string;
  /** The dossier's version after the change; (code, version) names the change too. */
  version: number;
  /** The processing agency's full code. */
  agencyCode: string;
  /** Null for a dossier seen for the first time. */
  oldStatus: number | null;
  newStatus: number;
  /** When the gateway recorded the change. */
  at: Date;
}

/** The registration day in a dossier code, `{agency}-{yyMMdd}-{sequence}`, as a Vietnam-time day number; null when it holds none. */
export function dayOfDossierCode(code: string): number | null {
  const match = /-(\d{2})(\d{2})(\d{2})-\d+$/.exec(code.trim());
  if (!match) return null;
  const [, yy, mm, dd] = match as unknown as [string, string, string, string];
  const ms = Date.UTC(2000 + Number(yy), Number(mm) - 1, Number(dd));
  const date = new Date(ms);
  if (date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) return null;
  return ms / 86_400_000;
}

/**
 * The status-change event of one entry of the change log, or null when it is none: the
 * national status did not change (a correction, a new appointment) or became unmapped;
 * or the dossier was seen for the first time and registered more than `newDossierWindowDays`
 * days before (or on a day its code does not tell): that is the gateway reading a
 * province's history, on its first sync or after a re-read, not news. A new dossier is
 * recognised by its code's date so that no record has to be read to tell.
 */
export function statusEventOf(change: DossierChange, { newDossierWindowDays }: { newDossierWindowDays: number }): StatusChangeEvent | null {
  if (change.newStatus === null || change.newStatus === change.oldStatus) return null;
  if (change.kind === 'created') {
    const registered = dayOfDossierCode(change.code);
    if (registered === null) return null;
    const age = vietnamDayOfMs(change.at.getTime()) - registered;
    if (age > newDossierWindowDays || age < -1) return null;
  }
  return { seq: change.seq, code: change.code, version: change.version, agencyCode: change.agencyCode, oldStatus: change.oldStatus, newStatus: change.newStatus, at: change.at };
}

/** The event as `src/notifications` takes a change (templates, the send decision, webhook bodies). */
export function toNotificationChange(event: Pick<StatusChangeEvent, 'code' | 'version' | 'agencyCode' | 'oldStatus' | 'at'> & { newStatus: number | null }): NotificationChange {
  return { dossierCode: event.code, version: event.version, oldStatus: event.oldStatus, newStatus: event.newStatus, agencyCode: event.agencyCode, at: event.at.toISOString() };
}
