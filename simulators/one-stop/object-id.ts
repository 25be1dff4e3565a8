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

const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The low `width` hex digits of a 32-bit value (width 6 or 8), by table: ids are written by the thousand per page. */
function hex(value: number, width: 6 | 8): string {
  const low = `${BYTE_HEX[(value >>> 16) & 0xff]}${BYTE_HEX[(value >>> 8) & 0xff]}${BYTE_HEX[value & 0xff]}`;
  return width === 6 ? low : `${BYTE_HEX[(value >>> 24) & 0xff]}${low}`;
}

/**
 * A MongoDB ObjectId as iGate writes them: 24 hex digits, the first eight the creation
 * time in seconds. `random` supplies the other sixteen.
 */
export function objectId(createdAtMs: number, random: SeededRandom): string {
  return `${hex(Math.floor(createdAtMs / 1000), 8)}${hex(Math.floor(random.next() * 2 ** 32), 8)}${hex(Math.floor(random.next() * 2 ** 32), 8)}`;
}

const catalogueIds = new Map<string, string>();

/**
 * A fixed ObjectId for a catalogue entry (agency, procedure, sector), the same for the
 * same key on every run; timestamps fall in 2020–2022 as in real deployments. Remembered
 * up to a bound: the same few thousand keys come back on every page.
 */
export function objectIdFor(key: string): string {
  let id = catalogueIds.get(key);
  if (id === undefined) {
    id = objectIdForRecord(key);
    if (catalogueIds.size >= 50_000) catalogueIds.clear();
    catalogueIds.set(key, id);
  }
  return id;
}

/** objectIdFor without remembering: for keys that come back rarely (one citizen's account), which would only crowd the memory out. */
export function objectIdForRecord(key: string): string {
  const a = hashString(`a|${key}`);
  const b = hashString(`b|${key}`);
  const c = hashString(`c|${key}`);
  const seconds = 1_580_000_000 + (a % 90_000_000);
  return `${hex(seconds, 8)}${hex(b, 8)}${hex(c, 8)}`;
}

/**
 * The ObjectId of a record created at `createdAtMs` by one process: its time, the five
 * bytes of the process (`machine`, ten hex digits) and a three-byte counter, as MongoDB
 * drivers make them. `counter` below 2^24.
 */
export function objectIdWithCounter(createdAtMs: number, machine: string, counter: number): string {
  return `${hex(Math.floor(createdAtMs / 1000), 8)}${machine}${hex(counter, 6)}`;
}

/** The counter of an ObjectId made by objectIdWithCounter; null when `id` is not 24 hex digits. */
export function objectIdCounter(id: string): number | null {
  return /^[0-9a-f]{24}$/.test(id) ? Number.parseInt(id.slice(18), 16) : null;
}

/** A fixed ObjectId for a record created at `createdAtMs`: its time first, then a hash of `key`. */
export function objectIdAt(createdAtMs: number, key: string): string {
  return `${hex(Math.floor(createdAtMs / 1000), 8)}${hex(hashString(`x|${key}`), 8)}${hex(hashString(`y|${key}`), 8)}`;
}
