/**
 * `npm run bench`: the demo at its real scale (2,000 procedures, three provinces of
 * 20,000 dossiers each, all simulated on loopback) and a bounded load on the gateway,
 * one scenario at a time, from this same process. Prints start-up times, throughput,
 * latency percentiles, upstream calls per request and memory. Numbers are for comparing
 * runs on one machine (the load generator shares its cores), not absolute capacity.
 */
import { Pool } from 'undici';
import { parseConfig } from '../src/config';
import { startDemoSources } from '../src/demo/start-demo-sources';
import { createLogger } from '../src/log';
import { startGateway } from '../src/start-gateway';
import { runSignatureBench } from './signature-verification';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

interface Scenario {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const demo = await startDemoSources({ dossiersPerProvince: Number(process.env.BENCH_DOSSIERS ?? 20000) });
  const tSims = performance.now();
  const config = parseConfig({ ...demo.config, server: { port: 0 }, log: { level: 'warn' }, store: { dataDir: mkdtempSync(path.join(tmpdir(), 'lienthong-bench-')) } }, {});
  const running = await startGateway({ config, logger: createLogger({ level: 'warn' }) });
  await running.sources.catalogue.whenLoaded(120_000);
  const tCatalogue = performance.now();
  await running.sources.dossiers.whenTried(300_000);
  const tDossiers = performance.now();
  console.log(`start-up: simulators ${ms(tSims - t0)}, catalogue of ${running.sources.catalogue.size} procedures ${ms(tCatalogue - tSims)}, ${Object.values(await running.store.dossiers.countBySource()).reduce((a, b) => a + b, 0)} dossiers synced ${ms(tDossiers - tSims)}`);

  const token = demo.tokens.find((t) => t.name === 'province-officer')!.token;
  const sync = demo.tokens.find((t) => t.name === 'national-portal-sync')!.token;
  const code = demo.simulators.nationalProcedures.data.procedures[10]!.MATTHC;
  const scenarios: Array<Scenario & { token: string }> = [
    { name: 'procedures: text search, page of 20 with agencies and sectors', token, query: `{ procedures(first: 20, filter: {text: "giấy phép"}) { totalCount nodes { code name sectors { name } implementingAgencies { name level } } } }` },
    { name: 'procedure(code): live read from the national database', token, query: `query($c: ID!) { procedure(code: $c) { code name channels { timeLimits { duration fees { amount } } } } }`, variables: { c: code } },
    { name: 'dossiers: province officer, late ones, page of 50 with procedure and agency', token, query: `{ dossiers(first: 50, filter: {late: true}) { totalCount nodes { code status { code label } procedure { name } agency { name } applicant { name idNumber } } } }` },
    { name: 'dossiers: national sync, all provinces, page of 50', token: sync, query: `{ dossiers(first: 50) { totalCount nodes { code province status { code } receivedAt appointmentAt onTime } } }` },
    { name: 'dossierStatistics: a province over one year', token, query: `{ dossierStatistics(agency: "000.00.00.H56", from: "2025-01-01T00:00:00+07:00", to: "2026-01-01T00:00:00+07:00") { received processed onTime late onlineRate onTimeRate } }` },
  ];

  const pool = new Pool(running.url, { connections: CONCURRENCY });
  const upstreams = [demo.simulators.nationalProcedures, ...demo.simulators.provinces];
  for (const s of scenarios) {
    const body = JSON.stringify({ query: s.query, variables: s.variables });
    const latencies: number[] = [];
    let errors = 0;
    for (const u of upstreams) u.resetStats();
    const end = performance.now() + DURATION_MS;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          const started = performance.now();
          const res = await pool.request({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` }, body });
          const text = await res.body.text();
          if (res.statusCode !== 200 || text.includes('"errors"')) errors += 1;
          latencies.push(performance.now() - started);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const pct = (p: number): string => ms(latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))]!);
    const calls = upstreams.reduce((sum, u) => sum + u.stats.requests, 0);
    console.log(
      `${s.name}\n  ${(latencies.length / (DURATION_MS / 1000)).toFixed(0)} req/s, p50 ${pct(50)}, p95 ${pct(95)}, p99 ${pct(99)}, errors ${errors}/${latencies.length}, upstream calls per request ${(calls / latencies.length).toFixed(2)}`,
    );
  }
  const mem = process.memoryUsage();
  console.log(`memory (gateway + simulators in one process): rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  await pool.close();
  await running.close();
  await demo.close();
  if (process.env.BENCH_SIGNATURES !== '0') await runSignatureBench();
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(1)} ms`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
