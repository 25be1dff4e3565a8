export { createAuditWriter } from './create-audit-writer';
export type { AuditWriter, AuditWriterOptions, AuditWriterStats } from './create-audit-writer';
export type { AuditRecord } from './clamp-audit-entry';
export { createAuditId } from './create-audit-id';
export { canonicalJson } from './canonical-json';
export { hashAuditEntry } from './hash-audit-entry';
export { verifyAuditChain } from './verify-audit-chain';
export type { AuditChainBreakReason, AuditChainVerification, VerifyAuditChainOptions } from './verify-audit-chain';
