import { createHash } from 'node:crypto';
import { fetch as undiciFetch, type Dispatcher } from 'undici';
import { agencyDepth, agencyPath, parseAgencyCode } from '../domain';
import { recordOf } from '../dossiers';
import type { Logger } from '../log';
import { buildWebhookPayload, signWebhook } from '../notifications';
import { isUnsealFailure, type Delivery, type DeliveryPlan, type Store, type Webhook, type WebhookListing } from '../store';
import type { DeliveryAttempt, DeliveryConsumer } from './create-change-dispatcher';
import { createWebhookDispatcher, WEBHOOK_ADDRESS_REFUSED } from './create-webhook-dispatcher';
import { toNotificationChange, type StatusChangeEvent } from './status-event';

/** The consumer name of webhook calls in the store. */
export const WEBHOOKS_CONSUMER = 'webhooks';

/** The header carrying the event id, for receivers that de-duplicate before reading the body. */
export const EVENT_ID_HEADER = 'x-lienthong-event-id';

/** The id of the event one webhook receives for one change: the same on every try, unique per (change, webhook). */
export function webhookEventId(webhookId: string, code: string, version: number): string {
  return `evt_${createHash('sha256').update(`${webhookId}\u0000${code}\u0000${version}`).digest('hex').slice(0, 32)}`;
}

/** The path of the unit an agency code names, at its own depth: what every code under it shares (`isWithinAgency`). */
function rootPathOf(agencyCode: string): string | null {
  const parsed = parseAgencyCode(agencyCode);
  return parsed ? agencyPath(parsed, agencyDepth(parsed)) : null;
}

/** The paths of an agency code at depth 1 to 4: one of them is the root path of every unit that holds it. */
function pathsOf(agencyCode: string): string[] {
  const parsed = parseAgencyCode(agencyCode);
  return parsed ? ([1, 2, 3, 4] as const).map((depth) => agencyPath(parsed, depth)) : [];
}

/** A `Retry-After` header (seconds or an HTTP date) in milliseconds from now, or undefined. */
function retryAfterMs(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d{1,7}$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface WebhookCallsOptions {
  store: Store;
  /** Where a webhook that cannot be called (its secret unreadable) is reported. */
  logger: Logger;
  /** One call's whole budget, connection included. @default 10000 */
  timeoutMs?: number;
  /** Let calls reach loopback addresses (`delivery.webhooks.allowLoopback`: tests, demos). @default false */
  allowLoopback?: boolean;
  /** What calls go through. @default createWebhookDispatcher({ allowLoopback }): only addresses a webhook may call */
  dispatcher?: Dispatcher;
  now?: () => number;
}

/** The reason a refused address gave, from a failed fetch's causes, or null when none was refused. */
function addressRefusalOf(err: unknown): string | null {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === WEBHOOK_ADDRESS_REFUSED) return String(e.message);
  }
  return null;
}

/** What a fetch failed with, its causes included (undici answers every failure "fetch failed"). */
function failureOf(err: unknown): string {
  const error = err as Error & { cause?: { message?: unknown; code?: unknown } };
  return error.cause?.message ? `${error.message}: ${String(error.cause.message)}` : error.message;
}

/**
 * Agency webhooks as a consumer of the change log. Planning gives each status change one
 * delivery per registered webhook whose agency holds the dossier's agency (its own code
 * or a unit under it), with the exact body fixed then (`buildWebhookPayload`: codes,
 * statuses, procedure and appointment, never the applicant), so every try sends the same
 * bytes. A try signs the body afresh (`signWebhook`: a new timestamp, within the
 * receiver's replay window) with the webhook's secret and POSTs it; only a 2xx answer
 * delivers it. Redirects are not followed (the registered URL is the one called), and the
 * address connected to is judged after DNS (`createWebhookDispatcher`): one a webhook may
 * not call is never contacted, and the call fails for good. A failure is retried with
 * backoff (a `Retry-After` honoured), except a 410 Gone; a webhook deleted meanwhile
 * cancels its deliveries; one whose secret does not unseal fails its own calls only.
 */
export function createWebhookCalls({ store, logger, timeoutMs = 10_000, allowLoopback = false, dispatcher = createWebhookDispatcher({ allowLoopback }), now = Date.now }: WebhookCallsOptions): DeliveryConsumer {
  const log = logger.child({ component: 'webhook-calls' });
  return {
    name: WEBHOOKS_CONSUMER,

    async plan(events: readonly StatusChangeEvent[]) {
      // Registrations are few (a cap per agency); read once per batch, so one registered now
      // hears the next batch. Found by the agency path each is rooted at, so matching a
      // change costs four look-ups however many webhooks there are. Listed without their
      // secrets: one that does not unseal fails only that webhook's calls, at sending.
      const byRoot = new Map<string, WebhookListing[]>();
      for (const hook of await store.webhooks.list(null)) {
        const root = rootPathOf(hook.agencyCode);
        if (root !== null && hook.events.includes('dossier.status_changed')) byRoot.set(root, [...(byRoot.get(root) ?? []), hook]);
      }
      const matches = events.map((event) => pathsOf(event.agencyCode).flatMap((path) => byRoot.get(path) ?? []));
      const wanted = events.filter((_, i) => matches[i]!.length > 0);
      const stored = new Map((await store.dossiers.getMany(wanted.map((e) => e.code))).flatMap((d) => (d ? [[d.facts.code, d] as const] : [])));
      const deliveries: DeliveryPlan[] = [];
      events.forEach((event, i) => {
        const dossier = stored.get(event.code);
        if (!dossier) return;
        const record = recordOf(dossier);
        const change = { seq: event.seq, code: event.code, version: event.version, agencyCode: event.agencyCode, oldStatus: event.oldStatus, newStatus: event.newStatus, at: event.at };
        for (const hook of matches[i]!) {
          const { body } = buildWebhookPayload(toNotificationChange(event), record, webhookEventId(hook.id, event.code, event.version));
          deliveries.push({ id: `${event.seq}/${hook.id}`, change, target: hook.id, channel: 'webhook', rank: 0, held: false, payload: body });
        }
      });
      return { deliveries, counts: [] };
    },

    async deliver(delivery: Delivery): Promise<DeliveryAttempt> {
      let hook: Webhook | null;
      try {
        hook = await store.webhooks.get(delivery.target);
      } catch (err) {
        // A secret that does not unseal (its data key gone, the row changed) is this webhook's fault alone; the store being down is not.
        if (!isUnsealFailure(err)) throw err;
        log.error({ err, webhookId: delivery.target, id: delivery.id }, 'a webhook\'s signing secret could not be unsealed; its calls fail until it is re-registered or its data key configured');
        return { kind: 'failed', error: `STORE_UNAVAILABLE: the webhook's signing secret could not be unsealed (${(err as Error).message})`, retryable: true };
      }
      if (!hook) return { kind: 'cancelled', reason: 'the webhook was deleted' };
      const body = delivery.payload ?? '';
      const eventId = webhookEventId(hook.id, delivery.change.code, delivery.change.version);
      let response: Response;
      try {
        response = (await undiciFetch(hook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'lienthong-webhooks/1', [EVENT_ID_HEADER]: eventId, ...signWebhook(body, hook.secret, now()) },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
          dispatcher,
        })) as unknown as Response;
      } catch (err) {
        // Never contacted: the address is not one a webhook may call, and trying again changes nothing until its DNS or registration does.
        const refused = addressRefusalOf(err);
        if (refused !== null) return { kind: 'failed', error: `UPSTREAM_UNAVAILABLE: not called: ${refused}`, retryable: false };
        const timedOut = (err as Error).name === 'TimeoutError';
        return { kind: 'failed', error: timedOut ? `UPSTREAM_TIMEOUT: no answer within ${timeoutMs} ms` : `UPSTREAM_UNAVAILABLE: ${failureOf(err)}`, retryable: true };
      }
      // The answer's body is not read: only its status counts.
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { kind: 'delivered', providerId: null, duplicate: false };
      const wait = retryAfterMs(response.headers.get('retry-after'), now());
      return { kind: 'failed', error: `UPSTREAM_ERROR: the receiver answered HTTP ${response.status}`, retryable: response.status !== 410, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
    },
  };
}
