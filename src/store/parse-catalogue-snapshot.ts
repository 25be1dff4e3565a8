import type { CatalogueSnapshot } from './catalogue-mirror-repository';

/**
 * Checks the shape the mirror relies on (a valid `refreshedAt`, three arrays of objects,
 * procedures with unique string codes) before anything is written. The objects themselves
 * stay opaque; a value JSON cannot hold fails later, while writing, and the previous
 * snapshot stays in place.
 */
export function parseCatalogueSnapshot(snapshot: CatalogueSnapshot): CatalogueSnapshot {
  const contract = 'CatalogueMirrorRepository.saveSnapshot expects { refreshedAt: Date; procedures, agencies, sectors: object[] } with a unique string code on every procedure';
  if (snapshot === null || typeof snapshot !== 'object') {
    throw new TypeError(`${contract}; received ${String(snapshot)}.`);
  }
  if (!(snapshot.refreshedAt instanceof Date) || Number.isNaN(snapshot.refreshedAt.getTime())) {
    throw new TypeError(`${contract}; refreshedAt is ${String(snapshot.refreshedAt)}.`);
  }
  for (const list of ['procedures', 'agencies', 'sectors'] as const) {
    const items: unknown = snapshot[list];
    if (!Array.isArray(items)) throw new TypeError(`${contract}; ${list} is ${typeof items}.`);
    const bad = items.findIndex((item) => item === null || typeof item !== 'object' || Array.isArray(item));
    if (bad >= 0) throw new TypeError(`${contract}; ${list}[${bad}] is ${JSON.stringify(items[bad])}.`);
  }
  const seen = new Set<string>();
  snapshot.procedures.forEach((procedure, index) => {
    const code: unknown = procedure.code;
    if (typeof code !== 'string' || code === '') {
      throw new TypeError(`${contract}; procedures[${index}].code is ${JSON.stringify(code)}.`);
    }
    if (seen.has(code)) throw new TypeError(`${contract}; procedures[${index}].code ${JSON.stringify(code)} appears twice.`);
    seen.add(code);
  });
  return snapshot;
}
