/**
 * Signatures of edXML messages: verification of what arrives (the message's enveloped
 * XML-DSig signature and signed PDF attachments) and signing of what the gateway sends,
 * behind one service that runs them off the event loop. See docs/signatures.md.
 */
export { createSignatureService } from './create-signature-service';
export type { SignatureService, SignatureServiceOptions } from './create-signature-service';
export { verifyMessageSignatures } from './verify-message-signatures';
export type { VerificationSettings, VerifyMessageOptions } from './verify-message-signatures';
export { signEdxmlMessage } from './sign-edxml-message';
export { SIGNATURE_STATUSES } from './types';
export type { MessageSignatures, SignatureReport, SignatureSigner, SignatureStatus } from './types';
