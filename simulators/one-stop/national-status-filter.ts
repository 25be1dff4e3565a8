import type { StatusFilter } from './list-dossiers';
import type { NationalStatus } from './types';

/**
 * A filter on national status codes, as motcua and soap carry them (`TrangThaiHoSo` "1"–"10"):
 * a status-4 dossier matches 4 whether or not its extension awaits approval.
 */
export function nationalStatusFilter(dialect: string, statuses: readonly NationalStatus[]): StatusFilter {
  const national = new Set(statuses);
  return { key: `${dialect}:${[...national].sort((a, b) => a - b).join(',')}`, national, accepts: (status) => national.has(status) };
}
