import { GatewayError } from '../errors';
import { AUDIT_TEXT_LIMITS, MAX_AUDIT_PAGE_SIZE } from './audit-repository';

/** A checked `scanChain` call: every adapter builds its query from this and nothing else. */
export interface ParsedChainScan {
  after: string | null;
  limit: number;
}

/**
 * Checks the arguments of `AuditRepository.scanChain` before any adapter sees them, so only
 * a plain string can reach a database query. Anything else is BAD_USER_INPUT saying what
 * arrived.
 */
export function parseChainScan(after: string | null, limit: number): ParsedChainScan {
  if (after !== null && (typeof after !== 'string' || after.length < 1 || after.length > AUDIT_TEXT_LIMITS.id)) {
    throw new GatewayError('BAD_USER_INPUT', `scanChain: after must be null or an entry id of 1 to ${AUDIT_TEXT_LIMITS.id} characters; received ${describe(after)}.`);
  }
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE_SIZE) {
    throw new GatewayError('BAD_USER_INPUT', `scanChain: limit must be an integer from 1 to ${MAX_AUDIT_PAGE_SIZE}; received ${describe(limit)}.`);
  }
  return { after, limit };
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 80) ?? String(value);
  } catch {
    return String(value);
  }
}
