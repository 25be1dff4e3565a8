import { DOSSIER_STATUS_LABELS, type DossierRecord } from '../../domain';
import { computeDossierStatistics, dossierSortKey, matchDossier, provinceOfDossierCode, timelinessOf, type DossierQuery } from '../../dossiers';
import { GatewayError } from '../../errors';
import type { DossierResolvers, DossierStatusResolvers, InputMaybe, QueryResolvers } from '../../generated/graphql';
import type { GatewayContext } from '../context';
import type { DossierModel, FreshnessModel } from '../models';
import { canSee, needJurisdiction, needScope } from '../authorize';
import { paginateSorted } from '../paginate';

/**
 * Waits for the provinces' first sync and notes in `warnings` every province whose
 * dossiers are missing (never read) or served from an old copy, naming it.
 */
async function provinceCopies(ctx: GatewayContext): Promise<{ freshness: FreshnessModel; freshnessOf: (d: DossierRecord) => FreshnessModel }> {
  const { dossiers } = ctx.sources;
  await dossiers.whenTried(ctx.dossiersWaitMs);
  ctx.warnings.push(...dossiers.unavailable());
  const provinces = dossiers.provinces();
  for (const p of provinces.filter((p) => !p.loaded && p.reason === null)) {
    ctx.warnings.push(
      new GatewayError('UPSTREAM_TIMEOUT', `province ${p.province} (${p.source}) is still being read for the first time; its dossiers are missing from this answer`, {
        source: p.source,
        province: p.province,
      }),
    );
  }
  const bySource = new Map(provinces.map((p) => [p.source, { stale: p.stale, asOf: p.asOf, reason: p.reason }]));
  for (const p of provinces.filter((p) => p.loaded && p.stale)) {
    ctx.warnings.push(
      new GatewayError(p.reason ?? 'UPSTREAM_UNAVAILABLE', `province ${p.province} (${p.source}) could not be read; its dossiers are from the copy of ${p.asOf?.toISOString()}`, {
        source: p.source,
        province: p.province,
        servedStale: true,
      }),
    );
  }
  const loaded = provinces.filter((p) => p.loaded);
  const oldest = loaded.reduce<Date | null>((min, p) => (p.asOf && (!min || p.asOf < min) ? p.asOf : min), null);
  const worst = loaded.find((p) => p.stale) ?? provinces.find((p) => !p.loaded);
  return {
    freshness: { stale: worst !== undefined, asOf: oldest, reason: worst ? (worst.reason ?? 'UPSTREAM_TIMEOUT') : null },
    freshnessOf: (d) => bySource.get(d.source) ?? { stale: false, asOf: null, reason: null },
  };
}

function toDate(value: InputMaybe<Date | string> | undefined): Date | null {
  return value === null || value === undefined ? null : new Date(value);
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
    return dossier && canSee(ctx, dossier.agencyCode) ? dossier : null;
  },
  async dossiers(_root, { filter, first, after }, ctx) {
    needScope(ctx, 'dossiers:read');
    if (filter?.agency) needJurisdiction(ctx, filter.agency);
    const { freshness, freshnessOf } = await provinceCopies(ctx);
    const query: DossierQuery = {
      ...filter,
      receivedFrom: toDate(filter?.receivedFrom),
      receivedTo: toDate(filter?.receivedTo),
      status: filter?.status ?? null,
    };
    const inQuery = matchDossier(query, ctx.sources.nationalCodeOf);
    const matches = ctx.sources.dossiers.all().filter((d) => canSee(ctx, d.agencyCode) && inQuery(d));
    return paginateSorted(matches, dossierSortKey, { first, after }, (d): DossierModel => ({ ...d, freshness: freshnessOf(d) }), freshness);
  },
  async dossierStatistics(_root, { agency, from, to }, ctx) {
    needScope(ctx, 'dossiers:read');
    needJurisdiction(ctx, agency);
    const start = new Date(from);
    const end = new Date(to);
    if (!(start < end)) throw new GatewayError('BAD_USER_INPUT', `"from" must be before "to"; got ${String(from)} and ${String(to)}`);
    await provinceCopies(ctx);
    const predicate = matchDossier({ agency, includeSubordinates: true, receivedFrom: start, receivedTo: end }, ctx.sources.nationalCodeOf);
    return computeDossierStatistics(ctx.sources.dossiers.all().filter((d) => canSee(ctx, d.agencyCode) && predicate(d)));
  },
};

/** The agency part of a dossier code (`000.00.20.H56` of `000.00.20.H56-240315-0001`). */
function agencyOfDossierCode(code: string): string {
  return code.trim().split('-')[0] ?? '';
}

export const Dossier: DossierResolvers = {
  province: (d) => d.source,
  procedure: (d, _args, ctx) => {
    const national = ctx.sources.nationalCodeOf(d);
    return national ? ctx.loaders.procedure.load(national) : null;
  },
  sector: async (d, _args, ctx) => {
    if (!d.sector) return null;
    const known = await ctx.loaders.sector.load(d.sector.code);
    return { code: d.sector.code, name: known.name ?? d.sector.name };
  },
  agency: async (d, _args, ctx) => {
    if (!d.agencyCode) return null;
    const agency = await ctx.loaders.agency.load(d.agencyCode);
    return agency.name === null ? { ...agency, name: d.agencyName } : agency;
  },
  onTime: (d) => timelinessOf(d).onTime,
  steps: async (d, _args, ctx) => {
    if (d.steps !== null) return d.steps;
    // The province lists dossiers without their steps (the soap dialect): read this one.
    const full = await ctx.loaders.liveDossier.load(d.code);
    return full?.steps ?? [];
  },
};

export const DossierStatus: DossierStatusResolvers = {
  label: (s) => (s.code === null ? null : (DOSSIER_STATUS_LABELS[s.code] ?? null)),
};
