import { GatewayError } from '../errors';
import type { ConnectionModel, FreshnessModel } from './models';

/** Largest page any connection serves. */
export const MAX_PAGE_SIZE = 100;

export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

/** Reads a cursor made by encodeCursor, or raises BAD_USER_INPUT showing what arrived. */
export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('k:') || encodeCursor(text.slice(2)) !== cursor) {
    throw new GatewayError('BAD_USER_INPUT', `"after" must be a cursor returned by this connection; got ${JSON.stringify(cursor.slice(0, 60))}`);
  }
  return text.slice(2);
}

export function checkPageSize(first: number | null | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new GatewayError('BAD_USER_INPUT', `"first" must be an integer from 0 to ${MAX_PAGE_SIZE}; got ${String(first)}`);
  }
  return size;
}

/**
 * Keyset paging over `items` sorted ascending by `keyOf`: the page starts after the
 * cursor's key, so an item added or removed elsewhere never shifts a page (no duplicates,
 * no gaps), unlike offsets.
 */
export function paginateSorted<T, N>(
  items: readonly T[],
  keyOf: (item: T) => string,
  args: { first?: number | null; after?: string | null },
  toNode: (item: T) => N,
  freshness: FreshnessModel,
  defaultSize = 20,
): ConnectionModel<N> {
  const size = checkPageSize(args.first, defaultSize);
  let start = 0;
  if (args.after) {
    const key = decodeCursor(args.after);
    start = lowerBound(items, (item) => keyOf(item) > key);
  }
  const slice = items.slice(start, start + size);
  const edges = slice.map((item) => ({ cursor: encodeCursor(keyOf(item)), node: toNode(item) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: start + size < items.length,
      hasPreviousPage: start > 0,
      // An empty page (first: 0) stays where it was asked to start, so its cursors continue from there.
      startCursor: edges[0]?.cursor ?? args.after ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? args.after ?? null,
    },
    totalCount: items.length,
    freshness,
  };
}

/** Index of the first item for which `isAfter` holds (items sorted so that it flips once). */
function lowerBound<T>(items: readonly T[], isAfter: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isAfter(items[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
