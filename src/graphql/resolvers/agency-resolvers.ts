import { isWithinAgency, parentAgencyCode } from '../../domain';
import { normalizeText } from '../../catalogue';
import type { AgencyResolvers, QueryResolvers } from '../../generated/graphql';
import { needScope } from '../authorize';
import { paginateSorted } from '../paginate';

export const agencyQueries: Pick<QueryResolvers, 'agency' | 'agencies' | 'sectors'> = {
  async agency(_root, { code }, ctx) {
    needScope(ctx, 'procedures:read');
    await ctx.sources.catalogue.whenLoaded(ctx.catalogueWaitMs);
    return ctx.sources.catalogue.getAgency(code) ?? null;
  },
  async agencies(_root, { filter, first, after }, ctx) {
    needScope(ctx, 'procedures:read');
    const { catalogue } = ctx.sources;
    await catalogue.whenLoaded(ctx.catalogueWaitMs);
    const words = filter?.text ? normalizeText(filter.text).split(' ').filter(Boolean) : [];
    const matches = catalogue.listAgencies().filter((a) => {
      if (filter?.level && a.level !== filter.level) return false;
      if (filter?.within && !isWithinAgency(a.code, filter.within)) return false;
      if (words.length === 0) return true;
      const key = normalizeText(`${a.code} ${a.name ?? ''}`);
      return words.every((w) => key.includes(w));
    });
    return paginateSorted(matches, (a) => a.code, { first, after }, (a) => a, catalogue.freshness(), 100);
  },
  async sectors(_root, _args, ctx) {
    needScope(ctx, 'procedures:read');
    await ctx.sources.catalogue.whenLoaded(ctx.catalogueWaitMs);
    return ctx.sources.catalogue.listSectors();
  },
};

export const Agency: AgencyResolvers = {
  parent: (agency, _args, ctx) => {
    const parent = parentAgencyCode(agency.code);
    return parent ? ctx.loaders.agencyNow(parent) : null;
  },
};
