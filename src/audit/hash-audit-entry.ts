import { createHash } from 'node:crypto';
import type { AuditEntry } from '../store';
import { canonicalJson } from './canonical-json';

/**
 * The hash of an audit entry, lowercase hex:
 *
 *     sha256( (prevHash ?? "") + "\n" + canonicalJson(entry without `hash`) )
 *
 * over the UTF-8 bytes of that text. Every field but `hash` is covered, `id` and `prevHash`
 * included, so changing, removing, inserting or reordering an entry changes a hash the
 * next entry names. The first entry of a chain has `prevHash: null` (the empty string
 * above). Whatever `hash` the argument carries is ignored.
 */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'> & { hash?: string | null }): string {
  const { hash: _ignored, ...covered } = entry;
  return createHash('sha256')
    .update(`${covered.prevHash ?? ''}\n${canonicalJson(covered)}`, 'utf8')
    .digest('hex');
}
