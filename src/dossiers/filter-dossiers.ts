import { isWithinAgency, toNationalProcedureCode, type ChannelKind, type DossierRecord } from '../domain';
import { formatVietnamDateTime } from '../../connectors/kit';
import { timelinessOf } from './on-time';

/** The `DossierFilter` input, with instants already parsed. */
export interface DossierQuery {
  agency?: string | null;
  includeSubordinates?: boolean | null;
  status?: readonly number[] | null;
  /** A national or local procedure code; matched on the national code. */
  procedure?: string | null;
  receivedFrom?: Date | null;
  receivedTo?: Date | null;
  channel?: ChannelKind | null;
  late?: boolean | null;
}

/**
 * A predicate for `query`; every given criterion must hold. `nationalCodeOf` resolves a
 * dossier's procedure code (which may be a province's local variant) to the national code.
 */
export function matchDossier(query: DossierQuery, nationalCodeOf: (dossier: DossierRecord) => string | null, now = Date.now()): (d: DossierRecord) => boolean {
  const { agency, includeSubordinates = true, status, channel, late } = query;
  const procedure = query.procedure ? (toNationalProcedureCode(query.procedure) ?? query.procedure) : null;
  // Instants are all ISO with +07:00 (readVietnamDateTime), so they compare as strings.
  const from = query.receivedFrom ? formatVietnamDateTime(query.receivedFrom) : undefined;
  const to = query.receivedTo ? formatVietnamDateTime(query.receivedTo) : undefined;
  const statuses = status && status.length > 0 ? new Set(status) : null;
  return (d) => {
    if (agency) {
      if (!d.agencyCode) return false;
      if (includeSubordinates === false ? d.agencyCode !== agency : !isWithinAgency(d.agencyCode, agency)) return false;
    }
    if (statuses && (d.status.code === null || !statuses.has(d.status.code))) return false;
    if (channel && d.channel !== channel) return false;
    if (from !== undefined || to !== undefined) {
      if (!d.receivedAt) return false;
      if ((from !== undefined && d.receivedAt < from) || (to !== undefined && d.receivedAt >= to)) return false;
    }
    if (procedure && nationalCodeOf(d) !== procedure) return false;
    if (late !== null && late !== undefined && (timelinessOf(d, now).onTime === false) !== late) return false;
    return true;
  };
}
