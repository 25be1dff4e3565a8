import type { DossierSequence } from './dossier-sequence';

/** A listing ready to page: its size and the dossier indices of any page. */
export interface Listing {
  readonly total: number;
  /** The dossier indices at positions [offset, offset + size). */
  page(offset: number, size: number): number[];
}

/** A dossier the overlay holds, with the sort keys of its current state. */
export interface ExtraEntry {
  index: number;
  keys: readonly number[];
}

/**
 * Merges a sequence of generated dossiers with the overlay: `excluded` are positions of
 * the sequence whose dossier the overlay holds (changed since generated), `extras` the
 * overlay's dossiers that match now, in the listing's order. Costs a binary search per
 * extra and per page, never a pass over the sequence.
 */
export function mergeListing(base: DossierSequence, excluded: readonly number[], extras: readonly ExtraEntry[]): Listing {
  /** Excluded positions ≤ `position`. */
  const excludedUpTo = (position: number): number => upperBound(excluded, position);
  // Where each extra lands in the merged order: after the kept elements that order before it.
  const placed = extras.map((extra, j) => {
    const rank = base.rank(extra.keys, extra.index);
    return j + rank - upperBound(excluded, rank - 1);
  });
  const total = base.length - excluded.length + extras.length;

  /** The position in `base` of the k-th (0-based) element that is not excluded. */
  const selectKept = (k: number): number => {
    let lo = k;
    let hi = k + excluded.length;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (mid + 1 - excludedUpTo(mid) >= k + 1) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  return {
    total,
    page(offset, size) {
      const out: number[] = [];
      const end = Math.min(total, offset + size);
      if (offset >= end) return out;
      let j = lowerBound(placed, offset);
      let position = selectKept(offset - j);
      let skip = lowerBound(excluded, position);
      for (let q = offset; q < end; q++) {
        if (j < extras.length && placed[j] === q) {
          out.push((extras[j] as ExtraEntry).index);
          j += 1;
          continue;
        }
        out.push(base.at(position));
        position += 1;
        while (skip < excluded.length && (excluded[skip] as number) < position) skip += 1;
        while (skip < excluded.length && excluded[skip] === position) {
          position += 1;
          skip += 1;
        }
      }
      return out;
    },
  };
}

/** The first position whose value is ≥ `value` in an ascending list. */
function lowerBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position whose value is > `value` in an ascending list. */
function upperBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
