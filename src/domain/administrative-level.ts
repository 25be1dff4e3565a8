/** Administrative level (cấp): 0 central (Bộ), 1 province (Tỉnh), 2 district (Huyện), 3 commune (Xã). */
export type AdministrativeLevel = 'CENTRAL' | 'PROVINCE' | 'DISTRICT' | 'COMMUNE';

const BY_CODE: Record<string, AdministrativeLevel> = { '0': 'CENTRAL', '1': 'PROVINCE', '2': 'DISTRICT', '3': 'COMMUNE' };

/** Reads a level code as sources send it (`"2"`, `2`, `" 2 "`); null when unknown. */
export function parseAdministrativeLevel(value: unknown): AdministrativeLevel | null {
  if (value === null || value === undefined) return null;
  return BY_CODE[String(value).trim()] ?? null;
}

export function administrativeLevelCode(level: AdministrativeLevel): number {
  return ['CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE'].indexOf(level);
}
