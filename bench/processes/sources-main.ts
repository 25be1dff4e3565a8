/**
 * Bench process: every simulated source of the demo but the provinces (the national
 * procedure database, the exchange axis, the national portal, Zalo, SMS) and the demo's
 * token issuer, on loopback. The provinces run in processes of their own
 * (`province-main.ts`), so that serving millions of dossiers uses every core. Sends, when
 * ready, the gateway's configuration without provinces, tokens, and what the provinces
 * need of the national data (the agency directory and the local procedures).
 */
import { startDemoSources } from '../../src/demo/start-demo-sources';
import type { Fault } from '../../simulators/kit';
import { serveCommands } from '../harness/ipc';

export interface SourcesReady {
  config: Record<string, unknown>;
  /** Bearer tokens by principal name: the demo's, plus `document-clerk-h41`. */
  tokens: Record<string, string>;
  /** The national directory, as every simulator shares it. */
  agencies: Array<{ MADONVI: string; TENDONVI: string; CAPDONVI: string }>;
  /** Procedures of the province, district and commune levels: what provinces handle. */
  localProcedures: Array<{ code: string; name: string; sectorCode: string; sectorName: string }>;
  /** Every national procedure code, in the catalogue's order. */
  procedureCodes: string[];
  urls: { national: string; axis: string; portal: string };
}

/** Upstream calls each simulator counted, by operation. */
export type SimCounts = Record<string, { requests: number; byOperation: Record<string, number> }>;

async function main(): Promise<void> {
  const seed = Number(process.env.BENCH_SEED ?? 20240315);
  const demo = await startDemoSources({ seed, dossiersPerProvince: 0 });
  const { nationalProcedures, documentExchange, nationalPortal } = demo.simulators;
  const { data } = nationalProcedures;
  // The same selection startDemoSources makes for its provinces: procedures of the
  // province, district and commune levels, with their first sector.
  const sectorOf = new Map(data.sectors.map((s) => [s.MALINHVUC, s.TENLINHVUC]));
  const localProcedures = data.procedures
    .filter((p) => (p.CAPTHUCHIEN ?? []).some((c) => ['1', '2', '3'].includes(c.CAPTHUCHIEN.trim())))
    .map((p) => {
      const sector = (p.LINHVUCTHUCHIEN ?? [])[0];
      return { code: p.MATTHC.trim(), name: p.TENTTHC.trim(), sectorCode: sector?.MALINHVUC ?? '', sectorName: sector?.TENLINHVUC ?? sectorOf.get(sector?.MALINHVUC ?? '') ?? '' };
    });
  const clerk = await demo.issuer.issue({ client_id: 'bench-qlvb-h41', sub: 'van-thu-h41', agency: '000.00.00.H41', scope: 'documents:read procedures:read' }, { expiresIn: '12h' });
  const sims = { national: nationalProcedures, axis: documentExchange, portal: nationalPortal };
  const ready: SourcesReady = {
    config: demo.config as Record<string, unknown>,
    tokens: { ...Object.fromEntries(demo.tokens.map((t) => [t.name, t.token])), 'document-clerk-h41': clerk },
    agencies: data.agencies.map(({ MADONVI, TENDONVI, CAPDONVI }) => ({ MADONVI, TENDONVI, CAPDONVI })),
    localProcedures,
    procedureCodes: data.procedures.map((p) => p.MATTHC.trim()),
    urls: { national: nationalProcedures.url, axis: documentExchange.url, portal: nationalPortal.url },
  };
  const latency = (ms: number): Fault => (ms > 0 ? { mode: 'slow', delayMs: ms } : { mode: 'none' });
  serveCommands(
    {
      stats: (): SimCounts => Object.fromEntries(Object.entries(sims).map(([name, sim]) => [name, { requests: sim.stats.requests, byOperation: { ...sim.stats.byOperation } }])),
      resetStats: () => Object.values(sims).forEach((sim) => sim.resetStats()),
      /** Every upstream call to the national database and the axis waits `ms` first. */
      setLatency: ({ ms }: { ms: number }) => [nationalProcedures, documentExchange].forEach((sim) => sim.setFault(latency(ms))),
      setPortalLatency: ({ ms }: { ms: number }) => nationalPortal.setFault(latency(ms)),
      /** For each code, the portal's accepted dossier writes: when, and the national status written. */
      portalWrites: ({ codes }: { codes: string[] }) =>
        codes.map((code) =>
          nationalPortal
            .state(code)
            .history.filter((w) => w.record !== undefined)
            .map((w) => ({ at: Date.parse(w.at), status: Number(w.record!.TrangThaiHoSo) })),
        ),
    },
    ready,
    () => demo.close(),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
