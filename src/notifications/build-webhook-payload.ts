import { DOSSIER_STATUS_LABELS, type DossierRecord } from '../domain';
import type { DossierChange } from './decide-notifications';

/** The event an agency application receives when a dossier's national status changes. */
export interface DossierStatusChangedEvent {
  /** Unique per (change, subscriber): receivers de-duplicate on it. */
  id: string;
  type: 'dossier.status_changed';
  /** When the change was seen, ISO 8601. */
  occurredAt: string;
  data: {
    dossierCode: string;
    version: number;
    agencyCode: string | null;
    procedureCode: string | null;
    previousStatus: { code: number | null; label: string | null };
    status: { code: number | null; label: string | null };
    appointmentAt: string | null;
  };
}

/**
 * The webhook event of one dossier change, and the exact bytes to send and sign. It
 * carries the dossier's code, agency, procedure, statuses and appointment, never the
 * applicant: an application that needs personal data reads the dossier through the API
 * with `pii:read`, where it is audited. Keys come in a fixed order, so the same change
 * gives the same body on every retry.
 */
export function buildWebhookPayload(change: DossierChange, record: Pick<DossierRecord, 'procedureCode' | 'appointmentAt'>, eventId: string): { event: DossierStatusChangedEvent; body: string } {
  const status = (code: number | null) => ({ code, label: code === null ? null : (DOSSIER_STATUS_LABELS[code] ?? null) });
  const event: DossierStatusChangedEvent = {
    id: eventId,
    type: 'dossier.status_changed',
    occurredAt: change.at,
    data: {
      dossierCode: change.dossierCode,
      version: change.version,
      agencyCode: change.agencyCode,
      procedureCode: record.procedureCode,
      previousStatus: status(change.oldStatus),
      status: status(change.newStatus),
      appointmentAt: record.appointmentAt,
    },
  };
  return { event, body: JSON.stringify(event) };
}
