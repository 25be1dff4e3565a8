import { DOSSIER_STATUS_LABELS, type DossierRecord } from '../../src/domain';
import { dossierScope, vietnamToday } from '../../src/dossiers';
import { planDossierCount } from '../../src/store/dossier-rollup';
import type { DossierQuery } from '../../src/store';
import { listStatement, rollupCountStatement, rowCountStatement } from '../../src/store/sqlite/dossier-filters';
import type { StoreReader } from './open-store-reader';

interface Row {
  code: string;
  agency_code: string;
  procedure: string | null;
  sealed: Uint8Array;
}

/**
 * The agency dashboard by hand: the same SQL the gateway's store runs (one page in list
 * order on the agency's path index, the total from the rollups), each record opened, and
 * procedure and agency names from the catalogue copy (the gateway's mirror in the store).
 */
export function dashboard(store: StoreReader, agency: string, first = 50): unknown {
  const query: DossierQuery = { scope: dossierScope('everything', { agency })!, today: vietnamToday() };
  const rows = store.all<Row>(listStatement(query, undefined, first)).slice(0, first);
  const { rowWindows, days } = planDossierCount(query);
  let totalCount = rowWindows.reduce((sum, window) => sum + store.get<{ n: number }>(rowCountStatement(query, window)).n, 0);
  if (days) totalCount += store.get<{ n: number }>(rollupCountStatement(query, days)).n;
  const nodes = rows.map((row) => {
    const record = store.open(row.sealed, row.code) as unknown as DossierRecord;
    const procedure = row.procedure === null ? undefined : store.catalogue.procedures.get(row.procedure);
    const known = store.catalogue.agencies.get(row.agency_code);
    return {
      code: record.code,
      status: { code: record.status.code, label: record.status.code === null ? null : (DOSSIER_STATUS_LABELS[record.status.code] ?? null) },
      receivedAt: record.receivedAt,
      appointmentAt: record.appointmentAt,
      procedure: procedure ? { code: procedure.code, name: procedure.name } : null,
      fees: record.fees.map((fee) => ({ name: fee.name, amount: fee.amount })),
      agency: { code: row.agency_code, name: known?.name ?? record.agencyName },
    };
  });
  return { data: { dossiers: { totalCount, nodes } } };
}
