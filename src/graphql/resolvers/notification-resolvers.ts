import { canReadAgency, canSeeAgency } from '../../auth';
import { NO_CHANNEL, type StatusChangeEvent } from '../../delivery';
import { DOSSIER_STATUS_LABELS, isWithinAgency, parseAgencyCode, startOfVietnamDay, vietnamDayOfMs } from '../../domain';
import { dossierScope, recordOf } from '../../dossiers';
import { GatewayError } from '../../errors';
import type {
  DossierStatusChangeResolvers,
  MutationResolvers,
  NotificationChannel,
  QueryResolvers,
  SubscriptionResolvers,
  WebhookDeadLetterResolvers,
  WebhookEvent,
  WebhookResolvers,
} from '../../generated/graphql';
import type { DeliveryDayCount, WebhookEvent as StoredWebhookEvent } from '../../store';
import { canSee, needJurisdiction, needScope, needToActFor } from '../authorize';
import type { GatewayContext } from '../context';
import { checkPageSize, decodeCursor, encodeCursor } from '../paginate';
import { freshnessOf } from './dossier-resolvers';

const EVENT_NAMES: Record<WebhookEvent, StoredWebhookEvent> = { DOSSIER_STATUS_CHANGED: 'dossier.status_changed' };
const EVENT_ENUMS = Object.fromEntries(Object.entries(EVENT_NAMES).map(([e, name]) => [name, e])) as Record<StoredWebhookEvent, WebhookEvent>;
const CHANNEL_ENUMS: Record<string, NotificationChannel> = { 'zalo-zns': 'ZALO_ZNS', 'sms-brandname': 'SMS_BRANDNAME' };
/** The longest period `notificationStatistics` answers, in days. */
const MAX_STATISTICS_DAYS = 366;

/** An agency code argument, checked (BAD_USER_INPUT) and normalised. */
function agencyArgument(value: string, name = 'agency'): string {
  const code = parseAgencyCode(value)?.code;
  if (!code) throw new GatewayError('BAD_USER_INPUT', `"${name}" must be an agency code such as 000.00.41.H56; got ${JSON.stringify(value.slice(0, 40))}`);
  return code;
}

const status = (code: number) => ({ code, label: DOSSIER_STATUS_LABELS[code] ?? String(code) });

/** A calendar day `yyyy-MM-dd` as a Vietnam-time day number, and back. */
const dayOf = (date: string): number => vietnamDayOfMs(Date.parse(`${date}T00:00:00+07:00`));
const dateOf = (day: number): string => new Date(startOfVietnamDay(day) + 7 * 3_600_000).toISOString().slice(0, 10);

/** The per-day figures of `rows`, every day of [fromDay, toDay] and every channel configured or seen. */
function statisticsDays(rows: readonly DeliveryDayCount[], fromDay: number, toDay: number, configured: readonly string[]) {
  const channels = [...new Set([...configured, ...rows.map((r) => r.channel).filter((c) => c !== NO_CHANNEL)])].filter((c) => c in CHANNEL_ENUMS);
  const byDay = new Map<number, DeliveryDayCount[]>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  return Array.from({ length: toDay - fromDay + 1 }, (_, i) => {
    const day = fromDay + i;
    const of = (channel: string, outcome: string) => byDay.get(day)?.find((r) => r.channel === channel && r.outcome === outcome)?.count ?? 0;
    return {
      day: dateOf(day),
      channels: channels.map((c) => ({ channel: CHANNEL_ENUMS[c]!, sent: of(c, 'sent'), failed: of(c, 'failed') })),
      skipped: {
        noConsent: of(NO_CHANNEL, 'NO_CONSENT'),
        noMobilePhone: of(NO_CHANNEL, 'NO_MOBILE_PHONE'),
        statusNotAnnounced: of(NO_CHANNEL, 'STATUS_NOT_ANNOUNCED'),
        noChannel: of(NO_CHANNEL, 'NO_CHANNEL'),
      },
    };
  });
}

export const notificationQueries: Pick<QueryResolvers, 'webhooks' | 'webhookDeadLetters' | 'notificationStatistics'> = {
  async webhooks(_root, { agency }, ctx) {
    needScope(ctx, 'webhooks:manage');
    const code = agencyArgument(agency);
    needJurisdiction(ctx, code);
    return ctx.sources.delivery.webhooks.list(code);
  },
  async webhookDeadLetters(_root, { webhookId, first, after }, ctx) {
    needScope(ctx, 'sync:admin');
    const size = checkPageSize(first, 20);
    const page = await ctx.sources.delivery.webhooks.deadLetters({ first: size, ...(after ? { afterId: decodeCursor(after) } : {}), ...(webhookId ? { webhookId } : {}) });
    const last = page.items[page.items.length - 1];
    return {
      nodes: page.items,
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: Boolean(after), startCursor: page.items[0] ? encodeCursor(page.items[0].id) : null, endCursor: last ? encodeCursor(last.id) : (after ?? null) },
    };
  },
  async notificationStatistics(_root, { agency, from, to }, ctx) {
    needScope(ctx, 'dossiers:read');
    const code = agencyArgument(agency);
    needJurisdiction(ctx, code);
    const fromDay = dayOf(from);
    const toDay = dayOf(to);
    if (toDay < fromDay) throw new GatewayError('BAD_USER_INPUT', `"to" must be on or after "from"; got ${from} and ${to}`);
    if (toDay - fromDay + 1 > MAX_STATISTICS_DAYS) throw new GatewayError('BAD_USER_INPUT', `a period of at most ${MAX_STATISTICS_DAYS} days is counted; got ${toDay - fromDay + 1}`);
    const scope = dossierScope('everything', { agency: code })!;
    const rows = await ctx.sources.delivery.statistics(scope, fromDay, toDay);
    return { agency: code, days: statisticsDays(rows, fromDay, toDay, ctx.sources.delivery.channels) };
  },
};

export const notificationMutations: Pick<MutationResolvers, 'registerWebhook' | 'deleteWebhook' | 'retryWebhookDeliveries'> = {
  async registerWebhook(_root, { input }, ctx) {
    needScope(ctx, 'webhooks:manage');
    const agency = agencyArgument(input.agency, 'input.agency');
    needToActFor(ctx, agency);
    const webhook = await ctx.sources.delivery.webhooks.register(
      { agency, url: input.url, events: input.events?.map((e) => EVENT_NAMES[e]) ?? null, secret: input.secret ?? null },
      { subject: ctx.principal.subject, clientId: ctx.principal.clientId },
    );
    return { webhook, secret: webhook.secret };
  },
  async deleteWebhook(_root, { id }, ctx) {
    needScope(ctx, 'webhooks:manage');
    const webhook = await ctx.sources.delivery.webhooks.get(id);
    // Another agency's webhook answers as if there were none.
    if (!webhook || !canSeeAgency(ctx.principal, webhook.agencyCode)) return false;
    return ctx.sources.delivery.webhooks.delete(id);
  },
  async retryWebhookDeliveries(_root, { webhookId, ids }, ctx) {
    needScope(ctx, 'sync:admin');
    return ctx.sources.delivery.webhooks.retryDeadLetters({ ...(ids ? { ids } : {}), ...(webhookId ? { webhookId } : {}) });
  },
};

export const notificationSubscriptions: Pick<SubscriptionResolvers, 'dossierStatusChanged'> = {
  dossierStatusChanged: {
    /**
     * The caller's stream of status changes: `dossiers:read`, the filter's agency within
     * its jurisdiction, and every event tested with `canReadAgency` for this principal
     * before it is queued, so nothing outside the jurisdiction is ever resolved for it.
     */
    subscribe(_root, { filter }, ctx) {
      needScope(ctx, 'dossiers:read');
      const agency = filter?.agency ? agencyArgument(filter.agency, 'filter.agency') : null;
      if (agency !== null) needJurisdiction(ctx, agency);
      const { principal } = ctx;
      // Capped per connection and per token subject (delivery.subscriptions), so one caller cannot take every slot.
      const owner = { connection: ctx.connection ?? ctx, principal: principal.subject ?? principal.clientId };
      return ctx.sources.delivery.feed.subscribe((event) => canReadAgency(principal, event.agencyCode) && (agency === null || isWithinAgency(event.agencyCode, agency)), owner);
    },
    resolve: (event: StatusChangeEvent) => event,
  },
};

export const DossierStatusChange: DossierStatusChangeResolvers = {
  id: (e) => String(e.seq),
  dossierCode: (e) => e.code,
  previousStatus: (e) => (e.oldStatus === null ? null : status(e.oldStatus)),
  status: (e) => status(e.newStatus),
  changedAt: (e) => e.at,
  async dossier(e, _args, ctx: GatewayContext) {
    if (!canSee(ctx, e.agencyCode)) return null;
    const [stored, provinces] = await Promise.all([ctx.sources.dossiers.get(e.code), ctx.sources.dossiers.provinces()]);
    if (!stored || !canSee(ctx, stored.facts.agencyCode)) return null;
    return { ...recordOf(stored), agencyCode: stored.facts.agencyCode, freshness: freshnessOf(provinces.find((p) => p.source === stored.facts.source)) };
  },
};

export const Webhook: WebhookResolvers = {
  events: (w) => w.events.map((e) => EVENT_ENUMS[e]),
  createdByClient: (w) => w.createdBy.clientId,
};

export const WebhookDeadLetter: WebhookDeadLetterResolvers = {
  webhookId: (d) => d.target,
  dossierCode: (d) => d.change.code,
  version: (d) => d.change.version,
  reason: (d) => d.lastError,
  changedAt: (d) => d.change.at,
  failedAt: (d) => d.settledAt,
};
