import type { SmsMessage } from '../../connectors/sms-brandname';
import type { ZnsMessage } from '../../connectors/zalo-zns';
import { toInternationalPhone, type DossierRecord } from '../domain';
import type { ConsentPolicy } from './consent-policy';
import { formatVietnamDate } from './format-vietnam-date';
import { shortenApplicantName } from './shorten-applicant-name';
import { smsText, STATUS_TEMPLATES, znsTemplateData, type MessageFacts } from './templates';
import { trackingIdOf } from './tracking-id';

/** One change of a dossier's national status, as the store's change log records it. */
export interface DossierChange {
  dossierCode: string;
  /** The dossier's version after the change; (code, version) names the change. */
  version: number;
  oldStatus: number | null;
  newStatus: number | null;
  agencyCode: string | null;
  /** When the change was seen, ISO 8601. */
  at: string;
}

/** The citizen channels, in the order a deployment prefers them. */
export type ChannelName = 'zalo-zns' | 'sms-brandname';

/** What decides who is messaged, and how. */
export interface NotificationPolicy {
  /** The configured channels, most preferred first. */
  channels: readonly ChannelName[];
  consent: ConsentPolicy;
  /** National statuses a change to which is announced. */
  statuses: ReadonlySet<number>;
  /** ZNS template id per status; missing ones use `STATUS_TEMPLATES`' demo ids. */
  znsTemplateIds?: Readonly<Record<number, string>>;
  /**
   * `first-success`: later channels are fallbacks, sent only when every earlier one failed
   * for good (no Zalo account, say); `every-channel`: one message on each.
   */
  delivery: 'first-success' | 'every-channel';
}

/** One message to send, ready for its channel. */
export type PlannedSend = (
  | { channel: 'zalo-zns'; message: ZnsMessage }
  | { channel: 'sms-brandname'; message: SmsMessage }
) & {
  trackingId: string;
  /** Send only when every earlier send of the plan failed for good. */
  fallback: boolean;
};

/** Why a change gets no message. */
export type SkipReason = 'NO_STATUS_CHANGE' | 'STATUS_NOT_ANNOUNCED' | 'NO_CONSENT' | 'NO_MOBILE_PHONE' | 'NO_CHANNEL';

export interface NotificationDecision {
  sends: PlannedSend[];
  /** Set when `sends` is empty. */
  skipped: SkipReason | null;
}

/**
 * Decides the messages one dossier change gets: none unless the national status changed
 * to an announced one, the applicant consented and a Vietnamese mobile number is known;
 * else one message per configured channel (later ones as fallbacks unless the policy
 * says every channel), each with a tracking id fixed by (code, version, channel). Pure:
 * the same change and record always give the same plan, so a plan remade after a crash
 * carries the same tracking ids. Never puts the ID number in a message; the name comes
 * shortened. Throws when the record is not the change's dossier (a caller's mistake).
 */
export function decideNotifications(change: DossierChange, record: DossierRecord, policy: NotificationPolicy): NotificationDecision {
  if (record.code !== change.dossierCode) {
    throw new Error(`decideNotifications needs the record of the changed dossier: change ${change.dossierCode}, record ${record.code}`);
  }
  const skip = (reason: SkipReason): NotificationDecision => ({ sends: [], skipped: reason });
  const status = change.newStatus;
  if (status === null || status === change.oldStatus) return skip('NO_STATUS_CHANGE');
  const template = STATUS_TEMPLATES[status];
  if (!template || !policy.statuses.has(status)) return skip('STATUS_NOT_ANNOUNCED');
  if (!policy.consent(record)) return skip('NO_CONSENT');
  const phone = toInternationalPhone(record.applicant.phone);
  if (phone === null) return skip('NO_MOBILE_PHONE');
  if (policy.channels.length === 0) return skip('NO_CHANNEL');
  const facts: MessageFacts = {
    dossierCode: record.code,
    applicantName: shortenApplicantName(record.applicant.name, record.applicant.kind),
    appointmentDate: formatVietnamDate(record.appointmentAt),
    agencyName: record.agencyName,
  };
  const sends = policy.channels.map((channel, i): PlannedSend => {
    const trackingId = trackingIdOf(change.dossierCode, change.version, channel);
    const fallback = policy.delivery === 'first-success' && i > 0;
    if (channel === 'zalo-zns') {
      const templateId = policy.znsTemplateIds?.[status] ?? template.znsTemplateId;
      return { channel, trackingId, fallback, message: { phone, templateId, templateData: znsTemplateData(template, facts), trackingId } };
    }
    return { channel, trackingId, fallback, message: { phone, text: smsText(template, facts), trackingId } };
  });
  return { sends, skipped: null };
}
