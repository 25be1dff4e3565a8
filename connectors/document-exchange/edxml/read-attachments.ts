import { decodeBase64 } from './decode-base64';
import type { ElementReader } from './element-reader';
import type { EdxmlAttachment } from './types';
import { withoutUndefined } from './without-undefined';

/**
 * The attachments: each `AttachmentEncoded/Attachment` merged with the manifest
 * `Reference` of the same `ContentId` (its own name, description and type win), then any
 * Reference that no Attachment carries. A missing or broken attachment gets an `error`
 * of its own and never fails the document, nor its neighbours.
 *
 * `AttachmentEncoded` sits beside `edXMLEnvelope` under the root in the SDK sample; it is
 * also looked for inside the envelope and the body.
 */
export function readAttachments(root: ElementReader, envelope: ElementReader): EdxmlAttachment[] {
  const body = envelope.child('edXMLBody');
  const references = body?.child('edXMLManifest')?.children('Reference') ?? [];
  const encoded = (root.child('AttachmentEncoded') ?? envelope.child('AttachmentEncoded') ?? body?.child('AttachmentEncoded'))?.children('Attachment') ?? [];

  const referencesById = new Map<string, ElementReader>();
  for (const reference of references) {
    const id = reference.text('ContentId');
    if (id !== undefined && !referencesById.has(normaliseCid(id))) referencesById.set(normaliseCid(id), reference);
  }

  const carried = new Set<string>();
  const attachments = encoded.map((attachment) => {
    const contentId = attachment.text('ContentId');
    if (contentId !== undefined) carried.add(normaliseCid(contentId));
    const reference = contentId === undefined ? undefined : referencesById.get(normaliseCid(contentId));
    const metadata = describe(contentId ?? '', attachment, reference);
    if (contentId === undefined) return fail(metadata, `${attachment.path} has no ContentId`);

    const content = attachment.child('ContentTransferEncoded');
    if (!content) return fail(metadata, `${attachment.path} (${contentId}) has no ContentTransferEncoded`);
    try {
      const bytes = decodeBase64(content.element.text);
      return withoutUndefined({ ...metadata, size: bytes.length, content: bytes });
    } catch (err) {
      return fail(metadata, `${content.path} (${contentId}) is not valid base64: ${(err as Error).message}`);
    }
  });

  for (const [id, reference] of referencesById) {
    if (carried.has(id)) continue;
    const contentId = reference.text('ContentId') as string;
    attachments.push(fail(describe(contentId, undefined, reference), `${reference.path} lists ${contentId}, but no AttachmentEncoded/Attachment carries it`));
  }
  return attachments;
}

/** `cid:209` and `209` name the same part. */
function normaliseCid(contentId: string): string {
  return contentId.replace(/^cid:/i, '');
}

function describe(contentId: string, attachment: ElementReader | undefined, reference: ElementReader | undefined): EdxmlAttachment {
  const field = (name: string): string | undefined => attachment?.text(name) ?? reference?.text(name);
  return withoutUndefined({
    contentId,
    name: field('AttachmentName') ?? contentId,
    description: field('Description'),
    contentType: field('ContentType'),
  });
}

function fail(attachment: EdxmlAttachment, message: string): EdxmlAttachment {
  return { ...attachment, error: { code: 'EDXML_INVALID', message } };
}
