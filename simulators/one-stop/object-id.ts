import type { SeededRandom } from '../kit';

/** FNV-1a, 32 bits: a stable number from a string, to seed per-key generators. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const hex = (value: number, width: number): string => (value >>> 0).toString(16).padStart(width, '0').slice(-width);

/**
 * A MongoDB ObjectId as iGate writes them: 24 hex digits, the first eight the creation
 * time in seconds. `random` supplies the other sixteen.
 */
export function objectId(createdAtMs: number, random: SeededRandom): string {
  return `${hex(Math.floor(createdAtMs / 1000), 8)}${hex(Math.floor(random.next() * 2 ** 32), 8)}${hex(Math.floor(random.next() * 2 ** 32), 8)}`;
}

/**
 * A fixed ObjectId for a catalogue entry (agency, procedure, sector), the same for the
 * same key on every run; timestamps fall in 2020–2022 as in real deployments.
 */
export function objectIdFor(key: string): string {
  const a = hashString(`a|${key}`);
  const b = hashString(`b|${key}`);
  const c = hashString(`c|${key}`);
  const seconds = 1_580_000_000 + (a % 90_000_000);
  return `${hex(seconds, 8)}${hex(b, 8)}${hex(c, 8)}`;
}

/** A fixed ObjectId for a record created at `createdAtMs`: its time first, then a hash of `key`. */
export function objectIdAt(createdAtMs: number, key: string): string {
  return `${hex(Math.floor(createdAtMs / 1000), 8)}${hex(hashString(`x|${key}`), 8)}${hex(hashString(`y|${key}`), 8)}`;
}
