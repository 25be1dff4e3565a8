import { GatewayError } from '../../errors';
import type { CodeName } from '../../domain/procedure';
import type { GatewayContext } from '../context';
import type { ProcedureResolvers, QueryResolvers } from '../../generated/graphql';
import type { AgencyModel, ProcedureModel } from '../models';
import { needScope } from '../authorize';
import { paginateSorted } from '../paginate';

function agenciesOf(refs: CodeName[], ctx: GatewayContext): AgencyModel[] {
  return refs.map((ref) => {
    const agency = ctx.loaders.agencyNow(ref.code);
    return agency.name === null ? { ...agency, name: ref.name } : agency;
  });
}

async function proceduresOf(refs: CodeName[], ctx: GatewayContext): Promise<ProcedureModel[]> {
  const results = await ctx.loaders.procedure.loadMany(refs.map((r) => r.code));
  // A related procedure the source no longer knows is left out rather than failing the parent.
  return results.filter((p): p is ProcedureModel => p !== null && !(p instanceof Error));
}

export const procedureQueries: Pick<QueryResolvers, 'procedure' | 'procedures'> = {
  async procedure(_root, { code }, ctx) {
    needScope(ctx, 'procedures:read');
    if (ctx.sources.nationalProcedures.toNationalCode(code) === null) {
      throw new GatewayError('BAD_USER_INPUT', `"code" must be a national procedure code such as 1.001612 or a local variant such as 1.003560.000.00.00.H56; got ${JSON.stringify(code)}`);
    }
    return ctx.loaders.liveProcedure.load(code);
  },
  async procedures(_root, { filter, first, after }, ctx) {
    needScope(ctx, 'procedures:read');
    const { catalogue } = ctx.sources;
    await catalogue.whenLoaded(ctx.catalogueWaitMs);
    const matches = catalogue.findProcedures(filter ?? {});
    const freshness = catalogue.freshness();
    return paginateSorted(matches, (p) => p.code, { first, after }, (record) => ({ ...record, freshness }), freshness);
  },
};

export const Procedure: ProcedureResolvers = {
  publishingAgency: (p, _args, ctx) => (p.publishingAgencyCode ? ctx.loaders.agencyNow(p.publishingAgencyCode) : null),
  sectors: (p, _args, ctx) => p.sectors.map((ref) => {
    const sector = ctx.loaders.sectorNow(ref.code);
    return { ...sector, name: sector.name ?? ref.name };
  }),
  applicantTypes: (p) => p.applicantTypes,
  implementingAgencies: (p, _args, ctx) => agenciesOf(p.implementingAgencies, ctx),
  competentAgencies: (p, _args, ctx) => agenciesOf(p.competentAgencies, ctx),
  authorizedAgencies: (p, _args, ctx) => agenciesOf(p.authorizedAgencies, ctx),
  coordinatingAgencies: (p, _args, ctx) => agenciesOf(p.coordinatingAgencies, ctx),
  relatedProcedures: (p, _args, ctx) => proceduresOf(p.relatedProcedures, ctx),
  interconnectedProcedures: (p, _args, ctx) => proceduresOf(p.interconnectedProcedures, ctx),
};
