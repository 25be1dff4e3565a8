import type { DossierFeed, DossierListing, DossierListingPage } from './dossier-feed';

/** Stops a pass between pages (its lease was lost, or the gateway is shutting down). */
export interface PassSignal {
  readonly aborted: boolean;
  /** Throws the reason when aborted. */
  throwIfAborted(): void;
}

/**
 * Reads `listing` from page `fromPage` to its end, a few pages ahead of the one being
 * handled (`prefetch` requests in flight), and hands the pages to `onPage` strictly in
 * order, one at a time, so the caller can write each with its checkpoint. The first page
 * read tells the total; pages past it are not asked for. A failed page fails the read
 * once the pages before it have been handled.
 */
export async function readListing(
  feed: DossierFeed,
  listing: DossierListing,
  fromPage: number,
  prefetch: number,
  signal: PassSignal,
  onPage: (page: number, items: DossierListingPage['items'], pages: number) => Promise<void>,
): Promise<void> {
  signal.throwIfAborted();
  const first = await feed.listPage(listing, fromPage);
  const pages = Math.ceil(first.total / feed.pageSize);
  const ahead = new Map<number, Promise<DossierListingPage>>();
  let next = fromPage + 1;
  const fill = (): void => {
    while (ahead.size < prefetch && next < pages) {
      const promise = feed.listPage(listing, next);
      // Handled in order below; a rejection must not go unobserved meanwhile.
      promise.catch(() => undefined);
      ahead.set(next, promise);
      next += 1;
    }
  };
  fill();
  await onPage(fromPage, first.items, pages);
  for (let page = fromPage + 1; page < pages; page++) {
    signal.throwIfAborted();
    const pending = ahead.get(page)!;
    ahead.delete(page);
    const result = await pending;
    fill();
    await onPage(page, result.items, pages);
  }
}
