import type { SignatureReport } from '../../connectors/document-exchange';
import type { DocumentCopy } from './document-registry';

/** The verdict on a copy's message signature; a copy no signature service checked is never better than UNVERIFIABLE. */
export function signatureOf(copy: DocumentCopy): SignatureReport {
  return (
    copy.signatures?.document ?? {
      status: 'UNVERIFIABLE',
      reason: 'the signature was not checked (no signature service)',
      signer: null,
      signedAt: null,
      checkedAt: copy.at ?? new Date().toISOString(),
    }
  );
}

/** An attachment's verdict: its own (a signed PDF, or the message's that covers it); without one (the whole check failed) it is as unverifiable as its message. */
export function attachmentSignatureOf(copy: DocumentCopy, contentId: string): SignatureReport {
  const own = copy.signatures?.attachments[contentId];
  if (own) return own;
  const message = signatureOf(copy);
  return message.status === 'UNVERIFIABLE' ? message : { ...message, status: 'UNVERIFIABLE', reason: 'this attachment got no verdict of its own' };
}
