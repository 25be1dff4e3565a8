/**
 * `npm run bench`: issues 10, 11 and 12's measurements, printed and written as JSON to
 * `bench/results/`. The gateway, the simulated sources (one process, and one per
 * province), the hand-written baseline and this load generator each run in a process of
 * their own, so every server's CPU time and memory are its own (bench/README.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { dataDirFor, readBenchOptions, type BenchOptions } from './bench-options';
import { RESULTS_DIR } from './harness/bench-paths';
import { startBenchWorld, type BenchWorld } from './harness/start-bench-world';
import { formatProfileSummary, summarizeProfile, type ProfileSummary } from './harness/summarize-profile';
import { runSignatureBench } from './signature-verification';
import { checkSameAnswers, compareWithBaseline, COMPARISON_TARGETS, startBaseline } from './scenarios/compare-baseline';
import { runDossierQueries } from './scenarios/dossier-queries';
import { runPortalPush } from './scenarios/portal-push';
import { runSoak } from './scenarios/soak';
import { runSteadyPass } from './scenarios/steady-pass';
import { formatComparison, formatDossierQueries, formatFirstLoad, formatMemory, formatPortal, formatSoak, formatSteadyPass } from './format-results';

/** RSS targets of issue 10. */
const RSS_TARGETS = { maxMb: 512, aboveReferenceMb: 100, referenceDossiers: 20_000 } as const;

async function main(): Promise<void> {
  const options = readBenchOptions();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const results: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadAverageAtStart: loadavg() },
    options: { ...options, only: [...options.only] },
  };
  const write = (): string => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${stamp}-${options.dossiers}.json`);
    writeFileSync(file, `${JSON.stringify({ ...results, finishedAt: new Date().toISOString(), loadAverageAtEnd: loadavg() }, null, 2)}\n`);
    return file;
  };
  console.log(`lienthong bench: 3 provinces × ${options.dossiers.toLocaleString('en')} dossiers, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const wantsMain = ['load', 'queries', 'steady', 'compare', 'soak'].some((p) => options.only.has(p));
  if (wantsMain && options.rssReference && options.dossiers !== RSS_TARGETS.referenceDossiers) {
    results.reference = await referenceRun(options);
    write();
  }
  if (wantsMain) {
    const main = await mainRun(options, stamp, (partial) => {
      results.main = partial;
      write();
    });
    results.main = main;
    console.log(formatMemory(main.memory as never, results.reference as never, RSS_TARGETS));
    write();
  }
  if (options.only.has('portal')) {
    console.log(`\nnational portal push (issue 11): 3 × ${options.portal.dossiers.toLocaleString('en')} dossiers, portal answering in ${options.portal.latencyMs} ms`);
    const portal = await runPortalPush({ dossiersPerProvince: options.portal.dossiers, dataDir: dataDirFor({ ...options, dataDir: null }, options.portal.dossiers, 'portal'), latencyMs: options.portal.latencyMs, seconds: options.portal.seconds, ratePerSecond: Number(process.env.BENCH_PORTAL_RATE ?? 10_000), syncIntervalSeconds: Number(process.env.BENCH_PORTAL_SYNC_SECONDS ?? 10) });
    console.log(formatPortal(portal));
    results.portal = portal;
    write();
  }
  if (options.only.has('signatures')) await runSignatureBench();
  console.log(`\nresults: ${path.relative(process.cwd(), write())}`);
}

/** RSS at 3 × 20,000 after the same first read and queries, for issue 10's "no more than 100 MB above". */
async function referenceRun(options: BenchOptions) {
  const dossiers = RSS_TARGETS.referenceDossiers;
  console.log(`\nRSS reference: 3 × ${dossiers.toLocaleString('en')} dossiers`);
  const world = await startBenchWorld({ dossiersPerProvince: dossiers, dataDir: dataDirFor(options, dossiers) });
  try {
    const afterLoad = await world.gateway.usage();
    await runDossierQueries(world, { seconds: Math.min(options.seconds, 3), concurrency: options.concurrency });
    const afterQueries = await world.gateway.usage();
    console.log(`  gateway RSS after the first read ${mb(afterLoad.rss)}, after the queries ${mb(afterQueries.rss)}`);
    return { dossiersPerProvince: dossiers, rssAfterLoadMb: afterLoad.rss / 2 ** 20, rssAfterQueriesMb: afterQueries.rss / 2 ** 20 };
  } finally {
    await world.close();
  }
}

async function mainRun(options: BenchOptions, stamp: string, save: (partial: Record<string, unknown>) => void) {
  const out: Record<string, unknown> = {};
  const dataDir = dataDirFor(options, options.dossiers);
  console.log(`\nfirst read (data directory ${dataDir})`);
  const { profileDir } = profiling(options, stamp);
  const firstLoadProfile = profileDir ? path.join(profileDir, `${stamp}-first-read.cpuprofile`) : undefined;
  const world: BenchWorld = await startBenchWorld({
    dossiersPerProvince: options.dossiers,
    dataDir,
    ...(firstLoadProfile ? { profileFirstLoad: firstLoadProfile } : {}),
    ...(process.env.BENCH_CPU_PROF === '1' ? { gatewayExecArgv: ['--cpu-prof', `--cpu-prof-dir=${path.join(RESULTS_DIR, 'profiles')}`] } : {}),
  });
  const rssSamples: number[] = [];
  const sampler = setInterval(() => void world.gateway.usage().then((u) => rssSamples.push(u.rss / 2 ** 20), () => undefined), 2000);
  try {
    console.log(formatFirstLoad(world));
    out.firstLoad = { measuredNow: world.firstLoad !== null, ...world.journal.firstLoad, ...(firstLoadProfile && world.firstLoad ? { profile: printProfiles([firstLoadProfile]) } : {}) };
    out.rssAfterLoadMb = (await world.gateway.usage()).rss / 2 ** 20;
    if (process.env.BENCH_HEAP_SNAPSHOT === '1') {
      const snapshot = await world.gateway.call<{ file: string; heapUsed: number }>('heapSnapshot', { file: path.join(RESULTS_DIR, 'profiles', `${stamp}-after-first-read.heapsnapshot`) });
      console.log(`  heap snapshot after the first read: ${snapshot.file} (${Math.round(snapshot.heapUsed / 2 ** 20)} MB used)`);
    }
    save(out);
    if (options.only.has('queries')) {
      console.log(`\ndossier queries (issue 10), ${options.seconds} s each after 1 s of warm-up`);
      const { results: queries, profiles } = await runDossierQueries(world, { seconds: options.seconds, concurrency: options.concurrency, ...profiling(options, stamp) });
      console.log(formatDossierQueries(queries));
      out.dossierQueries = { results: queries, profiles: printProfiles(profiles) };
      save(out);
    }
    if (options.only.has('steady')) {
      console.log('\nsteady pass with 1% of the dossiers changed (issue 10)');
      const steady = await runSteadyPass(world);
      console.log(formatSteadyPass(steady));
      out.steadyPass = steady;
      save(out);
    }
    if (options.only.has('compare')) {
      console.log(`\ngateway and hand-written baseline side by side (issue 12), upstream latency ${options.latencyMs} ms, ${options.seconds} s each`);
      const baseline = await startBaseline(world);
      try {
        console.log(`  same answers from both: ${await checkSameAnswers(world, baseline)} checks`);
        await world.setLatency(options.latencyMs);
        const { comparisons, profiles } = await compareWithBaseline(world, baseline, { seconds: options.seconds, concurrencies: options.compareConcurrency, repeat: options.repeat, ...profiling(options, stamp) });
        await world.setLatency(0);
        console.log(formatComparison(comparisons, COMPARISON_TARGETS));
        out.comparison = { latencyMs: options.latencyMs, comparisons, profiles: printProfiles(profiles) };
        save(out);
      } finally {
        await baseline.stop();
      }
    }
    if (options.only.has('soak') && options.soakSeconds > 0) {
      console.log(`\nRSS over a ${options.soakSeconds} s run of the four compared operations in turn (issue 12)`);
      const soak = await runSoak(world, { seconds: options.soakSeconds, concurrency: options.concurrency });
      console.log(formatSoak(soak));
      out.soak = soak;
    }
    const usage = await world.gateway.usage();
    out.memory = { rssMb: usage.rss / 2 ** 20, peakRssMb: (usage.peakRss ?? 0) / 2 ** 20, heapUsedMb: usage.heapUsed / 2 ** 20, sampledMaxMb: Math.max(...rssSamples, 0) };
    save(out);
    return out;
  } finally {
    clearInterval(sampler);
    await world.close();
  }
}

/** Where CPU profiles go when BENCH_PROFILE=1. */
function profiling(options: BenchOptions, stamp: string): { profileDir?: string; profileStamp?: string } {
  if (!options.profile) return {};
  const profileDir = path.join(RESULTS_DIR, 'profiles');
  mkdirSync(profileDir, { recursive: true });
  return { profileDir, profileStamp: stamp };
}

/** Prints each profile's summary and returns them by file, for the results (profiles themselves are not kept in git). */
function printProfiles(files: string[]): Record<string, ProfileSummary> {
  const summaries: Record<string, ProfileSummary> = {};
  for (const file of files) {
    const summary = summarizeProfile(file);
    summaries[path.relative(RESULTS_DIR, file)] = summary;
    console.log(`  CPU profile ${path.relative(process.cwd(), file)}\n${formatProfileSummary(summary)}`);
  }
  return summaries;
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
