import type { IndexRange } from './listing-timeline';

/**
 * An ordered list of generated dossiers (by index) that a listing pages through, without
 * holding the dossiers: either index ranges (listing order itself) or an array of indices
 * found by a scan, with the sort keys each was ordered by.
 */
export interface DossierSequence {
  readonly length: number;
  /** The dossier index at `position`. */
  at(position: number): number;
  /** Where dossier `index` stands in the sequence, or -1 when it is not in it. */
  positionOf(index: number, keys: readonly number[]): number;
  /** How many elements order strictly before an element with these keys and index. */
  rank(keys: readonly number[], index: number): number;
  /** Bytes held (0 for ranges): what a cache of sequences budgets. */
  readonly bytes: number;
}

/**
 * Index ranges in listing order. Listing order is (listing instant, index), and the
 * listing instant is non-decreasing in the index, so `rank` needs the first index listed
 * at or after an instant: `firstAt`.
 */
export function rangeSequence(ranges: readonly IndexRange[], firstAt: (instant: number) => number): DossierSequence {
  const prefix = new Float64Array(ranges.length + 1);
  ranges.forEach(([start, end], k) => (prefix[k + 1] = (prefix[k] as number) + (end - start)));
  /** The first range ending after `index` (index values of the ranges ascend). */
  const rangeAfter = (index: number): number => {
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ranges[mid] as IndexRange)[1] <= index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Elements below `index`. */
  const countBelow = (index: number): number => {
    const k = rangeAfter(index);
    if (k === ranges.length) return prefix[k] as number;
    return (prefix[k] as number) + Math.max(0, index - (ranges[k] as IndexRange)[0]);
  };
  return {
    length: prefix[ranges.length] as number,
    bytes: 0,
    at(position) {
      let lo = 0;
      let hi = ranges.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((prefix[mid] as number) <= position) lo = mid;
        else hi = mid - 1;
      }
      return (ranges[lo] as IndexRange)[0] + position - (prefix[lo] as number);
    },
    positionOf(index) {
      const k = rangeAfter(index);
      const range = ranges[k];
      return range === undefined || range[0] > index ? -1 : (prefix[k] as number) + index - range[0];
    },
    rank([listedAt], index) {
      // The first generated index that orders at or after (listedAt, index).
      const first = firstAt(listedAt as number);
      const afterTies = firstAt((listedAt as number) + 1);
      return countBelow(Math.min(Math.max(index, first), afterTies));
    },
  };
}

/** Sort directions per key: 1 ascending, -1 descending. Ties go by index, ascending. */
export type KeyDirections = readonly (1 | -1)[];

/** Dossier indices found by a scan, ordered by their keys (one Float64Array per key) then index. */
export function arraySequence(indices: Int32Array, keys: readonly Float64Array[], directions: KeyDirections): DossierSequence {
  const compareAt = (position: number, target: readonly number[], index: number): number => {
    for (let k = 0; k < keys.length; k++) {
      const a = (keys[k] as Float64Array)[position] as number;
      const b = target[k] as number;
      if (a !== b) return (a < b ? -1 : 1) * (directions[k] as number);
    }
    return (indices[position] as number) - index;
  };
  const rank = (target: readonly number[], index: number): number => {
    let lo = 0;
    let hi = indices.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareAt(mid, target, index) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    length: indices.length,
    bytes: indices.length * (4 + 8 * keys.length),
    at: (position) => indices[position] as number,
    positionOf(index, target) {
      const position = rank(target, index);
      return indices[position] === index ? position : -1;
    },
    rank,
  };
}

/**
 * Orders the scanned indices by their keys, then index: the permutation is sorted, and
 * the keys follow it.
 */
export function sortScanned(indices: Int32Array, columns: readonly Float64Array[], directions: KeyDirections): { indices: Int32Array; keys: Float64Array[] } {
  const order = new Int32Array(indices.length);
  for (let p = 0; p < order.length; p++) order[p] = p;
  order.sort((a, b) => {
    for (let k = 0; k < columns.length; k++) {
      const x = (columns[k] as Float64Array)[a] as number;
      const y = (columns[k] as Float64Array)[b] as number;
      if (x !== y) return (x < y ? -1 : 1) * (directions[k] as number);
    }
    return (indices[a] as number) - (indices[b] as number);
  });
  return {
    indices: Int32Array.from(order, (p) => indices[p] as number),
    keys: columns.map((column) => Float64Array.from(order, (p) => column[p] as number)),
  };
}
