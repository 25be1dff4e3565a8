export { createDocumentRegistry } from './document-registry';
export type { DocumentRegistry, DocumentCopy, StatusEntry, BrokenMessage, WithheldDocument } from './document-registry';
export { attachmentSignatureOf, signatureOf } from './signature-of';
