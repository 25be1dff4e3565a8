import { GatewayError } from '../../errors';
import type { MutationResolvers, QueryResolvers } from '../../generated/graphql';
import type { ProvinceSyncReport } from '../../sync';
import { needScope } from '../authorize';
import { checkPageSize, decodeCursor, encodeCursor } from '../paginate';

function instant(value: Date | string, name: string): number {
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) throw new GatewayError('BAD_USER_INPUT', `"${name}" must be an instant; got ${JSON.stringify(String(value).slice(0, 40))}`);
  return ms;
}

/** A report as the schema's ProvinceSyncStatus (enum spelling, pass dates as they are). */
function toStatus(report: ProvinceSyncReport) {
  const pass = report.lastPass;
  return {
    ...report,
    phase: report.phase === 'backfill' ? ('BACKFILL' as const) : ('STEADY' as const),
    lastPass: pass ? { ...pass, at: new Date(pass.at), durationMs: Math.round(pass.durationMs) } : null,
  };
}

export const syncQueries: Pick<QueryResolvers, 'syncStatus' | 'deadLetters' | 'portalReconciliation'> = {
  async syncStatus(_root, _args, ctx) {
    needScope(ctx, 'sync:admin');
    return (await ctx.sources.syncAdmin.status()).map(toStatus);
  },
  async deadLetters(_root, { province, first, after }, ctx) {
    needScope(ctx, 'sync:admin');
    const size = checkPageSize(first, 20);
    const page = await ctx.sources.syncAdmin.deadLetters({ ...(province ? { source: province } : {}), first: size, ...(after ? { afterCode: decodeCursor(after) } : {}) });
    const last = page.items[page.items.length - 1];
    return {
      nodes: page.items.map((e) => ({ code: e.code, source: e.source, version: e.version, attempts: e.attempts, reason: e.lastError, enqueuedAt: e.enqueuedAt })),
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: Boolean(after), startCursor: page.items[0] ? encodeCursor(page.items[0].code) : null, endCursor: last ? encodeCursor(last.code) : (after ?? null) },
    };
  },
  async portalReconciliation(_root, { province, from, to, first, after }, ctx) {
    needScope(ctx, 'sync:admin');
    const fromMs = instant(from, 'from');
    const toMs = instant(to, 'to');
    if (!(fromMs < toMs)) throw new GatewayError('BAD_USER_INPUT', `"from" must be before "to"; got ${String(from)} and ${String(to)}`);
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > 200) throw new GatewayError('BAD_USER_INPUT', `"first" must be an integer from 1 to 200; got ${String(first)}`);
    const result = await ctx.sources.syncAdmin.reconcile(province, fromMs, toMs, size, after ? decodeCursor(after) : undefined);
    return { compared: result.compared, differences: result.differences, next: result.nextKey === null ? null : encodeCursor(result.nextKey) };
  },
};

export const syncMutations: Pick<MutationResolvers, 'retryDeadLetters' | 'resyncProvince' | 'pauseSync' | 'resumeSync'> = {
  async retryDeadLetters(_root, { province, codes }, ctx) {
    needScope(ctx, 'sync:admin');
    if (!province && !codes) throw new GatewayError('BAD_USER_INPUT', 'name a "province" or the "codes" to retry');
    return ctx.sources.syncAdmin.retryDeadLetters({ ...(province ? { source: province } : {}), ...(codes ? { codes } : {}) });
  },
  async resyncProvince(_root, { province, from }, ctx) {
    needScope(ctx, 'sync:admin');
    return ctx.sources.syncAdmin.resync(province, instant(from, 'from'));
  },
  async pauseSync(_root, { province }, ctx) {
    needScope(ctx, 'sync:admin');
    return toStatus(await ctx.sources.syncAdmin.setPaused(province, true));
  },
  async resumeSync(_root, { province }, ctx) {
    needScope(ctx, 'sync:admin');
    return toStatus(await ctx.sources.syncAdmin.setPaused(province, false));
  },
};
