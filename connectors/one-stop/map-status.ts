import type { DossierStatusRecord } from '../../src/domain';

export interface StatusMapper {
  (vendorCode: string, vendorLabel?: string | null): DossierStatusRecord;
  /** Vendor codes seen without a mapping, with how many times each was seen. */
  readonly unmapped: Readonly<Record<string, number>>;
}

/**
 * Maps a vendor's status codes to the national table (1–10) through the deployment's
 * configured table. A code without a mapping gets `code: null` and is counted, so it is
 * reported (in the schema and /readyz), never guessed.
 */
export function createStatusMapper(table: Readonly<Record<string, number>>): StatusMapper {
  const unmapped: Record<string, number> = {};
  const mapper = ((vendorCode: string, vendorLabel: string | null = null): DossierStatusRecord => {
    const key = vendorCode.trim();
    const code = Object.hasOwn(table, key) ? table[key]! : null;
    if (code === null) unmapped[key] = (unmapped[key] ?? 0) + 1;
    return { code, vendorCode: key, vendorLabel };
  }) as StatusMapper;
  Object.defineProperty(mapper, 'unmapped', { get: () => ({ ...unmapped }) });
  return mapper;
}
