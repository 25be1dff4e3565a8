import type { IncomingMessage } from 'node:http';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { isWithinAgency } from '../../src/domain';
import type { BaselineOptions } from './baseline-options';

/** Who called, as the baseline needs it. */
export interface Caller {
  agency: string | null;
  scopes: Set<string>;
}

/** A refusal, sent as `{"errors": [...]}` with this status. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The bearer-token check any hand-written service in front of personal data must make
 * too: the signature against the issuer's keys (jose), `iss`, `aud`, `exp`; then the scope
 * and, for an agency argument, the jurisdiction (the agency and the units under it).
 */
export function createCallerCheck({ auth }: BaselineOptions) {
  const keys = createLocalJWKSet(auth.jwks as unknown as Parameters<typeof createLocalJWKSet>[0]);
  const options = { issuer: auth.issuer, audience: auth.audience, algorithms: ['ES256', 'RS256', 'EdDSA'] };
  return async function verifyCaller(req: IncomingMessage, scope: string, agency?: string): Promise<Caller> {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) throw new Refusal(401, 'a bearer token is needed');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(header.slice(7), keys, options));
    } catch {
      throw new Refusal(401, 'the token is not accepted');
    }
    const caller = { agency: typeof payload.agency === 'string' ? payload.agency : null, scopes: new Set(String(payload.scope ?? '').split(' ')) };
    if (!caller.scopes.has(scope)) throw new Refusal(403, `the ${scope} scope is needed`);
    if (agency !== undefined && !(caller.scopes.has('sync:admin') || (caller.agency !== null && isWithinAgency(agency, caller.agency)))) {
      throw new Refusal(403, `agency ${agency} is outside the caller's jurisdiction`);
    }
    return caller;
  };
}
