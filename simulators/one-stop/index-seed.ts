/**
 * A 32-bit seed for item `index` of a stream named by `key` (murmur3's finaliser over the
 * pair): what makes dossier `i` a pure function of the seed, the province and `i`, with
 * no generator state carried from one dossier to the next.
 */
export function indexSeed(key: number, index: number): number {
  let h = (key ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A number in [0, 1) fixed by `key` and `index`. */
export function indexFraction(key: number, index: number): number {
  return indexSeed(key, index) / 4294967296;
}
