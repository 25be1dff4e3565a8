import { z } from 'zod';
import { GatewayError } from '../errors';
import { MAX_AUDIT_PAGE_SIZE, type AuditFilter, type AuditPage } from './audit-repository';
import { decodeAuditCursor, type AuditCursor } from './audit-cursor';

/** A checked audit query: every adapter builds its database query from this and nothing else. */
export interface ParsedAuditQuery {
  filter: AuditFilter;
  first: number;
  after: AuditCursor | null;
}

const text = z.string().min(1).max(200);
const date = z.date().refine((value) => !Number.isNaN(value.getTime()), 'Invalid Date');

const filterSchema = z.strictObject({
  from: date.optional(),
  to: date.optional(),
  access: z.enum(['graphql', 'attachment']).optional(),
  operationName: text.optional(),
  outcome: z.enum(['success', 'error', 'rejected']).optional(),
  errorCode: text.optional(),
  subject: text.optional(),
  clientId: text.optional(),
  agencyCode: text.nullable().optional(),
});

const pageSchema = z.strictObject({
  first: z.number().int().min(1).max(MAX_AUDIT_PAGE_SIZE),
  after: z.string().optional(),
});

/**
 * Checks an audit filter and page before any adapter sees them, so that only strings,
 * dates, null and the listed enumerations can reach a database query (never an object a driver could
 * read as an operator). Anything else is BAD_USER_INPUT with what was wrong.
 */
export function parseAuditQuery(filter: AuditFilter, page: AuditPage): ParsedAuditQuery {
  const parsedFilter = filterSchema.safeParse(filter);
  if (!parsedFilter.success) {
    throw new GatewayError('BAD_USER_INPUT', `Invalid audit filter: ${z.prettifyError(parsedFilter.error)}`);
  }
  const parsedPage = pageSchema.safeParse(page);
  if (!parsedPage.success) {
    throw new GatewayError('BAD_USER_INPUT', `Invalid audit page (first must be an integer from 1 to ${MAX_AUDIT_PAGE_SIZE}): ${z.prettifyError(parsedPage.error)}`);
  }
  const { after, first } = parsedPage.data;
  return { filter: parsedFilter.data, first, after: after === undefined ? null : decodeAuditCursor(after) };
}
