import { createProvinceData } from './province-data';
import type { Dossier, GenerateDossiersOptions } from './types';

/** "Now" of the data unless the caller says otherwise, so that data never depends on the clock. */
export const DEFAULT_NOW = new Date('2026-11-01T09:00:00+07:00');

/**
 * The dossiers of one province's one-stop system as generated, in listing order
 * (reception, or submission when never received, then registration order): the same list
 * for the same options on every machine. Dossier `i` is computed from the seed, the
 * province, the count and `i` alone (see province-data.ts), so this is only a convenience
 * for small counts; a simulator never builds the list. Throws when the province or its
 * districts are not in `agencies` or `procedures` is empty.
 */
export function generateDossiers({ seed, provinceCode, agencies, procedures, count = 20000, now = DEFAULT_NOW }: GenerateDossiersOptions): Dossier[] {
  const data = createProvinceData({ seed, provinceCode, agencies, procedures, count, now, newPerDay: 0 });
  return Array.from({ length: count }, (_, index) => data.dossier(index));
}
