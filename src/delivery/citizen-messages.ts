import type { DossierRecord } from '../domain';
import { recordOf } from '../dossiers';
import { isGatewayError } from '../errors';
import { decideNotifications, type Notifications, type PlannedSend } from '../notifications';
import type { Delivery, DeliveryCount, DeliveryPlan, Store, StoredDossier } from '../store';
import type { DeliveryAttempt, DeliveryConsumer } from './create-change-dispatcher';
import { toNotificationChange, type StatusChangeEvent } from './status-event';

/** The consumer name of citizens' messages in the store. */
export const CITIZENS_CONSUMER = 'citizens';

/** The channel a skipped change is counted under. */
export const NO_CHANNEL = 'none';

const recordWithAgency = (stored: StoredDossier): DossierRecord => ({ ...recordOf(stored), agencyCode: stored.facts.agencyCode });

/**
 * Citizens' status messages as a consumer of the change log. Planning decides each
 * status change with `decideNotifications` on the dossier as stored: one delivery per
 * planned send (a fallback channel held until the earlier one fails for good), or one
 * count of why none (`NO_CONSENT`, `NO_MOBILE_PHONE`, `STATUS_NOT_ANNOUNCED`,
 * `NO_CHANNEL`). No message text or phone number is stored: a send decides again from the
 * dossier as it stands, and takes the planned channel's message, whose tracking id is
 * fixed by (dossier code, version, channel). So a send repeated after a crash or a lost
 * answer carries the id the provider saw, and is taken as a duplicate, never as a second
 * message; and a change of consent or a phone number removed meanwhile cancels it.
 */
export function createCitizenMessages({ store, notifications }: { store: Store; notifications: Notifications }): DeliveryConsumer {
  const { policy, channels } = notifications;

  return {
    name: CITIZENS_CONSUMER,

    async plan(events: readonly StatusChangeEvent[]) {
      const deliveries: DeliveryPlan[] = [];
      const counts: DeliveryCount[] = [];
      const stored = await store.dossiers.getMany(events.map((e) => e.code));
      events.forEach((event, i) => {
        const dossier = stored[i];
        if (!dossier) return;
        const decision = decideNotifications(toNotificationChange(event), recordWithAgency(dossier), policy);
        if (decision.skipped !== null) {
          counts.push({ agencyCode: event.agencyCode, channel: NO_CHANNEL, outcome: decision.skipped });
          return;
        }
        const change = { seq: event.seq, code: event.code, version: event.version, agencyCode: event.agencyCode, oldStatus: event.oldStatus, newStatus: event.newStatus, at: event.at };
        decision.sends.forEach((send, rank) => {
          deliveries.push({ id: `${event.seq}/${send.channel}`, change, target: send.channel, channel: send.channel, rank, held: send.fallback, payload: null });
        });
      });
      return { deliveries, counts };
    },

    async deliver(delivery: Delivery): Promise<DeliveryAttempt> {
      const dossier = await store.dossiers.get(delivery.change.code);
      if (!dossier) return { kind: 'cancelled', reason: 'the dossier is no longer in the store' };
      const decision = decideNotifications(toNotificationChange(delivery.change), recordWithAgency(dossier), policy);
      const send = decision.sends.find((s) => s.channel === delivery.target);
      if (!send) return { kind: 'cancelled', reason: decision.skipped ?? `${delivery.target} is no longer a configured channel` };
      try {
        const receipt = await sendOn(send, channels);
        return { kind: 'delivered', providerId: receipt.providerId, duplicate: receipt.duplicate };
      } catch (err) {
        if (!isGatewayError(err)) throw err;
        const retryAfterMs = typeof err.extensions.retryAfterMs === 'number' ? err.extensions.retryAfterMs : undefined;
        return { kind: 'failed', error: `${err.code}: ${err.message}`, retryable: err.extensions.retryable === true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
      }
    },
  };
}

function sendOn(send: PlannedSend, channels: Notifications['channels']) {
  if (send.channel === 'zalo-zns') return channels['zalo-zns']!.send(send.message);
  return channels['sms-brandname']!.send(send.message);
}
