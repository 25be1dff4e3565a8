import type { ResilienceOptions } from '../kit';
import type { ZaloTokenStore } from './token-store';

/** Options of the Zalo Notification Service connector (docs/sources.md §6). */
export interface ZaloZnsOptions {
  /** Source name used in errors, logs and /readyz. @default 'zalo-zns' */
  name?: string;
  /** ZNS API base; `/message/template` and `/message/quota` are below it. @default 'https://business.openapi.zalo.me' */
  url?: string;
  /** Zalo OAuth v4 base for Official Accounts; `/access_token` is below it. @default 'https://oauth.zaloapp.com/v4/oa' */
  oauthUrl?: string;
  /** The Zalo app linked to the Official Account. */
  appId: string;
  /** The app's secret key, sent as the `secret_key` header of token refreshes. */
  secretKey: string;
  /**
   * Where the OA's tokens live. Zalo rotates the refresh token on every refresh, so the new
   * one must be kept before anything else uses it: the gateway supplies a store that
   * persists it. @default an in-memory store holding `refreshToken`
   */
  tokenStore?: ZaloTokenStore;
  /** The refresh token from the OA's authorization, used when `tokenStore` is not given. */
  refreshToken?: string;
  /** Refresh this long before the access token expires. @default 300 */
  refreshMarginSeconds?: number;
  /** `error` values that mean "access token invalid or expired": refresh and retry once. @default [-124, -216] */
  tokenExpiredCodes?: number[];
  /** `error` values that mean "this tracking_id was delivered before": counted as delivered. (our reading) @default [-1001] */
  duplicateTrackingCodes?: number[];
  /** Each template's parameters and their longest values; longer values are shortened before sending. @default {} */
  templateLimits?: Record<string, Record<string, number>>;
  /** Per-request deadline in milliseconds. @default 10000 */
  timeoutMs?: number;
  /** Keep-alive connections to the API. @default 8 */
  connections?: number;
  /** Circuit breaker and concurrency cap (see ResilienceOptions); a send is never retried by the kit. @default {} */
  resilience?: ResilienceOptions;
}
