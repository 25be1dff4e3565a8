import type { BenchWorld } from './harness/start-bench-world';
import type { Comparison } from './scenarios/compare-baseline';
import type { DossierQueryResult } from './scenarios/dossier-queries';
import type { PortalPushResult } from './scenarios/portal-push';
import type { SoakResult } from './scenarios/soak';
import type { SteadyPassResult } from './scenarios/steady-pass';

const verdict = (ok: boolean): string => (ok ? 'meets' : 'MISSES');
const ms = (value: number): string => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);
const calls = (perOperation: Record<string, number>): string =>
  Object.entries(perOperation)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n.toFixed(n < 0.1 ? 3 : 2)}`)
    .join(', ') || 'none';

export function formatFirstLoad(world: BenchWorld): string {
  const load = world.journal.firstLoad!;
  const how = world.firstLoad ? 'measured now' : `reused, loaded ${load.at}`;
  const target = load.seconds <= 600 ? 'meets' : 'MISSES';
  return [
    `  first read of ${load.dossiers.toLocaleString('en')} dossiers: ${(load.seconds / 60).toFixed(1)} min (${how}; target ≤ 10 min at 3 × 1,000,000: ${target}), catalogue first ${load.catalogueSeconds.toFixed(1)} s; load average then ${load.loadAverage.map((l) => l.toFixed(1)).join(' ')}`,
    ...load.perProvince.map((p) => `    ${p.source}: ${p.read.toLocaleString('en')} records read in ${(p.seconds / 60).toFixed(1)} min (${Math.round(p.read / p.seconds)}/s)`),
  ].join('\n');
}

export function formatDossierQueries(results: DossierQueryResult[]): string {
  return results
    .map(
      (r) =>
        `  ${r.operation} at concurrency ${r.concurrency}: ${r.perSecond.toFixed(0)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, errors ${r.errors}/${r.requests}; gateway CPU ${r.cpuMsPerOperation.toFixed(2)} ms/op; upstream per op: ${calls(r.callsPerOperation)}\n    target ${r.meets.target}: ${verdict(r.meets.ok)}${r.firstError ? `\n    first error: ${r.firstError}` : ''}`,
    )
    .join('\n');
}

export function formatSteadyPass(results: SteadyPassResult[]): string {
  return results
    .map(
      (r) =>
        `  ${r.source}: read ${r.read.toLocaleString('en')} records; changed ${r.changed.toLocaleString('en')}, open ${r.open.toLocaleString('en')}, bound 2 × changed + open = ${r.bound.toLocaleString('en')}: ${verdict(r.ok)}; pass ${r.seconds.toFixed(1)} s, ${r.upstreamCalls} upstream calls, ${r.updated} updated, ${r.created} created`,
    )
    .join('\n');
}

export function formatComparison(comparisons: Comparison[], targets: { cpuRatio: number; p99Ratio: number }): string {
  const lines: string[] = [];
  const pad = (s: string, n: number): string => s.padStart(n);
  lines.push(`  ${'operation'.padEnd(20)} ${'c'.padStart(3)} ${''.padEnd(8)} ${pad('req/s', 8)} ${pad('p50', 9)} ${pad('p99', 9)} ${pad('CPU ms/op', 10)}  upstream calls per op`);
  for (const c of comparisons) {
    for (const [who, m] of [['gateway', c.gateway], ['baseline', c.baseline]] as const) {
      lines.push(`  ${c.operation.padEnd(20)} ${pad(String(c.concurrency), 3)} ${who.padEnd(8)} ${pad(m.perSecond.toFixed(0), 8)} ${pad(ms(m.p50), 9)} ${pad(ms(m.p99), 9)} ${pad(m.cpuMsPerOperation.toFixed(3), 10)}  ${calls(m.callsPerOperation)}${m.errors ? `  ERRORS ${m.errors}: ${m.firstError}` : ''}`);
    }
    const r = c.ratios;
    lines.push(`  ${''.padEnd(20)} ${''.padStart(3)} ${'ratio'.padEnd(8)} ${pad(r.perSecond.toFixed(2), 8)} ${pad(r.p50.toFixed(2), 9)} ${pad(r.p99.toFixed(2), 9)} ${pad(r.cpuMsPerOperation.toFixed(2), 10)}`);
  }
  const high = Math.max(...comparisons.map((c) => c.concurrency));
  const cpuChecked = comparisons.filter((c) => c.concurrency === high && (c.operation === 'dashboard' || c.operation === 'procedure-detail'));
  for (const c of cpuChecked) lines.push(`  ${c.operation}: gateway CPU per operation ${c.ratios.cpuMsPerOperation.toFixed(2)}× the baseline's at concurrency ${high} (target ≤ ${targets.cpuRatio}×): ${verdict(c.ratios.cpuMsPerOperation <= targets.cpuRatio)}`);
  for (const c of comparisons.filter((c) => c.concurrency === high)) lines.push(`  ${c.operation}: p99 ${c.ratios.p99.toFixed(2)}× the baseline's at concurrency ${high} (target ≤ ${targets.p99Ratio}×): ${verdict(c.ratios.p99 <= targets.p99Ratio)}`);
  return lines.join('\n');
}

export function formatSoak(s: SoakResult): string {
  return `  ${s.load.perSecond.toFixed(0)} req/s, p99 ${ms(s.load.p99)}, errors ${s.load.errors}; gateway RSS first ${s.firstMb.toFixed(0)} MB, min ${s.minMb.toFixed(0)}, max ${s.maxMb.toFixed(0)}, last ${s.lastMb.toFixed(0)} (${s.samplesMb.length} samples); largest drift from the first ${(s.drift * 100).toFixed(1)}% (target ±10%): ${verdict(s.ok)}`;
}

export function formatMemory(memory: { rssMb: number; peakRssMb: number; sampledMaxMb: number }, reference: { rssAfterQueriesMb: number } | undefined, targets: { maxMb: number; aboveReferenceMb: number }): string {
  const lines = [`  gateway RSS at the end ${memory.rssMb.toFixed(0)} MB (highest sampled ${memory.sampledMaxMb.toFixed(0)} MB, peak ${memory.peakRssMb.toFixed(0)} MB, the first read included); target ≤ ${targets.maxMb} MB: ${verdict(memory.rssMb <= targets.maxMb)}`];
  if (reference) {
    const above = memory.rssMb - reference.rssAfterQueriesMb;
    lines.push(`  ${above.toFixed(0)} MB above the 3 × 20,000 reference (${reference.rssAfterQueriesMb.toFixed(0)} MB); target ≤ ${targets.aboveReferenceMb} MB: ${verdict(above <= targets.aboveReferenceMb)}`);
  }
  return lines.join('\n');
}

export function formatPortal(p: PortalPushResult): string {
  const b = p.backlog;
  const l = p.lag;
  return [
    `  backlog after the first read: ${b.pendingAtStart} pending, ${b.pushed} pushed in ${b.seconds.toFixed(1)} s: ${b.pushesPerSecond.toFixed(1)} pushes/s (rate allowed ${p.ratePerSecond}/s, ${p.concurrencyPerProvince} in flight per province)${b.drained ? '' : ', not drained'}`,
    `  lag of ${l.arrived}/${l.changes} status changes under the dashboard at concurrency 4 (sync every ${p.syncIntervalSeconds} s): to the store p50 ${l.toStore.p50.toFixed(1)} s, p95 ${l.toStore.p95.toFixed(1)} s, max ${l.toStore.max.toFixed(1)} s; to the portal p50 ${l.toPortal.p50.toFixed(1)} s, p95 ${l.toPortal.p95.toFixed(1)} s, max ${l.toPortal.max.toFixed(1)} s`,
    `  dashboard meanwhile: ${l.load.perSecond.toFixed(0)} req/s, p99 ${ms(l.load.p99)}, errors ${l.load.errors}`,
  ].join('\n');
}
