import { dossierScope, vietnamToday } from '../../src/dossiers';
import { countsFromGroups, splitWindowByDay, type RollupGroup } from '../../src/store/dossier-rollup';
import type { DossierQuery } from '../../src/store';
import { edgeGroupsStatement, rollupGroupsStatement } from '../../src/store/sqlite/dossier-filters';
import type { StoreReader } from './open-store-reader';

/** A province's figures by hand: the rollup cells of its whole days and the rows of its partial days, the same SQL as the gateway's store. */
export function statistics(store: StoreReader, agency: string, fromMs: number, toMs: number): unknown {
  const today = vietnamToday();
  const query: DossierQuery = { scope: dossierScope('everything', { agency })!, receivedFromMs: fromMs, receivedToMs: toMs, today };
  const { days, edges } = splitWindowByDay(fromMs, toMs);
  const groups: RollupGroup[] = [
    ...(days ? store.all<RollupGroup>(rollupGroupsStatement(query, days)) : []),
    ...edges.flatMap(([edgeFrom, edgeTo]) => store.all<RollupGroup>(edgeGroupsStatement(query, { fromMs: edgeFrom, toMs: edgeTo }))),
  ];
  const c = countsFromGroups(groups, today);
  return {
    data: {
      dossierStatistics: {
        received: c.received,
        processed: c.processed,
        onTime: c.onTime,
        late: c.late,
        inProgress: c.inProgress,
        overdue: c.overdue,
        onlineRate: c.received === 0 ? null : c.online / c.received,
        onTimeRate: c.processed === 0 ? null : c.onTime / c.processed,
      },
    },
  };
}
