import type { DossierRecord } from '../../../src/domain';
import type { DossierListing, OneStopConnector, ReceptionWindow } from '../index';

/**
 * Every dossier of one listing, page after page, for tests: the first page tells the
 * total; `onPage` hears of each page read (e.g. to expire a token halfway). A listing
 * given as a plain window is a `received` listing.
 */
export async function readListing(connector: OneStopConnector, listing: DossierListing | ReceptionWindow, onPage?: (page: number) => void): Promise<DossierRecord[]> {
  const asked: DossierListing = 'kind' in listing ? listing : { kind: 'received', ...listing };
  const first = await connector.listPage(asked, 0);
  const items = [...first.items];
  onPage?.(0);
  const pages = Math.ceil(first.total / connector.pageSize);
  for (let page = 1; page < pages; page++) {
    items.push(...(await connector.listPage(asked, page)).items);
    onPage?.(page);
  }
  return items;
}

/**
 * Every dossier a province holds in `window`, as a first full read sees them: the
 * reception window, plus (on dialects that have one) the listing of dossiers never
 * received; each dossier once.
 */
export async function readWindowAndPending(connector: OneStopConnector, window: ReceptionWindow, onPage?: (page: number) => void): Promise<DossierRecord[]> {
  const byCode = new Map((await readListing(connector, window, onPage)).map((d) => [d.code, d]));
  if (connector.capabilities.pendingListing) for (const d of await readListing(connector, { kind: 'pending' })) byCode.set(d.code, d);
  return [...byCode.values()];
}
