import type { AdministrativeLevel } from '../domain';
import type { ProcedureRecord } from '../domain/procedure';
import { normalizeText } from './normalize-text';

export interface ProcedureQuery {
  text?: string | null;
  sector?: string | null;
  level?: AdministrativeLevel | null;
  agency?: string | null;
}

/** A catalogue entry with its search key folded once, at load time. */
export interface IndexedProcedure {
  record: ProcedureRecord;
  searchKey: string;
}

export function indexProcedure(record: ProcedureRecord): IndexedProcedure {
  return { record, searchKey: normalizeText([record.code, record.name, record.keywords ?? ''].join(' ')) };
}

/** A predicate for `query`; every given criterion must hold, missing ones match all. */
export function matchProcedure(query: ProcedureQuery): (entry: IndexedProcedure) => boolean {
  const words = query.text ? normalizeText(query.text).split(' ').filter(Boolean) : [];
  const { sector, level, agency } = query;
  return ({ record, searchKey }) =>
    words.every((word) => searchKey.includes(word)) &&
    (!sector || record.sectors.some((s) => s.code === sector)) &&
    (!level || record.levels.includes(level)) &&
    (!agency || record.implementingAgencies.some((a) => a.code === agency) || record.competentAgencies.some((a) => a.code === agency));
}
