import type { GraphQLResolveInfo } from 'graphql';
import { isWithinAgency } from '../../domain';
import { provinceOfDossierCode } from '../../dossiers';
import { GatewayError } from '../../errors';
import type { QueryDossierArgs, QueryDossiersArgs, QueryDossierStatisticsArgs, RequireFields } from '../../generated/graphql';
import { canSee } from '../authorize';
import type { GatewayContext } from '../context';
import type { DossierConnectionModel } from '../models';
import { dossierQueries } from '../resolvers/dossier-resolvers';
import { callResolver } from './call-resolver';
import { provinceFieldName, type SubgraphProvince } from './subgraph-type-defs';

/** What a `Province` field resolves from: its code. */
export interface ProvinceModel {
  code: string;
}

type Field<TArgs> = (province: ProvinceModel, args: TArgs, ctx: GatewayContext, info: GraphQLResolveInfo) => unknown;

/** The province's own agency, the root of its code hierarchy: `000.00.00.H56`. */
function provinceAgency(code: string): string {
  return `000.00.00.${code}`;
}

/**
 * The `province<Code>` root fields of the configured provinces and the `Province` type
 * (schema/federation.graphql). Each field answers as the root field it narrows
 * (`dossier`, `dossiers`, `dossierStatistics`), through the same resolver, hence the same
 * scope, jurisdiction, masking and loaders, restricted to the province.
 */
export function provinceResolvers(provinces: readonly SubgraphProvince[]): {
  Query: Record<string, () => ProvinceModel>;
  Province: { agency: Field<unknown>; dossier: Field<QueryDossierArgs>; dossiers: Field<RequireFields<QueryDossiersArgs, 'first'>>; dossierStatistics: Field<QueryDossierStatisticsArgs> };
} {
  return {
    Query: Object.fromEntries(provinces.map(({ province }) => [provinceFieldName(province), () => ({ code: province })])),
    Province: {
      agency: (province, _args, ctx) => ctx.loaders.agency.load(provinceAgency(province.code)),
      dossier(province, args, ctx, info) {
        const of = provinceOfDossierCode(args.code);
        // A malformed code is refused as Query.dossier refuses it; another province's answers as an unknown one.
        if (of !== null && of !== province.code) return null;
        return callResolver(dossierQueries.dossier, {}, args, ctx, info);
      },
      dossiers(province, args, ctx, info) {
        const root = provinceAgency(province.code);
        const agency = args.filter?.agency;
        if (agency) {
          if (!isWithinAgency(agency, root)) throw new GatewayError('BAD_USER_INPUT', `"filter.agency" must be an agency of province ${province.code}; got ${JSON.stringify(agency.slice(0, 40))}`);
          return callResolver(dossierQueries.dossiers, {}, args, ctx, info);
        }
        // Without an agency, Query.dossiers answers the caller's jurisdiction; here, its part in this province.
        const own = ctx.principal.agencyCode;
        if (own !== null && isWithinAgency(own, root)) return callResolver(dossierQueries.dossiers, {}, args, ctx, info);
        if (canSee(ctx, root)) return callResolver(dossierQueries.dossiers, {}, { ...args, filter: { ...args.filter, agency: root, includeSubordinates: true } }, ctx, info);
        return emptyPage(args.after ?? null);
      },
      dossierStatistics(province, args, ctx, info) {
        if (!isWithinAgency(args.agency, provinceAgency(province.code))) {
          throw new GatewayError('BAD_USER_INPUT', `"agency" must be an agency of province ${province.code}; got ${JSON.stringify(args.agency.slice(0, 40))}`);
        }
        return callResolver(dossierQueries.dossierStatistics, {}, args, ctx, info);
      },
    },
  };
}

/** The page of a caller who may see nothing of the province: as Query.dossiers answers a jurisdiction with no dossiers. */
function emptyPage(after: string | null): DossierConnectionModel {
  return {
    edges: [],
    nodes: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: after !== null, startCursor: after, endCursor: after },
    count: async () => 0,
    freshness: { stale: false, asOf: null, reason: null },
  };
}
