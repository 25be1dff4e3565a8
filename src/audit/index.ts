export { createAuditWriter } from './create-audit-writer';
export type { AuditWriter, AuditWriterOptions, AuditWriterStats } from './create-audit-writer';
export { createAuditId } from './create-audit-id';
