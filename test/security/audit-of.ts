import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../src/store';
import type { TestGateway } from '../utils/gateway';

/** A fresh request id to send as `x-request-id`, so that the audit entry of that one request can be found. */
export function newRequestId(): string {
  return `sec-${randomUUID()}`;
}

/** The audit entries recorded for one request id, after writing out what is buffered. */
export async function auditOf(gw: TestGateway, requestId: string): Promise<AuditEntry[]> {
  await gw.running.audit.flush();
  const entries: AuditEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await gw.running.store.audit.query({}, { first: 1000, after });
    entries.push(...page.items.filter((e) => e.requestId === requestId));
    if (page.nextCursor === null) return entries;
    after = page.nextCursor;
  }
}
