import { toInternationalPhone } from '../../src/domain';
import { checkReady, sendFailure, type Connector, type HttpClientStats } from '../kit';
import { createZnsClient } from './client';
import type { ZaloZnsOptions } from './config';
import { fitTemplateData } from './fit-template-data';

export type { ZaloZnsOptions } from './config';
export { createMemoryTokenStore } from './token-store';
export type { ZaloTokens, ZaloTokenStore } from './token-store';
export { truncateGraphemes, fitTemplateData } from './fit-template-data';

/** A template message to one citizen. */
export interface ZnsMessage {
  /** The recipient's phone in any Vietnamese form; sent in 84… form. */
  phone: string;
  templateId: string;
  /** The template's parameters; declared ones are shortened to their limits. */
  templateData: Record<string, string>;
  /** Stable per (dossier change, channel): a retried send is recognisable by it. */
  trackingId: string;
}

/** A message the channel took. `duplicate`: the provider had delivered this tracking id before, and did not send it again. */
export interface ChannelReceipt {
  delivered: true;
  providerId: string | null;
  duplicate: boolean;
  sentAt: string | null;
}

/** The Zalo Notification Service in the gateway's terms: one template message per call. */
export interface ZaloZnsConnector extends Connector {
  readonly kind: 'zalo-zns';
  readonly stats: HttpClientStats;
  /**
   * Sends one template message. Resolves when Zalo took it (or had taken this tracking id
   * before); rejects with a catalogue error carrying `retryable` and, when the answer was
   * lost, `outcomeUnknown` (a retry must reuse the tracking id).
   */
  send(message: ZnsMessage): Promise<ChannelReceipt>;
}

export function createZaloZnsConnector(options: ZaloZnsOptions): ZaloZnsConnector {
  const name = options.name ?? 'zalo-zns';
  const client = createZnsClient({ ...options, name });
  const limits = options.templateLimits ?? {};
  return {
    name,
    kind: 'zalo-zns',
    stats: client.http.stats,
    resilience: client.http.resilience,
    async send({ phone, templateId, templateData, trackingId }) {
      const international = toInternationalPhone(phone);
      if (international === null) throw sendFailure('BAD_USER_INPUT', `${name} cannot send to ${JSON.stringify(phone.slice(0, 20))}: not a Vietnamese mobile number`, { source: name, retryable: false });
      const accepted = await client.send({ phone: international, template_id: templateId, template_data: fitTemplateData(templateData, limits[templateId]), tracking_id: trackingId });
      return { delivered: true, providerId: accepted.msgId, duplicate: accepted.duplicate, sentAt: accepted.sentAt };
    },
    checkReady: () => checkReady(name, 'zalo-zns', async () => ({ quota: await client.quota() }), client.http.resilience),
    close: () => client.close(),
  };
}
