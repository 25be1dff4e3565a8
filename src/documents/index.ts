export { createDocumentRegistry } from './document-registry';
export type { DocumentRegistry, DocumentCopy, StatusEntry, BrokenMessage, WithheldDocument } from './document-registry';
