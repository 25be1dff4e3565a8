import type { SmsMessage } from '../../connectors/sms-brandname';
import type { ChannelReceipt, ZnsMessage } from '../../connectors/zalo-zns';
import { createTokenBucket, type TokenBucketOptions } from './token-bucket';

/**
 * A citizen channel as the delivery engine uses it: `send` resolves with a receipt when
 * the provider took the message (or had taken its tracking id before: `duplicate`), and
 * rejects with a catalogue error carrying `retryable` and `outcomeUnknown`
 * (`isRetryableSendFailure` in connectors/kit).
 */
export interface NotificationChannel<M> {
  readonly name: string;
  send(message: M): Promise<ChannelReceipt>;
}

export type ZnsChannel = NotificationChannel<ZnsMessage>;
export type SmsChannel = NotificationChannel<SmsMessage>;

/**
 * A connector behind this process's per-channel rate limit: a send waits for a token of
 * the bucket (providers refuse bursts: Zalo with -32, carriers by throttling a brandname),
 * then goes out. The limit is per replica; several replicas share a provider's limit by
 * each being configured with their part of it.
 */
export function rateLimitedChannel<M>(connector: NotificationChannel<M>, limit: TokenBucketOptions): NotificationChannel<M> {
  const bucket = createTokenBucket(limit);
  return {
    name: connector.name,
    async send(message) {
      for (let wait = bucket.waitMs(); !bucket.tryTake(); wait = bucket.waitMs()) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait)));
      }
      return connector.send(message);
    },
  };
}
