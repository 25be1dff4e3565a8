/**
 * What a principal may do. Scopes are granted by the identity provider in the token's
 * `scope` (RFC 8693 / RFC 9068: space-separated string) or `scp` claim; the gateway
 * knows exactly these and ignores any other.
 *
 * - `procedures:read`: the national procedure catalogue (public data; the only scope an
 *   anonymous request gets, when anonymous access is allowed).
 * - `dossiers:read`: dossiers of the principal's jurisdiction.
 * - `pii:read`: applicants' personal data unmasked (citizen ID, phone, address).
 * - `documents:read`, `documents:send`: edXML document exchange, read and send.
 * - `sync:admin`: the national portal's synchronization: reads every agency's data
 *   (`canReadAgency`), never acts in an agency's name.
 * - `audit:read`: read the audit log of callers acting for one agency within the
 *   principal's jurisdiction (an agency's auditor, thanh tra).
 * - `audit:security`: read the whole audit log, the entries of anonymous and refused
 *   requests (which belong to no agency) included: the security auditor of the agency
 *   operating the gateway, who investigates attacks and must see what an account that
 *   attempted one did besides.
 * - `webhooks:manage`: register, list and delete the webhooks of agency applications
 *   for the principal's agency and the units under it (acting for the agency, as
 *   sending a document does: `sync:admin`'s reach does not extend to it).
 */
export const SCOPES = [
  'procedures:read',
  'dossiers:read',
  'pii:read',
  'documents:read',
  'documents:send',
  'sync:admin',
  'audit:read',
  'audit:security',
  'webhooks:manage',
] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}
