import type { ResilienceOptions } from '../kit';
/** Options of the SMS brandname connector (our reading of Vietnamese brandname gateways). */
export interface SmsBrandnameOptions {
  /** Source name used in errors, logs and /readyz. @default 'sms-brandname' */
  name?: string;
  /** The gateway's base URL. */
  url: string;
  apiKey: string;
  secretKey: string;
  /** The brandname registered with the carriers, shown as the sender (e.g. `UBND-TINH`). */
  brandname: string;
  /** Path of the customer-care send call below `url`. @default '/MainService.svc/json/SendMultipleMessage_V4_post_json/' */
  sendPath?: string;
  /** Path of the balance call below `url`, followed by `{apiKey}/{secretKey}`. @default '/MainService.svc/json/GetBalance/' */
  balancePath?: string;
  /**
   * Send Vietnamese with its diacritics as Unicode (70 characters per message) instead of
   * plain GSM text without them (160). @default false
   */
  unicode?: boolean;
  /** Per-request deadline in milliseconds. @default 10000 */
  timeoutMs?: number;
  /** Keep-alive connections to the gateway. @default 4 */
  connections?: number;
  /** Circuit breaker and concurrency cap (see ResilienceOptions); a send is never retried by the kit. @default {} */
  resilience?: ResilienceOptions;
}
