import { paginateSorted } from '../paginate';

const ITEMS = ['a', 'b', 'c', 'd', 'e'];
const FRESH = { stale: false, asOf: null, reason: null };
const page = (first: number, after?: string | null) => paginateSorted(ITEMS, (x) => x, { first, after }, (x) => x, FRESH);

describe('keyset paging', () => {
  it('walks every item once, in order, page by page', () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p = page(2, after);
      seen.push(...p.nodes);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(ITEMS);
  });

  it('continues after an empty page (first: 0) from where that page stood', () => {
    const first = page(2);
    const empty = page(0, first.pageInfo.endCursor);
    expect(empty.nodes).toEqual([]);
    expect(empty.totalCount).toBe(5);
    expect(empty.pageInfo.hasNextPage).toBe(true);
    expect(empty.pageInfo.endCursor).not.toBeNull();
    expect(page(2, empty.pageInfo.endCursor).nodes).toEqual(['c', 'd']);
  });

  it('answers an empty first page with a null cursor, which starts from the beginning', () => {
    const empty = page(0);
    expect(empty.pageInfo).toMatchObject({ hasNextPage: true, endCursor: null });
    expect(page(2, empty.pageInfo.endCursor).nodes).toEqual(['a', 'b']);
  });
});
