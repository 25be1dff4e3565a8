import { createSeededRandom } from '../kit';
import { addRealisticMess } from './add-realistic-mess';
import { indexAgencies } from './agency-index';
import { ANCHOR_PROCEDURES } from './anchor-procedures';
import { SECTOR_TEMPLATES } from './catalogue';
import { generateAgencies } from './generate-agencies';
import { generateProcedures, MAX_PROCEDURES } from './generate-procedures';
import type { NationalCatalogueData } from './types';

/**
 * Everything the simulated national procedure database serves, generated from `seed`:
 * the agency hierarchy, the sectors and `procedures` procedure records, raw (UPPERCASE
 * keys, string values, a few percent of records messy as real ones are). Pure and
 * deterministic: the same arguments give deep-equal data on every machine. Throws a
 * RangeError unless `procedures` is an integer from the number of anchor procedures (4)
 * to 20,000 (the `1.00xxxx`/`2.00xxxx` code space).
 */
export function generateNationalCatalogue(seed: number, procedures: number): NationalCatalogueData {
  if (!Number.isInteger(procedures) || procedures < ANCHOR_PROCEDURES.length || procedures > MAX_PROCEDURES) {
    throw new RangeError(`procedures must be an integer from ${ANCHOR_PROCEDURES.length} to ${MAX_PROCEDURES}; got ${String(procedures)}`);
  }
  const agencies = generateAgencies(seed);
  const records = generateProcedures({ random: createSeededRandom(seed), count: procedures, agencies: indexAgencies(agencies), sectors: SECTOR_TEMPLATES });
  addRealisticMess(records, createSeededRandom(seed ^ 0x6d657373), new Set(ANCHOR_PROCEDURES.map((a) => a.code)));
  const sectors = SECTOR_TEMPLATES.map((s) => ({ MALINHVUC: s.code, TENLINHVUC: s.name }));
  return { procedures: records, agencies, sectors };
}
