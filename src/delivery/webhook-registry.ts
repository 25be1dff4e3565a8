import { randomBytes, randomUUID } from 'node:crypto';
import { agencyDepth, agencyPath, parseAgencyCode } from '../domain';
import { GatewayError } from '../errors';
import { WEBHOOK_EVENTS, type Delivery, type Store, type Webhook, type WebhookEvent, type WebhookListing } from '../store';
import { webhookHostRefusal } from './webhook-address';
import { WEBHOOKS_CONSUMER } from './webhook-calls';

/** What a registration asks for. */
export interface WebhookRegistration {
  agency: string;
  url: string;
  /** @default every event */
  events?: readonly string[] | null;
  /** The signing secret the application chose; one is made when absent. */
  secret?: string | null;
}

export interface WebhookRegistry {
  /** Validates and keeps a registration; the secret is answered here once and never again. */
  register(input: WebhookRegistration, createdBy: Webhook['createdBy']): Promise<Webhook>;
  /** The registration without its secret (answered only at registration), readable whatever became of its key. */
  get(id: string): Promise<WebhookListing | null>;
  /** The webhooks of an agency and the units under it, without their secrets. */
  list(agencyCode: string): Promise<WebhookListing[]>;
  /** Deletes it and cancels what was still to send to it; resolves false when there was none. */
  delete(id: string): Promise<boolean>;
  deadLetters(options: { first: number; afterId?: string; webhookId?: string }): Promise<{ items: Delivery[]; hasNextPage: boolean }>;
  retryDeadLetters(options: { ids?: readonly string[]; webhookId?: string }): Promise<number>;
}

const SECRET = /^[\x21-\x7e]{32,256}$/;

/**
 * Webhook registrations: URLs checked (absolute, https unless `allowHttp`, no credentials
 * or fragment, at most 2,000 characters, no host of this machine or its link by address or
 * as `localhost`: `webhookHostRefusal`; names are judged again at each call), events from `WEBHOOK_EVENTS`, a secret of 32–256
 * printable characters or one made of 32 random bytes, at most `maxPerAgency` per agency.
 * Who may register for which agency is the resolvers' rule (`webhooks:manage`, acting for
 * the agency); this keeps the registrations and their dead letters.
 */
export function createWebhookRegistry({ store, maxPerAgency = 20, allowHttp = false, allowLoopback = false }: { store: Store; maxPerAgency?: number; allowHttp?: boolean; allowLoopback?: boolean }): WebhookRegistry {
  return {
    async register({ agency, url, events, secret }, createdBy) {
      const agencyCode = parseAgencyCode(agency)?.code;
      if (!agencyCode) throw new GatewayError('BAD_USER_INPUT', `"agency" must be an agency code such as 000.00.41.H56; got ${JSON.stringify(agency.slice(0, 40))}`);
      const target = checkUrl(url, allowHttp, allowLoopback);
      const wanted = checkEvents(events);
      if (secret !== undefined && secret !== null && !SECRET.test(secret)) {
        throw new GatewayError('BAD_USER_INPUT', `"secret" must be 32 to 256 printable ASCII characters without spaces; got ${secret.length} characters`);
      }
      const webhook: Webhook = {
        id: `wh_${randomUUID().replaceAll('-', '')}`,
        agencyCode,
        url: target,
        events: wanted,
        secret: secret ?? `whsec_${randomBytes(32).toString('base64url')}`,
        createdBy,
        createdAt: new Date(),
      };
      // Counted and kept in one step by the store: concurrent registrations cannot pass the cap together.
      if (!(await store.webhooks.create(webhook, maxPerAgency))) {
        throw new GatewayError('BAD_USER_INPUT', `agency ${agencyCode} has ${maxPerAgency} webhooks already, the most one agency may register; delete one first`);
      }
      return webhook;
    },
    get: (id) => store.webhooks.find(id),
    async list(agencyCode) {
      const parsed = parseAgencyCode(agencyCode);
      if (!parsed) throw new GatewayError('BAD_USER_INPUT', `"agency" must be an agency code such as 000.00.41.H56; got ${JSON.stringify(agencyCode.slice(0, 40))}`);
      const depth = agencyDepth(parsed);
      return store.webhooks.list({ depth, path: agencyPath(parsed, depth) });
    },
    async delete(id) {
      const deleted = await store.webhooks.delete(id);
      if (deleted) await store.deliveries.cancelTarget(WEBHOOKS_CONSUMER, id, 'the webhook was deleted');
      return deleted;
    },
    deadLetters: ({ first, afterId, webhookId }) => store.deliveries.dead(WEBHOOKS_CONSUMER, { first, ...(afterId ? { afterId } : {}), ...(webhookId ? { target: webhookId } : {}) }),
    retryDeadLetters: ({ ids, webhookId }) => store.deliveries.retryDead(WEBHOOKS_CONSUMER, { ...(ids ? { ids } : {}), ...(webhookId ? { target: webhookId } : {}) }),
  };
}

function checkUrl(value: string, allowHttp: boolean, allowLoopback: boolean): string {
  const shown = JSON.stringify(value.slice(0, 80));
  const refuse = (why: string): never => {
    throw new GatewayError('BAD_USER_INPUT', `"url" ${why}; got ${shown}`);
  };
  if (value.length > 2000) refuse('must be at most 2,000 characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) refuse(allowHttp ? 'must be an http or https URL' : 'must be an https URL (delivery.webhooks.allowHttp permits http on closed networks)');
  if (url.username || url.password) refuse('must not carry credentials');
  if (url.hash) refuse('must not carry a fragment');
  const refusal = webhookHostRefusal(url.hostname, { allowLoopback });
  if (refusal) refuse(`must not name a host of this machine or its link: ${url.hostname} ${refusal}${allowLoopback ? '' : ' (delivery.webhooks.allowLoopback permits loopback for tests)'}`);
  return url.href;
}

function checkEvents(events: readonly string[] | null | undefined): WebhookEvent[] {
  if (events === null || events === undefined) return [...WEBHOOK_EVENTS];
  const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (events.length === 0 || unknown.length > 0) {
    throw new GatewayError('BAD_USER_INPUT', `"events" must name one or more of ${WEBHOOK_EVENTS.join(', ')}; got ${JSON.stringify(events.slice(0, 5))}`);
  }
  return [...new Set(events)] as WebhookEvent[];
}
