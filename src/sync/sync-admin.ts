import { mapPortalDossier, type NationalPortalConnector } from '../../connectors/national-portal';
import { mapLimit } from '../../connectors/kit';
import { vietnamDayOfMs } from '../domain';
import { recordOf, type DossierPlane, type ProvinceSyncState } from '../dossiers';
import { GatewayError } from '../errors';
import type { OutboxEntry, Store } from '../store';
import { PORTAL_CONSUMER, type PortalPusher } from './portal-pusher';

/** One province's sync, as `syncStatus` answers it. */
export interface ProvinceSyncReport {
  source: string;
  province: string;
  phase: ProvinceSyncState['phase'];
  loadingPercent: number | null;
  dossiers: number;
  lastReadAt: Date | null;
  lagSeconds: number | null;
  cursor: Date | null;
  lastPass: ProvinceSyncState['lastPass'];
  pending: number;
  inFlight: number;
  pushedToday: number;
  failedToday: number;
  deadLetters: number;
  oldestPendingAt: Date | null;
  paused: boolean;
}

/** A difference between a province's dossier and the portal's copy of it. */
export interface PortalDifference {
  code: string;
  kind: 'MISSING' | 'DIFFERENT';
  fields: string[];
  status: number | null;
  portalStatus: number | null;
}

export interface SyncAdmin {
  status(): Promise<ProvinceSyncReport[]>;
  deadLetters(options: { source?: string; first: number; afterCode?: string }): Promise<{ items: OutboxEntry[]; hasNextPage: boolean }>;
  retryDeadLetters(options: { source?: string; codes?: readonly string[] }): Promise<number>;
  resync(source: string, fromMs: number): Promise<number>;
  setPaused(source: string, paused: boolean): Promise<ProvinceSyncReport>;
  reconcile(source: string, fromMs: number, toMs: number, first: number, afterKey?: string): Promise<{ compared: number; differences: PortalDifference[]; nextKey: string | null }>;
}

export interface SyncAdminOptions {
  store: Store;
  dossiers: DossierPlane;
  /** Each configured province: its source name and level-1 code. */
  provinces: ReadonlyArray<{ name: string; province: string }>;
  portal: NationalPortalConnector | null;
  pusher: PortalPusher | null;
  /** Portal look-ups in flight during a reconciliation. @default 4 */
  concurrency?: number;
}

/**
 * What the national sync's operators see and do (`sync:admin`): each province's read and
 * push state, dead letters and their retry, a re-push from a date, pause and resume, and
 * a reconciliation that compares a period of a province's dossiers with the portal's.
 */
export function createSyncAdmin({ store, dossiers, provinces, portal, pusher, concurrency = 4 }: SyncAdminOptions): SyncAdmin {
  const known = new Map(provinces.map((p) => [p.name, p]));
  const bySource = (source: string): { name: string; province: string } => {
    const province = known.get(source) ?? provinces.find((p) => p.province === source);
    if (!province) throw new GatewayError('BAD_USER_INPUT', `"province" must be a configured province (${provinces.map((p) => `${p.name} or ${p.province}`).join(', ')}); got ${JSON.stringify(source.slice(0, 40))}`);
    return province;
  };
  const requirePortal = (): NationalPortalConnector => {
    if (!portal) throw new GatewayError('BAD_USER_INPUT', 'no national portal is configured (sources.nationalPortal)');
    return portal;
  };

  async function status(): Promise<ProvinceSyncReport[]> {
    const today = vietnamDayOfMs(Date.now());
    const [freshness, depth, days, paused, states] = await Promise.all([
      dossiers.provinces(),
      store.outbox.depth(PORTAL_CONSUMER),
      store.outbox.dayCounts(PORTAL_CONSUMER, today),
      store.outbox.paused(PORTAL_CONSUMER),
      Promise.all(provinces.map(async (p) => (await store.dossiers.loadCheckpoint(p.name))?.state as unknown as ProvinceSyncState | undefined)),
    ]);
    const flying = pusher?.inFlight() ?? {};
    return provinces.map((p, i) => {
      const f = freshness.find((x) => x.source === p.name);
      const d = depth.find((x) => x.source === p.name);
      const day = days.find((x) => x.source === p.name);
      const state = states[i];
      const cursor = state?.updatedSince ?? state?.receivedSince ?? null;
      return {
        source: p.name,
        province: p.province,
        phase: state?.phase ?? 'backfill',
        loadingPercent: f?.loadingPercent ?? null,
        dossiers: f?.dossiers ?? 0,
        lastReadAt: f?.asOf ?? null,
        lagSeconds: f?.lagMs === null || f?.lagMs === undefined ? null : Math.round(f.lagMs / 1000),
        cursor: cursor === null ? null : new Date(cursor),
        lastPass: state?.lastPass ?? null,
        pending: d?.pending ?? 0,
        inFlight: flying[p.name] ?? 0,
        pushedToday: day?.delivered ?? 0,
        failedToday: day?.failed ?? 0,
        deadLetters: d?.dead ?? 0,
        oldestPendingAt: d?.oldestPendingAt ?? null,
        paused: paused.includes(p.name),
      };
    });
  }

  return {
    status,
    deadLetters: ({ source, ...page }) => store.outbox.dead(PORTAL_CONSUMER, { ...page, ...(source ? { source: bySource(source).name } : {}) }),
    retryDeadLetters: ({ source, codes }) => store.outbox.retryDead(PORTAL_CONSUMER, { ...(source ? { source: bySource(source).name } : {}), ...(codes ? { codes } : {}) }),
    resync: (source, fromMs) => store.outbox.enqueueSince(PORTAL_CONSUMER, bySource(source).name, fromMs),
    async setPaused(source, paused) {
      const { name } = bySource(source);
      await store.outbox.setPaused(PORTAL_CONSUMER, name, paused);
      return (await status()).find((s) => s.source === name)!;
    },
    async reconcile(source, fromMs, toMs, first, afterKey) {
      const target = requirePortal();
      const { name, province } = bySource(source);
      const page = await dossiers.list(
        { scope: { depth: 1, path: province }, receivedFromMs: fromMs, receivedToMs: toMs, today: vietnamDayOfMs(Date.now()) },
        { first, ...(afterKey ? { afterKey } : {}) },
      );
      const ours = page.items.filter((d) => d.facts.source === name);
      const theirs = await mapLimit(ours, concurrency, (d) => target.lookUpDossier(d.facts.code));
      const failed = theirs.find((t): t is Error => t instanceof Error);
      if (failed) throw failed;
      const differences: PortalDifference[] = [];
      ours.forEach((stored, i) => {
        const portalCopy = theirs[i] as Record<string, unknown> | null;
        const status = stored.facts.status;
        if (portalCopy === null) {
          differences.push({ code: stored.facts.code, kind: 'MISSING', fields: [], status, portalStatus: null });
          return;
        }
        const mapped = mapPortalDossier({ dossier: { ...recordOf(stored), agencyCode: stored.facts.agencyCode }, nationalProcedureCode: stored.facts.procedure });
        const expected: Record<string, unknown> = mapped.ok ? (mapped.dossier as unknown as Record<string, unknown>) : {};
        const fields = Object.keys(expected).filter((key) => key in portalCopy && JSON.stringify(expected[key]) !== JSON.stringify(portalCopy[key]));
        const portalStatus = Number(portalCopy.TrangThaiHoSo);
        if (fields.length > 0) differences.push({ code: stored.facts.code, kind: 'DIFFERENT', fields, status, portalStatus: Number.isInteger(portalStatus) ? portalStatus : null });
      });
      return { compared: ours.length, differences, nextKey: page.hasNextPage ? page.items[page.items.length - 1]!.sortKey : null };
    },
  };
}
