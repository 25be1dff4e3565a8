import path from 'node:path';
import { openSqliteReader } from '../../src/store/sqlite/open-sqlite-reader';
import { startBenchWorld } from '../harness/start-bench-world';
import { runLoad, percentile, type LoadResult } from '../harness/run-load';
import { COMPARED_OPERATIONS } from './operations';

export interface PortalPushOptions {
  dossiersPerProvince: number;
  dataDir: string;
  /** The portal answers every call this much later. */
  latencyMs: number;
  /** Longest time given to the backlog's push, seconds. */
  seconds: number;
  /** Pushes per second allowed (`push.ratePerSecond`). */
  ratePerSecond: number;
  /** Seconds between sync passes (`dossiers.syncIntervalSeconds`) during the lag rounds. */
  syncIntervalSeconds: number;
}

export interface PortalPushResult {
  latencyMs: number;
  ratePerSecond: number;
  concurrencyPerProvince: number;
  syncIntervalSeconds: number;
  /**
   * The backlog the first read enqueued (dossiers received since RECEIVED_SINCE), from the
   * moment the first read is done (the push runs during it too): what was pending then, and
   * how fast it left.
   */
  backlog: { pendingAtStart: number; pushed: number; seconds: number; pushesPerSecond: number; drained: boolean };
  /** From a status change in a province to the portal holding it, under the dashboard at concurrency 4. */
  lag: {
    changes: number;
    arrived: number;
    /** Seconds from the change to the store accepting it (the sync's share), p50 / p95 / max. */
    toStore: { p50: number; p95: number; max: number };
    /** Seconds from the change to the portal's write of it. */
    toPortal: { p50: number; p95: number; max: number };
    load: LoadResult;
  };
}

/** Dossiers received from about sixty days before the simulators' "now" are pushed; earlier ones count as on the portal. */
const RECEIVED_SINCE = '2026-09-01';

/**
 * Issue 11: the national portal's push. A province-sized backlog (every dossier received
 * since RECEIVED_SINCE, enqueued by the first read) pushed to a portal answering in
 * `latencyMs`: pushes per second. Then rounds of status changes in every province, with
 * the provinces synced every `syncIntervalSeconds` and the dashboard under load meanwhile:
 * how long each change takes to reach the store and then the portal.
 */
export async function runPortalPush(options: PortalPushOptions): Promise<PortalPushResult> {
  const concurrency = 4;
  const world = await startBenchWorld({
    dossiersPerProvince: options.dossiersPerProvince,
    dataDir: options.dataDir,
    beforeGateway: (sources) => sources.call('setPortalLatency', { ms: options.latencyMs }),
    configure: (config) => {
      config.sources.nationalPortal.push = { enabled: true, receivedSince: RECEIVED_SINCE, ratePerSecond: options.ratePerSecond, concurrency, pollMs: 200 };
      config.sources.dossiers = { syncIntervalSeconds: options.syncIntervalSeconds, waitMs: 0, reconcileIntervalHours: 0 };
    },
  });
  const db = openSqliteReader(path.join(options.dataDir, 'lienthong.db'));
  try {
    const pending = (): number => db.get<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE consumer = 'portal' AND state = 'pending'")!.n;
    // The backlog: from now (the first read is done; the push started during it) until empty or the time is up.
    const startPending = pending();
    const started = performance.now();
    let left = startPending;
    while (left > 0 && performance.now() - started < options.seconds * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      left = pending();
    }
    const backlogSeconds = (performance.now() - started) / 1000;
    const backlog = { pendingAtStart: startPending, pushed: startPending - left, seconds: backlogSeconds, pushesPerSecond: (startPending - left) / backlogSeconds, drained: left === 0 };

    // Lag under load: six rounds ten seconds apart, 20 status changes per province each.
    const codes = world.sources.ready.procedureCodes;
    const dashboard = COMPARED_OPERATIONS[0]!;
    const loadPromise = runLoad({
      url: world.gateway.ready.url,
      concurrency: 4,
      seconds: 75,
      warmupSeconds: 0,
      next: () => ({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${world.sources.ready.tokens[dashboard.principal]}` },
        body: JSON.stringify({ query: dashboard.query, variables: dashboard.variables?.({ worker: 0, previous: null, codes }) }),
      }),
    });
    const changes = new Map<string, { to: number; madeAt: number }>();
    for (let round = 0; round < 6; round++) {
      const results = await world.changeRound({ advanceMs: 60_000, count: 20 });
      for (const r of results) for (const m of r.mutated) changes.set(m.code, { to: m.to, madeAt: r.madeAt });
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
    const all = [...changes.keys()];
    const deadline = Date.now() + 120_000;
    let arrivedAt: Array<number | null> = [];
    for (;;) {
      const writes = await world.sources.call<Array<Array<{ at: number; status: number }>>>('portalWrites', { codes: all });
      arrivedAt = all.map((code, i) => writes[i]!.find((w) => w.at >= changes.get(code)!.madeAt && w.status === changes.get(code)!.to)?.at ?? null);
      if (arrivedAt.every((t) => t !== null) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const storedAt = all.map((code) => db.get<{ at: number | null }>('SELECT MIN(at) AS at FROM dossier_change WHERE code = ? AND at >= ?', [code, changes.get(code)!.madeAt])?.at ?? null);
    const seconds = (times: Array<number | null>) => {
      const lags = times.flatMap((t, i) => (t === null ? [] : [(t - changes.get(all[i]!)!.madeAt) / 1000])).sort((a, b) => a - b);
      return { p50: percentile(lags, 50), p95: percentile(lags, 95), max: lags[lags.length - 1] ?? Number.NaN };
    };
    const load = await loadPromise;
    return {
      latencyMs: options.latencyMs,
      ratePerSecond: options.ratePerSecond,
      concurrencyPerProvince: concurrency,
      syncIntervalSeconds: options.syncIntervalSeconds,
      backlog,
      lag: { changes: all.length, arrived: arrivedAt.filter((t) => t !== null).length, toStore: seconds(storedAt), toPortal: seconds(arrivedAt), load },
    };
  } finally {
    db.close();
    await world.close();
  }
}
