import { AUDIT_TEXT_LIMITS, type AuditEntry } from '../store';

/** What a caller records: the writer adds `id`, `version`, `prevHash` and `hash`. */
export type AuditRecord = Omit<AuditEntry, 'id' | 'version' | 'prevHash' | 'hash'>;

const SINGLE = ['requestId', 'operationName', 'refusalReason', 'clientIp', 'subject', 'tokenId', 'clientId', 'agencyCode'] as const;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes the text fields storable exactly as they are, so that the hash the writer computes
 * is the hash of what the store gives back:
 * - cuts them to what the store accepts (`AUDIT_TEXT_LIMITS`). Several come from the client
 *   (operation name, request id header, forwarded address, the document and content ids
 *   of a download's path, the claims of a token), and an entry the store refused
 *   would leave that operation out of the log; a cut one keeps it in. A cut never splits a
 *   surrogate pair (it keeps one code unit less instead);
 * - replaces unpaired UTF-16 surrogates with U+FFFD, as `String.prototype.toWellFormed`
 *   does. Neither store can hold them (UTF-8 has no encoding for them): SQLite reads one
 *   back as three U+FFFD, MongoDB as one, and either would break the entry's hash.
 *
 * Other fields are left as they are; the store checks them.
 */
export function clampAuditEntry(entry: AuditRecord): AuditRecord {
  const clamped: AuditRecord = {
    ...entry,
    errorCodes: entry.errorCodes.map((code) => storable(code, AUDIT_TEXT_LIMITS.errorCode)),
    sensitiveFields: entry.sensitiveFields.map((field) => storable(field, AUDIT_TEXT_LIMITS.sensitiveField)),
    attachment:
      entry.attachment === null
        ? null
        : { documentId: storable(entry.attachment.documentId, AUDIT_TEXT_LIMITS.attachmentPart), contentId: storable(entry.attachment.contentId, AUDIT_TEXT_LIMITS.attachmentPart) },
  };
  for (const field of SINGLE) {
    const value = entry[field];
    if (typeof value === 'string') clamped[field] = storable(value, AUDIT_TEXT_LIMITS[field]);
  }
  return clamped;
}

function storable(text: string, limit: number): string {
  let cut = text;
  if (cut.length > limit) {
    const end = isHighSurrogate(cut.charCodeAt(limit - 1)) && isLowSurrogate(cut.charCodeAt(limit)) ? limit - 1 : limit;
    cut = cut.slice(0, end);
  }
  return cut.replace(UNPAIRED_SURROGATE, '\uFFFD');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
