import type { DossierRecord } from '../domain';
import { timelinessOf } from './on-time';

export interface DossierStatistics {
  received: number;
  processed: number;
  onTime: number;
  late: number;
  inProgress: number;
  overdue: number;
  onlineRate: number | null;
  onTimeRate: number | null;
}

/**
 * The figures provinces publish, over the dossiers given (already limited to agency and
 * period), by the rules of `timelinessOf`: every processed dossier is on time or late, so
 * `onTime + late = processed` and the on-time rate is on time ÷ processed.
 */
export function computeDossierStatistics(dossiers: Iterable<DossierRecord>, now = Date.now()): DossierStatistics {
  let received = 0;
  let online = 0;
  let processed = 0;
  let onTime = 0;
  let late = 0;
  let inProgress = 0;
  let overdue = 0;
  for (const d of dossiers) {
    received += 1;
    if (d.channel === 'ONLINE') online += 1;
    const t = timelinessOf(d, now);
    if (t.finished) {
      processed += 1;
      if (t.onTime === true) onTime += 1;
      else if (t.onTime === false) late += 1;
    } else if (t.open) {
      inProgress += 1;
      if (t.overdue) overdue += 1;
    }
  }
  return {
    received,
    processed,
    onTime,
    late,
    inProgress,
    overdue,
    onlineRate: received === 0 ? null : online / received,
    onTimeRate: processed === 0 ? null : onTime / processed,
  };
}
