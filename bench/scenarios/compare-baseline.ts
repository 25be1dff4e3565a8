import { deepStrictEqual } from 'node:assert';
import path from 'node:path';
import { request } from 'undici';
import { SCRIPTS } from '../harness/bench-paths';
import { startChild, type BenchChild } from '../harness/ipc';
import type { BenchWorld } from '../harness/start-bench-world';
import type { BaselineOptions } from '../baseline/baseline-options';
import { gatewayCounters } from './dossier-queries';
import { measureOperation, profileOperation, type Counters, type Measurement } from './measure-operation';
import { selected, COMPARED_OPERATIONS, DOCUMENTS_AGENCY, FLOOR_OPERATION } from './operations';

/** Issue 12's targets. */
export const COMPARISON_TARGETS = { cpuRatio: 2, p99Ratio: 2 } as const;

/** One operation at one concurrency, gateway and baseline side by side. */
export interface Comparison {
  operation: string;
  concurrency: number;
  gateway: Measurement;
  baseline: Measurement;
  /** gateway ÷ baseline. */
  ratios: { perSecond: number; p50: number; p99: number; cpuMsPerOperation: number };
}

/** Starts the baseline over the world's store and sources, with the gateway's own settings for them. */
export async function startBaseline(world: BenchWorld): Promise<BenchChild<{ url: string }>> {
  const config = world.sources.ready.config as Record<string, any>;
  const national = config.sources.nationalProcedures;
  const system = config.sources.documentExchange.systems.find((s: { agencyCode: string }) => s.agencyCode === DOCUMENTS_AGENCY);
  const options: BaselineOptions = {
    dataDir: world.dataDir,
    auth: config.auth,
    national: { url: national.url, dstcode: national.dstcode, username: national.username, password: national.password, madonvi: '000.00.00.G22' },
    documents: { url: config.sources.documentExchange.url, name: system.name, systemId: system.systemId, secret: system.secret, agencyCode: system.agencyCode },
  };
  return startChild<{ url: string }>({ name: 'baseline', script: SCRIPTS.baseline, env: { BENCH_BASELINE: JSON.stringify(options) } });
}

function baselineCounters(baseline: BenchChild<{ url: string }>): Counters {
  return {
    usage: () => baseline.usage(),
    calls: () => baseline.call<Record<string, number>>('calls'),
  };
}

/**
 * Before anything is measured: every compared operation answers the same data from the
 * gateway and from the baseline (several procedure codes). Throws, showing both, when not.
 */
export async function checkSameAnswers(world: BenchWorld, baseline: BenchChild<{ url: string }>): Promise<number> {
  let checked = 0;
  for (const operation of [...COMPARED_OPERATIONS, FLOOR_OPERATION]) {
    for (let worker = 0; worker < (operation.variables ? 5 : 1); worker++) {
      const variables = operation.variables?.({ worker: 1000 + worker, previous: null, codes: world.sources.ready.procedureCodes });
      const token = world.sources.ready.tokens[operation.principal]!;
      const gateway = await request(`${world.gateway.ready.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: operation.query, variables }) });
      const fromGateway = (await gateway.body.json()) as { data?: unknown; errors?: unknown };
      const fromBaseline = (await (await request(`${baseline.ready.url}${operation.baselinePath!(variables)}`, { headers: { authorization: `Bearer ${token}` } })).body.json()) as { data?: unknown };
      if (fromGateway.errors) throw new Error(`${operation.name}: the gateway answered errors: ${JSON.stringify(fromGateway.errors).slice(0, 500)}`);
      try {
        deepStrictEqual(fromBaseline.data, fromGateway.data);
      } catch {
        throw new Error(`${operation.name} ${JSON.stringify(variables ?? {})}: the baseline's answer differs from the gateway's\n gateway:  ${JSON.stringify(fromGateway.data).slice(0, 1500)}\n baseline: ${JSON.stringify(fromBaseline.data).slice(0, 1500)}`);
      }
      checked += 1;
    }
  }
  return checked;
}

export interface CompareOptions {
  seconds: number;
  /**
   * Windows per side, alternating gateway and baseline; each side's quietest window (least
   * CPU per operation) is kept. Other work on a shared machine only ever adds CPU time
   * (cache misses, migrations), so the least is the closest to the code's own cost. @default 1
   */
  repeat?: number;
  concurrencies: readonly number[];
  /** Profiles the gateway during an extra window per operation, written to this folder. */
  profileDir?: string;
  profileStamp?: string;
}

/**
 * Issue 12: each compared operation, at each concurrency, on the gateway then on the
 * baseline (one after the other, never at once), with the servers' own CPU time.
 */
export async function compareWithBaseline(world: BenchWorld, baseline: BenchChild<{ url: string }>, { seconds, concurrencies, repeat = 1, profileDir, profileStamp = 'run' }: CompareOptions): Promise<{ comparisons: Comparison[]; profiles: string[] }> {
  const comparisons: Comparison[] = [];
  const profiles: string[] = [];
  const codes = world.sources.ready.procedureCodes;
  for (const operation of selected([...COMPARED_OPERATIONS, FLOOR_OPERATION])) {
    const token = world.sources.ready.tokens[operation.principal]!;
    for (const concurrency of concurrencies) {
      const common = { operation, concurrency, seconds, token, codes };
      let gateway: Measurement | null = null;
      let base: Measurement | null = null;
      for (let round = 0; round < repeat; round++) {
        const g = await measureOperation({ ...common, target: 'gateway', url: world.gateway.ready.url, counters: gatewayCounters(world) });
        const b = await measureOperation({ ...common, target: 'baseline', url: baseline.ready.url, counters: baselineCounters(baseline) });
        if (!gateway || g.cpuMsPerOperation < gateway.cpuMsPerOperation) gateway = g;
        if (!base || b.cpuMsPerOperation < base.cpuMsPerOperation) base = b;
      }
      comparisons.push({ operation: operation.name, concurrency, gateway: gateway!, baseline: base!, ratios: ratiosOf(gateway!, base!) });
    }
    if (profileDir) profiles.push(await profileOperation(world, operation, Math.max(...concurrencies), seconds, path.join(profileDir, `${profileStamp}-${operation.name}.cpuprofile`)));
  }
  return { comparisons, profiles };
}

function ratiosOf(gateway: Measurement, baseline: Measurement) {
  const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : a / b);
  return {
    perSecond: ratio(gateway.perSecond, baseline.perSecond),
    p50: ratio(gateway.p50, baseline.p50),
    p99: ratio(gateway.p99, baseline.p99),
    cpuMsPerOperation: ratio(gateway.cpuMsPerOperation, baseline.cpuMsPerOperation),
  };
}
