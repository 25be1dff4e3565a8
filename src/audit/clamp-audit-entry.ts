import { AUDIT_TEXT_LIMITS, type AuditEntry } from '../store';

type Clampable = Omit<AuditEntry, 'id'>;

const SINGLE = ['requestId', 'operationName', 'clientIp', 'principalId', 'agencyCode', 'prevHash', 'hash'] as const;

/**
 * Cuts text fields to what the store accepts (`AUDIT_TEXT_LIMITS`). Several come from the
 * client (operation name, request id header, forwarded address), and an entry the store
 * refused would leave that operation out of the log; a cut one keeps it in.
 */
export function clampAuditEntry(entry: Clampable): Clampable {
  const clamped: Clampable = {
    ...entry,
    errorCodes: entry.errorCodes.map((code) => cut(code, AUDIT_TEXT_LIMITS.errorCode)),
    sensitiveFields: entry.sensitiveFields.map((field) => cut(field, AUDIT_TEXT_LIMITS.sensitiveField)),
  };
  for (const field of SINGLE) {
    const value = entry[field];
    if (typeof value === 'string' && value.length > AUDIT_TEXT_LIMITS[field]) clamped[field] = cut(value, AUDIT_TEXT_LIMITS[field]);
  }
  return clamped;
}

function cut(text: string, limit: number): string {
  return text.length > limit ? text.slice(0, limit) : text;
}
