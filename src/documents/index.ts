export { createDocumentRegistry } from './document-registry';
export type { DocumentRegistry, DocumentCopy, StatusEntry, BrokenMessage } from './document-registry';
