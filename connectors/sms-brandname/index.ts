import { toInternationalPhone } from '../../src/domain';
import { checkReady, sendFailure, type Connector, type HttpClientStats } from '../kit';
import { createSmsClient } from './client';
import type { SmsBrandnameOptions } from './config';
import { SMS_SEGMENT, toGsmText } from './to-sms-text';

export type { SmsBrandnameOptions } from './config';
export { toGsmText, SMS_SEGMENT } from './to-sms-text';

/** A text message to one citizen. */
export interface SmsMessage {
  /** The recipient's phone in any Vietnamese form; sent in 84… form. */
  phone: string;
  /** The text; written without diacritics unless the connector sends Unicode. */
  text: string;
  /** Stable per (dossier change, channel): sent as the gateway's RequestId, so a retried send is recognisable. */
  trackingId: string;
}

/** A message the channel took. `duplicate`: the gateway had taken this tracking id before, and did not send it again. */
export interface SmsReceipt {
  delivered: true;
  providerId: string | null;
  duplicate: boolean;
  sentAt: null;
}

/** An SMS brandname gateway in the gateway's terms: one customer-care message per call. */
export interface SmsBrandnameConnector extends Connector {
  readonly kind: 'sms-brandname';
  readonly stats: HttpClientStats;
  /**
   * Sends one message of one segment. Resolves when the gateway took it (or had taken this
   * tracking id before); rejects with a catalogue error carrying `retryable` and, when the
   * answer was lost, `outcomeUnknown`. A text longer than one segment is refused before
   * sending (BAD_USER_INPUT): the templates are written to fit.
   */
  send(message: SmsMessage): Promise<SmsReceipt>;
}

export function createSmsBrandnameConnector(options: SmsBrandnameOptions): SmsBrandnameConnector {
  const name = options.name ?? 'sms-brandname';
  const unicode = options.unicode ?? false;
  const client = createSmsClient({ ...options, name });
  return {
    name,
    kind: 'sms-brandname',
    stats: client.http.stats,
    resilience: client.http.resilience,
    async send({ phone, text, trackingId }) {
      const international = toInternationalPhone(phone);
      if (international === null) throw sendFailure('BAD_USER_INPUT', `${name} cannot send to ${JSON.stringify(phone.slice(0, 20))}: not a Vietnamese mobile number`, { source: name, retryable: false });
      const content = unicode ? text.normalize('NFC') : toGsmText(text);
      const limit = unicode ? SMS_SEGMENT.unicode : SMS_SEGMENT.gsm;
      if (content.length > limit) throw sendFailure('BAD_USER_INPUT', `${name} sends one segment (${limit} characters); the text has ${content.length}`, { source: name, retryable: false });
      const accepted = await client.send({ phone: international, content, unicode, requestId: trackingId });
      return { delivered: true, providerId: accepted.smsId, duplicate: accepted.duplicate, sentAt: null };
    },
    checkReady: () => checkReady(name, 'sms-brandname', async () => ({ balance: await client.balance() }), client.http.resilience),
    close: () => client.close(),
  };
}
