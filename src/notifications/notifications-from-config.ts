import path from 'node:path';
import { createSmsBrandnameConnector, type SmsBrandnameConnector } from '../../connectors/sms-brandname';
import { createZaloZnsConnector, type ZaloZnsConnector } from '../../connectors/zalo-zns';
import type { GatewayConfig } from '../config';
import { consentPolicy } from './consent-policy';
import type { ChannelName, NotificationPolicy } from './decide-notifications';
import { createFileTokenStore } from './file-token-store';
import { rateLimitedChannel, type SmsChannel, type ZnsChannel } from './notification-channel';
import { STATUS_TEMPLATES, ZNS_PARAM_LIMITS } from './templates';

/** The file of the data directory the Official Account's rotated tokens are kept in. */
export const ZALO_TOKEN_FILE = 'zalo-tokens.json';

/** The citizen channels a configuration describes, ready for the delivery engine. */
export interface Notifications {
  policy: NotificationPolicy;
  channels: { 'zalo-zns'?: ZnsChannel; 'sms-brandname'?: SmsChannel };
  /** The connectors behind the channels, for readiness checks and shutdown. */
  connectors: Array<ZaloZnsConnector | SmsBrandnameConnector>;
  close(): Promise<void>;
}

/**
 * Builds the channels and the policy of the `notifications` config section: Zalo first
 * when configured (cheaper, richer), SMS after it; each channel behind its own rate limit;
 * the OA's tokens in `zalo-tokens.json` of the data directory, starting from the
 * configured refresh token. Null when the section is absent.
 */
export function notificationsFromConfig(section: GatewayConfig['notifications'], { dataDir }: { dataDir: string }): Notifications | null {
  if (!section) return null;
  const channels: Notifications['channels'] = {};
  const connectors: Notifications['connectors'] = [];
  const order: ChannelName[] = [];
  const templateIds: Record<number, string> = Object.fromEntries(Object.entries(section.zaloZns?.templateIds ?? {}).map(([status, id]) => [Number(status), id]));
  if (section.zaloZns) {
    const { ratePerSecond, burst, templateIds: _ids, refreshToken, ...options } = section.zaloZns;
    const templateLimits = Object.fromEntries(Object.values(STATUS_TEMPLATES).map((t) => [templateIds[t.status] ?? t.znsTemplateId, { ...ZNS_PARAM_LIMITS }]));
    const connector = createZaloZnsConnector({ ...options, tokenStore: createFileTokenStore(path.resolve(dataDir, ZALO_TOKEN_FILE), { refreshToken }), templateLimits });
    connectors.push(connector);
    channels['zalo-zns'] = rateLimitedChannel(connector, { capacity: burst, refillPerSecond: ratePerSecond });
    order.push('zalo-zns');
  }
  if (section.smsBrandname) {
    const { ratePerSecond, burst, ...options } = section.smsBrandname;
    const connector = createSmsBrandnameConnector(options);
    connectors.push(connector);
    channels['sms-brandname'] = rateLimitedChannel(connector, { capacity: burst, refillPerSecond: ratePerSecond });
    order.push('sms-brandname');
  }
  return {
    policy: {
      channels: order,
      consent: consentPolicy({ byDefault: section.consent.default, provinces: section.consent.provinces }),
      statuses: new Set(section.statuses),
      znsTemplateIds: templateIds,
      delivery: section.delivery,
    },
    channels,
    connectors,
    async close() {
      await Promise.all(connectors.map((c) => c.close()));
    },
  };
}
