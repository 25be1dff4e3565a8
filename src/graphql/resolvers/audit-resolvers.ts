import type { AuditOutcome as StoredOutcome } from '../../store';
import type { AuditEntryResolvers, QueryResolvers } from '../../generated/graphql';
import { GatewayError } from '../../errors';
import { needJurisdiction, needScope } from '../authorize';

const OUTCOMES: Record<string, StoredOutcome> = { SUCCESS: 'success', ERROR: 'error', REJECTED: 'rejected' };

export const auditQueries: Pick<QueryResolvers, 'auditLog'> = {
  async auditLog(_root, { filter, first, after }, ctx) {
    needScope(ctx, 'audit:read');
    const agency = filter?.agency ?? ctx.principal.agencyCode;
    if (!agency) throw new GatewayError('FORBIDDEN_JURISDICTION', 'reading the audit log needs an agency: the caller acts for none and the filter names none');
    needJurisdiction(ctx, agency);
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > 1000) throw new GatewayError('BAD_USER_INPUT', `"first" must be an integer from 1 to 1000; got ${String(first)}`);
    const result = await ctx.auditLog.query(
      {
        agencyCode: agency,
        from: filter?.from ? new Date(String(filter.from)) : undefined,
        to: filter?.to ? new Date(String(filter.to)) : undefined,
        operationName: filter?.operationName ?? undefined,
        outcome: filter?.outcome ? OUTCOMES[filter.outcome] : undefined,
        errorCode: filter?.errorCode ?? undefined,
        principalId: filter?.principal ?? undefined,
      },
      { first: size, after: after ?? undefined },
    );
    return { nodes: result.items, totalCount: result.totalCount, pageInfo: { hasNextPage: result.nextCursor !== null, endCursor: result.nextCursor } };
  },
};

export const AuditEntry: AuditEntryResolvers = {
  outcome: (e) => (e.outcome === 'success' ? 'SUCCESS' : e.outcome === 'error' ? 'ERROR' : 'REJECTED'),
  records: (e) => Object.entries(e.records).map(([type, count]) => ({ type, count })),
  principal: (e) => e.principalId,
  agency: (e, _a, ctx) => (e.agencyCode ? ctx.loaders.agency.load(e.agencyCode) : null),
};
