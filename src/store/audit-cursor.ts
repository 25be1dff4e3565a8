import { GatewayError } from '../errors';

/** The sort key of an audit entry: the position a page ends at. */
export interface AuditCursor {
  atMs: number;
  id: string;
}

const PREFIX = 'a1:';

/** Encodes the position after `entry` as an opaque string (base64url of `a1:<ms>:<id>`). */
export function encodeAuditCursor(entry: { at: Date; id: string }): string {
  return Buffer.from(`${PREFIX}${entry.at.getTime()}:${entry.id}`, 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeAuditCursor}; anything else is BAD_USER_INPUT. */
export function decodeAuditCursor(cursor: string): AuditCursor {
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^a1:(-?\d{1,16}):(.+)$/s.exec(text);
  const atMs = match ? Number(match[1]) : Number.NaN;
  if (!match || !Number.isSafeInteger(atMs)) {
    throw new GatewayError('BAD_USER_INPUT', `"after" must be a nextCursor returned by an earlier audit query; received ${JSON.stringify(cursor.slice(0, 80))}.`);
  }
  return { atMs, id: match[2]! };
}
