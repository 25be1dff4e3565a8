import type { Scope } from './scope';

/**
 * Who is calling, as the resolvers see it. A `client` principal comes from a verified
 * bearer token; the `anonymous` principal is what a request without a token gets when
 * the configuration allows anonymous reads (only `procedures:read`, no agency).
 */
export interface Principal {
  kind: 'client' | 'anonymous';
  /** The client application (`client_id`, else `azp`). */
  clientId: string | null;
  /** The token's `sub`: the officer or service account behind the client. */
  subject: string | null;
  /**
   * The agency the principal acts for (mã định danh, `L4.L3.L2.L1`). Jurisdiction follows
   * it: see `canSeeAgency`. Null for principals bound to no agency.
   */
  agencyCode: string | null;
  scopes: ReadonlySet<Scope>;
  /** The token's `jti`, for the audit log. */
  tokenId: string | null;
}

/** The principal of a request without a token, when anonymous reads are allowed. */
export function anonymousPrincipal(): Principal {
  return { kind: 'anonymous', clientId: null, subject: null, agencyCode: null, scopes: new Set<Scope>(['procedures:read']), tokenId: null };
}
