import { createHash } from 'node:crypto';
import { agencyPath, parseAgencyCode, type DossierRecord } from '../domain';
import type { DossierClass, DossierFacts, DossierWrite, JsonObject } from '../store';
import { timelinessOf, vietnamDay } from './on-time';

/**
 * National statuses after which nothing more happens to a dossier but corrections:
 * returned (10), refused (3), withdrawn (7), stopped (8). Processed (9) is not among them:
 * the result is still to be returned. An unmapped status is never taken as settled.
 */
const SETTLED_STATUSES: ReadonlySet<number> = new Set([3, 7, 8, 10]);

/** The agency code at the start of a dossier code (`000.00.20.H56` of `000.00.20.H56-240315-0001`). */
export function agencyOfDossierCode(code: string): string {
  return code.trim().split('-')[0] ?? '';
}

/**
 * How a dossier counts in the published figures, fixed when it is written: finished on
 * time or late (`timelinessOf` with the day it is written; a finished dossier's class
 * never changes with time), open (whether it is overdue depends on the day of the
 * question, so the due day is kept instead), or neither.
 */
function classOf(record: DossierRecord): DossierClass {
  const timeliness = timelinessOf(record, 0);
  if (timeliness.finished) return timeliness.onTime ? 'ON_TIME' : 'LATE';
  return timeliness.open ? 'OPEN' : 'OTHER';
}

/**
 * The store's write of one dossier: its plain facts (what filters, order and figures
 * need, nothing personal) and the whole record. Returns null for a dossier whose agency
 * cannot be placed in the code hierarchy, neither from its own agency nor from its code:
 * jurisdiction depends on it, so such a record is never kept (the caller reports it).
 * `contentHash` digests the record as the connector mapped it (mappers build records with
 * a fixed key order), so the same data gives the same digest on every read.
 */
export function dossierWriteOf(record: DossierRecord, nationalCodeOf: (record: DossierRecord) => string | null): DossierWrite | null {
  const agencyCode = parseAgencyCode(record.agencyCode ?? '')?.code ?? parseAgencyCode(agencyOfDossierCode(record.code))?.code ?? null;
  const parsed = agencyCode === null ? null : parseAgencyCode(agencyCode);
  if (!parsed) return null;
  const json = JSON.stringify(record);
  const listed = record.receivedAt ?? record.submittedAt;
  const facts: DossierFacts = {
    code: record.code,
    source: record.source,
    agencyCode: parsed.code,
    agencyPaths: [agencyPath(parsed, 1), agencyPath(parsed, 2), agencyPath(parsed, 3), agencyPath(parsed, 4)],
    listedMs: listed === null ? null : Date.parse(listed),
    receivedMs: record.receivedAt === null ? null : Date.parse(record.receivedAt),
    status: record.status.code,
    channel: record.channel,
    procedure: nationalCodeOf(record),
    dueDay: vietnamDay(record.appointmentAt),
    klass: classOf(record),
    settled: record.status.code !== null && SETTLED_STATUSES.has(record.status.code),
    updatedAt: record.updatedAt,
    contentHash: createHash('sha256').update(json).digest('base64url'),
  };
  return { facts, record: record as unknown as JsonObject, recordJson: json };
}

/** The record a store write holds, back in the gateway's model. */
export function recordOf(stored: { record: JsonObject }): DossierRecord {
  return stored.record as unknown as DossierRecord;
}
