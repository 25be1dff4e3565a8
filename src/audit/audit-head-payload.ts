/** What the operator's key signs for a head of the audit chain. */
export interface AuditHeadFacts {
  entryId: string;
  entryHash: string;
  signedAt: Date;
}

/**
 * The bytes a signed head's signature covers, UTF-8:
 *
 *     lienthong audit head v1\n<entryId>\n<entryHash>\n<signedAt, ISO 8601 with milliseconds>
 *
 * A fixed text, not JSON, so any tool can rebuild it to check a signature by hand
 * (`openssl dgst -sha256 -verify`).
 */
export function auditHeadPayload({ entryId, entryHash, signedAt }: AuditHeadFacts): Buffer {
  return Buffer.from(`lienthong audit head v1\n${entryId}\n${entryHash}\n${signedAt.toISOString()}`, 'utf8');
}
