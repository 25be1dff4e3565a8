import { toNationalProcedureCode, DOSSIER_STATUS_LABELS } from '../../domain';
import { agencyOfDossierCode, dossierScope, provinceOfDossierCode, recordOf, timelinessOf, vietnamToday, type ProvinceFreshness } from '../../dossiers';
import { GatewayError } from '../../errors';
import type { DossierConnectionResolvers, DossierFilter, DossierResolvers, DossierStatusResolvers, InputMaybe, QueryResolvers } from '../../generated/graphql';
import type { DossierQuery, StoredDossier } from '../../store';
import type { GatewayContext } from '../context';
import type { DossierModel, FreshnessModel } from '../models';
import { canSee, needJurisdiction, needScope } from '../authorize';
import { checkPageSize, decodeCursor, encodeCursor } from '../paginate';

const NOT_DATED = { stale: false, asOf: null, reason: null } satisfies FreshnessModel;

/** How current a province's copy is, as a dossier's `freshness` shows it. */
export function freshnessOf(p: ProvinceFreshness | undefined): FreshnessModel {
  return p ? { stale: p.stale || !p.loaded, asOf: p.asOf, reason: p.reason ?? (p.loaded ? null : 'UPSTREAM_TIMEOUT') } : NOT_DATED;
}

/**
 * The freshness of the provinces behind an answer (the oldest of them), after noting in
 * `warnings` every province still on its first read, failing or behind, by name.
 */
async function provinceFreshness(ctx: GatewayContext): Promise<{ overall: FreshnessModel; bySource: Map<string, FreshnessModel> }> {
  const { dossiers } = ctx.sources;
  const [provinces, warnings] = await Promise.all([dossiers.provinces(), dossiers.warnings()]);
  ctx.warnings.push(...warnings);
  const bySource = new Map(provinces.map((p) => [p.source, freshnessOf(p)]));
  const oldest = provinces.reduce<Date | null>((min, p) => (p.asOf && (!min || p.asOf < min) ? p.asOf : min), null);
  const worst = provinces.find((p) => !p.loaded || p.stale);
  return { overall: { stale: worst !== undefined, asOf: oldest, reason: worst ? (worst.reason ?? 'UPSTREAM_TIMEOUT') : null }, bySource };
}

function toMs(value: InputMaybe<Date | string> | undefined, name: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) throw new GatewayError('BAD_USER_INPUT', `"${name}" must be an instant; got ${JSON.stringify(String(value).slice(0, 40))}`);
  return ms;
}

/** The store query of a `DossierFilter` for the calling principal, or null when the answer is empty by jurisdiction. */
function storeQuery(ctx: GatewayContext, filter: InputMaybe<DossierFilter> | undefined): DossierQuery | null {
  const jurisdiction = ctx.principal.scopes.has('sync:admin') ? 'everything' : ctx.principal.agencyCode;
  const scope = dossierScope(jurisdiction, filter ?? undefined);
  if (scope === null) return null;
  const procedure = filter?.procedure ? (toNationalProcedureCode(filter.procedure) ?? filter.procedure) : undefined;
  const receivedFromMs = toMs(filter?.receivedFrom, 'receivedFrom');
  const receivedToMs = toMs(filter?.receivedTo, 'receivedTo');
  return {
    ...(scope ? { scope } : {}),
    ...(filter?.status && filter.status.length > 0 ? { statuses: filter.status } : {}),
    ...(filter?.channel ? { channel: filter.channel } : {}),
    ...(procedure ? { procedure } : {}),
    ...(receivedFromMs !== undefined ? { receivedFromMs } : {}),
    ...(receivedToMs !== undefined ? { receivedToMs } : {}),
    ...(filter?.late !== null && filter?.late !== undefined ? { late: filter.late } : {}),
    today: vietnamToday(),
  };
}

function modelOf(stored: StoredDossier, freshness: FreshnessModel): DossierModel {
  return { ...recordOf(stored), agencyCode: stored.facts.agencyCode, freshness };
}

export const dossierQueries: Pick<QueryResolvers, 'dossier' | 'dossiers' | 'dossierStatistics'> = {
  async dossier(_root, { code }, ctx) {
    needScope(ctx, 'dossiers:read');
    if (provinceOfDossierCode(code) === null) {
      throw new GatewayError('BAD_USER_INPUT', `"code" must be a dossier code such as 000.00.20.H56-240315-0001; got ${JSON.stringify(code)}`);
    }
    // A province that is not configured holds no dossier of ours: the same answer as an unknown code.
    if (!ctx.sources.dossiers.connectorFor(code)) return null;
    // Outside the caller's jurisdiction, a dossier answers as if it did not exist: no
    // upstream call is made and nothing tells it apart from an unknown code.
    if (!canSee(ctx, agencyOfDossierCode(code))) return null;
    const dossier = await ctx.loaders.liveDossier.load(code);
    return dossier && canSee(ctx, dossier.agencyCode ?? agencyOfDossierCode(code)) ? dossier : null;
  },
  async dossiers(_root, { filter, first, after }, ctx) {
    needScope(ctx, 'dossiers:read');
    if (filter?.agency) needJurisdiction(ctx, filter.agency);
    const size = checkPageSize(first, 20);
    const afterKey = after ? decodeCursor(after) : undefined;
    const query = storeQuery(ctx, filter);
    const { overall, bySource } = await provinceFreshness(ctx);
    if (query === null) {
      return { edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: afterKey !== undefined, startCursor: after ?? null, endCursor: after ?? null }, count: async () => 0, freshness: overall };
    }
    const page = await ctx.sources.dossiers.list(query, { first: size, ...(afterKey !== undefined ? { afterKey } : {}) });
    const edges = page.items.map((stored) => ({ cursor: encodeCursor(stored.sortKey), node: modelOf(stored, bySource.get(stored.facts.source) ?? NOT_DATED) }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: afterKey !== undefined,
        // An empty page (first: 0) stays where it was asked to start, so its cursors continue from there.
        startCursor: edges[0]?.cursor ?? after ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? after ?? null,
      },
      count: () => ctx.sources.dossiers.count(query),
      freshness: overall,
    };
  },
  async dossierStatistics(_root, { agency, from, to }, ctx) {
    needScope(ctx, 'dossiers:read');
    needJurisdiction(ctx, agency);
    const fromMs = toMs(from, 'from')!;
    const toMsValue = toMs(to, 'to')!;
    if (!(fromMs < toMsValue)) throw new GatewayError('BAD_USER_INPUT', `"from" must be before "to"; got ${String(from)} and ${String(to)}`);
    await provinceFreshness(ctx);
    const scope = dossierScope('everything', { agency });
    if (!scope) throw new GatewayError('BAD_USER_INPUT', `"agency" must be an agency code such as 000.00.41.H56; got ${JSON.stringify(agency.slice(0, 40))}`);
    const counts = await ctx.sources.dossiers.statistics({ scope, fromMs, toMs: toMsValue, today: vietnamToday() });
    return {
      received: counts.received,
      processed: counts.processed,
      onTime: counts.onTime,
      late: counts.late,
      inProgress: counts.inProgress,
      overdue: counts.overdue,
      onlineRate: counts.received === 0 ? null : counts.online / counts.received,
      onTimeRate: counts.processed === 0 ? null : counts.onTime / counts.processed,
    };
  },
};

export const DossierConnection: DossierConnectionResolvers = {
  // Counted only when asked for: a count reads rollups (or an index), not the page.
  totalCount: (connection) => connection.count(),
};

export const Dossier: DossierResolvers = {
  province: (d) => d.source,
  procedure: (d, _args, ctx) => {
    const national = ctx.sources.nationalCodeOf(d);
    return national ? ctx.loaders.procedureNow(national) : null;
  },
  sector: (d, _args, ctx) => {
    if (!d.sector) return null;
    const known = ctx.loaders.sectorNow(d.sector.code);
    return { code: d.sector.code, name: known.name ?? d.sector.name };
  },
  agency: (d, _args, ctx) => {
    if (!d.agencyCode) return null;
    const agency = ctx.loaders.agencyNow(d.agencyCode);
    return agency.name === null ? { ...agency, name: d.agencyName } : agency;
  },
  onTime: (d) => timelinessOf(d).onTime,
  steps: async (d, _args, ctx) => {
    if (d.steps !== null) return d.steps;
    // The province lists dossiers without their steps and these were not read yet: read this one.
    const full = await ctx.loaders.liveDossier.load(d.code);
    return full?.steps ?? [];
  },
};

export const DossierStatus: DossierStatusResolvers = {
  label: (s) => (s.code === null ? null : (DOSSIER_STATUS_LABELS[s.code] ?? null)),
};

