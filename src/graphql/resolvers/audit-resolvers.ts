import { requireJurisdiction, requireScope } from '../../auth';
import type { AuditFilter as StoredFilter, AuditOutcome as StoredOutcome } from '../../store';
import type { AuditEntryResolvers, AuditFilter, QueryResolvers } from '../../generated/graphql';
import { GatewayError } from '../../errors';
import type { GatewayContext } from '../context';

const OUTCOMES: Record<string, StoredOutcome> = { SUCCESS: 'success', ERROR: 'error', REJECTED: 'rejected' };

export const auditQueries: Pick<QueryResolvers, 'auditLog'> = {
  async auditLog(_root, { filter, first, after }, ctx) {
    const size = first ?? 50;
    const agencyCode = readableAgency(ctx, filter);
    if (!Number.isInteger(size) || size < 1 || size > 1000) throw new GatewayError('BAD_USER_INPUT', `"first" must be an integer from 1 to 1000; got ${String(first)}`);
    const result = await ctx.auditLog.query(
      {
        ...(agencyCode !== undefined && { agencyCode }),
        from: filter?.from ? new Date(String(filter.from)) : undefined,
        to: filter?.to ? new Date(String(filter.to)) : undefined,
        access: filter?.access ? (filter.access.toLowerCase() as 'graphql' | 'attachment' | 'lookup') : undefined,
        operationName: filter?.operationName ?? undefined,
        outcome: filter?.outcome ? OUTCOMES[filter.outcome] : undefined,
        errorCode: filter?.errorCode ?? undefined,
        subject: filter?.subject ?? undefined,
        clientId: filter?.client ?? undefined,
      },
      { first: size, after: after ?? undefined },
    );
    return { nodes: result.items, totalCount: result.totalCount, pageInfo: { hasNextPage: result.nextCursor !== null, endCursor: result.nextCursor } };
  },
};

/**
 * The agency whose entries the caller may read with this filter: `undefined` for every
 * entry and `null` for the entries of no agency (both `audit:security` only), else one
 * agency code. An agency's auditor (`audit:read`) reads one agency within its
 * jurisdiction, its own by default; the entries of anonymous and refused requests belong
 * to no agency, so only the security auditor reads them.
 */
function readableAgency(ctx: GatewayContext, filter: AuditFilter | null | undefined): StoredFilter['agencyCode'] {
  const security = ctx.principal.scopes.has('audit:security');
  if (!security) requireScope(ctx.principal, 'audit:read');
  if (filter?.withoutAgency && filter.agency) throw new GatewayError('BAD_USER_INPUT', '"withoutAgency" and "agency" exclude each other: give one of them');
  if (security) return filter?.withoutAgency ? null : (filter?.agency ?? undefined);
  if (filter?.withoutAgency) requireScope(ctx.principal, 'audit:security');
  const agency = filter?.agency ?? ctx.principal.agencyCode;
  if (!agency) throw new GatewayError('FORBIDDEN_JURISDICTION', 'reading the audit log needs an agency: the caller acts for none and the filter names none');
  requireJurisdiction(ctx.principal, agency);
  return agency;
}

export const AuditEntry: AuditEntryResolvers = {
  access: (e) => (e.access === 'attachment' ? 'ATTACHMENT' : e.access === 'lookup' ? 'LOOKUP' : 'GRAPHQL'),
  attachment: (e) => (e.attachment ? { document: e.attachment.documentId, contentId: e.attachment.contentId } : null),
  outcome: (e) => (e.outcome === 'success' ? 'SUCCESS' : e.outcome === 'error' ? 'ERROR' : 'REJECTED'),
  records: (e) => Object.entries(e.records).map(([type, count]) => ({ type, count })),
  client: (e) => e.clientId,
  principal: (e) => e.clientId ?? e.subject,
  agency: (e, _a, ctx) => (e.agencyCode ? ctx.loaders.agencyNow(e.agencyCode) : null),
};
