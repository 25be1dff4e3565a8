import type { JWTPayload } from 'jose';
import { isAgencyCode } from '../domain';
import { authRefusal } from './auth-refusal';
import { parseScopes } from './parse-scopes';
import type { Principal } from './principal';

/**
 * The principal of a verified token's claims:
 * - `client_id` (RFC 9068), else `azp` (OpenID Connect, Keycloak) → clientId;
 * - `agency`, or the Vietnamese name `ma_dinh_danh` → agencyCode, an agency code
 *   `L4.L3.L2.L1` exactly (both claims may be sent only when they agree);
 * - `scope` (space-separated) and `scp` (array) → scopes, unknown ones ignored;
 * - `sub` → subject, `jti` → tokenId.
 *
 * Throws UNAUTHENTICATED with TOKEN_CLAIMS_INVALID when one of these claims has the
 * wrong type or the agency is not an agency code: a token that misstates whom it acts
 * for is refused, never read as "no agency".
 */
export function principalFromClaims(claims: JWTPayload): Principal {
  const clientId = stringClaim(claims, 'client_id') ?? stringClaim(claims, 'azp');
  const scopes = parseScopes(claims.scope, claims.scp);
  if (scopes === null) {
    throw authRefusal('TOKEN_CLAIMS_INVALID', `The token's scopes must be "scope": a space-separated string, or "scp": an array of strings; got ${describe(claims.scope)} and ${describe(claims.scp)}.`);
  }
  return {
    kind: 'client',
    clientId,
    subject: stringClaim(claims, 'sub'),
    agencyCode: agencyClaim(claims),
    scopes,
    tokenId: stringClaim(claims, 'jti'),
  };
}

function agencyClaim(claims: JWTPayload): string | null {
  const agency = stringClaim(claims, 'agency');
  const maDinhDanh = stringClaim(claims, 'ma_dinh_danh');
  if (agency !== null && maDinhDanh !== null && agency !== maDinhDanh) {
    throw authRefusal('TOKEN_CLAIMS_INVALID', `The token's "agency" (${describe(agency)}) and "ma_dinh_danh" (${describe(maDinhDanh)}) claims name different agencies.`);
  }
  const code = agency ?? maDinhDanh;
  if (code !== null && !isAgencyCode(code)) {
    throw authRefusal('TOKEN_CLAIMS_INVALID', `The token's agency claim ${describe(code)} is not an agency code: expected L4.L3.L2.L1, e.g. 000.00.00.H56.`);
  }
  return code;
}

function stringClaim(claims: JWTPayload, name: string): string | null {
  const value = claims[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw authRefusal('TOKEN_CLAIMS_INVALID', `The token's "${name}" claim must be a string; got ${describe(value)}.`);
  return value;
}

/** A claim value for a message: JSON, cut to 60 characters (claims are the caller's text). */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value) ?? typeof value;
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
