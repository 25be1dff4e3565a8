/** Largest second the key can hold (year 2286); instants are stored as its complement. */
const MAX_SECOND = 9_999_999_999;

/**
 * The key every dossier list is ordered by, ascending: newest first by `listedMs` (to
 * the second), then by code; undated dossiers last. Fixed-width digits, so string order
 * is time order, and a reception window is a key range (`dossierKeyRange`).
 */
export function dossierSortKey(listedMs: number | null, code: string): string {
  if (listedMs === null) return `~|${code}`;
  return `${secondsKey(listedMs)}|${code}`;
}

/**
 * Bounds of the keys of every dossier listed in [fromMs, toMs): `low` ≤ key ≤ `high`
 * (either side open when absent). The range is to the second, so it may hold a few
 * dossiers just outside the window: a query checks the exact instant as well. It lets a
 * window be walked on an index in list order.
 */
export function dossierKeyRange(fromMs: number | undefined, toMs: number | undefined): { low?: string; high?: string } {
  // Newer is smaller: listed ≤ toMs − 1 gives the lowest key; listed ≥ fromMs the highest.
  return {
    ...(toMs !== undefined ? { low: `${secondsKey(toMs - 1)}|` } : {}),
    ...(fromMs !== undefined ? { high: `${secondsKey(fromMs)}|\uffff` } : {}),
  };
}

function secondsKey(ms: number): string {
  const seconds = Math.min(MAX_SECOND, Math.max(0, Math.floor(ms / 1000)));
  return String(MAX_SECOND - seconds).padStart(10, '0');
}
