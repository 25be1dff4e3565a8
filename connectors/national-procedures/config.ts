import type { ResilienceOptions } from '../kit';

/** Options of the national procedure database connector (CSDLQG về TTHC, via its adapter). */
export interface NationalProceduresOptions {
  /** Source name used in errors, logs and /readyz. @default 'national-procedures' */
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
  /** Per-request deadline in milliseconds. @default 10000 */
  timeoutMs?: number;
  /** Keep-alive connections to the adapter. @default 16 */
  connections?: number;
  /** Retries, circuit breaker, concurrency cap and sharing of identical reads (see ResilienceOptions). @default {} */
  resilience?: ResilienceOptions;
  /** `error_code` values that mean "session expired, log in again". @default [401] */
  sessionExpiredCodes?: Array<number | string>;
  /** Local procedure codes that do not embed their national code, mapped to it. @default {} */
  procedureCodeAliases?: Record<string, string>;
}
