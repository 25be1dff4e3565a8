import { createHash } from 'node:crypto';
import type { AuditEntry } from '../store';
import { canonicalJson } from './canonical-json';

/**
 * The hash of an audit entry, lowercase hex:
 *
 *     sha256( (prevHash ?? "") + "\n" + canonicalJson(covered) )
 *
 * over the UTF-8 bytes of that text. For a version-2 entry `covered` is the entry without
 * `hash`: every other field, `id`, `version` and `prevHash` included, so changing,
 * removing, inserting or reordering an entry changes a hash the next entry names. The
 * first entry of a chain has `prevHash: null` (the empty string above). Whatever `hash`
 * the argument carries is ignored.
 *
 * A version-1 entry (written before the log recorded who called) is covered as it was
 * hashed then (see {@link versionOneForm}), so a log upgraded in place still verifies.
 */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'> & { hash?: string | null }): string {
  const { hash: _ignored, ...covered } = entry;
  const text = covered.version === 1 ? canonicalJson(versionOneForm(covered)) : canonicalJson(covered);
  return createHash('sha256').update(`${covered.prevHash ?? ''}\n${text}`, 'utf8').digest('hex');
}

/**
 * What a version-1 entry was hashed as: its fields of that time, the client under its
 * name of that time (`principalId`), and no `version`. A field version 1 did not have is
 * covered only when it holds something, so that a value put there later (a subject added
 * to an old entry to blame someone) breaks the hash like any other change.
 */
function versionOneForm({ version: _version, access, attachment, refusalReason, subject, tokenId, clientId, ...fields }: Omit<AuditEntry, 'hash'>): Record<string, unknown> {
  return {
    ...fields,
    principalId: clientId,
    ...(access !== 'graphql' && { access }),
    ...(attachment !== null && { attachment }),
    ...(refusalReason !== null && { refusalReason }),
    ...(subject !== null && { subject }),
    ...(tokenId !== null && { tokenId }),
  };
}
