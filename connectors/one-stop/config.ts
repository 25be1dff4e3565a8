import type { ResilienceOptions } from '../kit';

/** The vendor dialects a province's one-stop system may speak (docs/sources.md §2). */
export type OneStopDialect = 'igate' | 'motcua' | 'soap';

/** Options common to every dialect. */
export interface OneStopCommonOptions {
  /** Source name in errors, logs and /readyz, e.g. `province-h56`. */
  name: string;
  /** The province's level-1 code, e.g. `H56`: dossiers whose code names an agency of it are routed here. */
  province: string;
  /** Base URL of the one-stop system's API. */
  url: string;
  username: string;
  password: string;
  /**
   * The deployment's status table: the vendor's status code (as text) → national status
   * 1–10. A vendor status missing here is reported (status code null), never guessed.
   */
  statusTable: Record<string, number>;
  /** Local procedure codes that do not embed the national one, mapped to it. @default {} */
  procedureCodeAliases?: Record<string, string>;
  /** Per-request deadline in milliseconds. @default 15000 */
  timeoutMs?: number;
  /** Keep-alive connections to the one-stop system's API. @default 16 */
  connections?: number;
  /** Retries, circuit breaker, concurrency cap and sharing of identical reads (see ResilienceOptions). @default {} */
  resilience?: ResilienceOptions;
  /** Dossiers asked for per listing call. @default 200 */
  pageSize?: number;
}

export interface IgateOptions extends OneStopCommonOptions {
  dialect: 'igate';
  /** Base URL of the Keycloak-style SSO; the token is at `/auth/realms/{realm}/protocol/openid-connect/token`. */
  ssoUrl: string;
  /** @default 'digo' */
  realm?: string;
  clientId: string;
  /**
   * The deployment filters and sorts its search by `updatedDate` (`updated-from`), so a
   * sync reads only what changed; false falls back to newly received plus open dossiers.
   * @default true
   */
  listByUpdateTime?: boolean;
}

export interface MotcuaOptions extends OneStopCommonOptions {
  dialect: 'motcua';
}

export interface SoapOptions extends OneStopCommonOptions {
  dialect: 'soap';
  /** The service's path below `url`. @default '/HoSoService.asmx' */
  servicePath?: string;
  /** The operations' XML namespace, also the SOAPAction prefix. @default 'http://motcua.gov.vn/' */
  namespace?: string;
}

export type OneStopOptions = IgateOptions | MotcuaOptions | SoapOptions;
