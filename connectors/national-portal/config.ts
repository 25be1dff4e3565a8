import type { ResilienceOptions } from '../kit';
/** Options of the National Public Service Portal connector (Cổng DVCQG, via its adapter). */
export interface NationalPortalOptions {
  /** Source name used in errors, logs and /readyz. @default 'national-portal' */
  name?: string;
  /** Adapter base URL; `/login` and `/integration` are below it. */
  url: string;
  /** Routing code, `VN:GOV:<agency code>:<subsystem>`. */
  dstcode: string;
  /** Where the routing code goes: a `dstcode` header or a `?dstcode=` query parameter. @default 'header' */
  dstcodeIn?: 'header' | 'query';
  username: string;
  password: string;
  /** `madonvi` sent with every integration call: the calling agency's code. @default '000.00.00.G22' */
  madonvi?: string;
  /** Per-request deadline in milliseconds; a push makes up to four requests, each with its own. @default 10000 */
  timeoutMs?: number;
  /** Keep-alive connections to the adapter. @default 8 */
  connections?: number;
  /** `error_code` values that mean "session expired, log in again" (once per call). @default [401] */
  sessionExpiredCodes?: Array<number | string>;
  /** `error_code` values that answer a create with "the portal already holds it" (also recognised by "đã tồn tại" in the message). @default [3, -3] */
  alreadyExistsCodes?: Array<number | string>;
  /** `error_code` values that answer an update with "the portal does not hold it" (also recognised by "hồ sơ … không tồn tại"). @default [-4] */
  notFoundCodes?: Array<number | string>;
  /**
   * `error_code` values by which the portal refuses what was sent (a missing value, a bad
   * date, an unknown procedure, …): a permanent refusal, UPSTREAM_REJECTED. Any other
   * non-zero code is UPSTREAM_ERROR, worth retrying. Our reading of the portal's codes:
   * set them to the deployment's. @default [10, 11, 12, 13, 14, 15, 16, 17]
   */
  rejectionCodes?: Array<number | string>;
  /**
   * When a push asks the portal whether it holds the dossier (`TraCuuHoSo`, one call):
   * `always`, or `when-unknown` — only when the caller does not say (`knownToPortal`).
   * @default 'when-unknown'
   */
  lookupBeforePush?: 'always' | 'when-unknown';
  /** Retries of look-ups, circuit breaker, concurrency cap (see ResilienceOptions); writes are never retried by the kit. @default {} */
  resilience?: ResilienceOptions;
}
