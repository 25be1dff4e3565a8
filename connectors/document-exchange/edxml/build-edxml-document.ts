import {
  booleanValue,
  dateValue,
  integerValue,
  listValue,
  objectValue,
  refuse,
  requiredTextValue,
  textValue,
} from './build-values';
import type { EdxmlAttachment, EdxmlDocument } from './types';
import { writeBusiness } from './write-business';
import { writeEdxmlMessage } from './write-edxml-message';
import { DOCUMENT_ORGAN_ORDER, writeOrgan } from './write-organ';
import { writeResponseFor } from './write-response-for';
import { writeTraces } from './write-traces';
import { element, leaf } from './xml-node';

/**
 * Builds an edXML document message (QCVN 102:2016) from the model: UTF-8, the edXML
 * namespace with the `edXML:` prefix, elements in the SDK sample's order, dates as
 * `yyyy/MM/dd` and timestamps as `yyyy/MM/dd HH:mm:ss` in Vietnam time, each attachment
 * base64 on one line (as the sample carries it) in `AttachmentEncoded` with a matching
 * `edXMLManifest/Reference`.
 *
 * Strict where the parser is lenient: required fields present, dates ISO `yyyy-MM-dd`,
 * timestamps ISO with an offset, integers integral, text free of characters XML cannot
 * carry, at least one `to`, attachment ids `cid:…` and unique, every attachment with its
 * `content`. Text is written trimmed; `size` and `error` of attachments are ignored.
 *
 * No `Signature` is produced, and `doc.signature` is ignored: signing is out of scope, so
 * the message leaves unsigned. Parsing the result gives back `doc` (with an absent
 * signature), which the tests hold it to.
 *
 * @throws GatewayError EDXML_INVALID with `extensions.field` naming the refused field.
 */
export function buildEdxmlDocument(doc: EdxmlDocument): string {
  const value = objectValue(doc, 'document');
  const to = listValue(value.to, 'to');
  if (to.length === 0) throw refuse('to', 'must list at least one receiving organ');
  const code = objectValue(value.code, 'code');
  const promulgation = value.promulgationInfo ?? {};
  const type = value.documentType ?? {};
  const signer = value.signerInfo ?? {};
  const other = value.otherInfo ?? { appendixes: [] };
  const attachments = checkAttachments(listValue(value.attachments, 'attachments'));

  const messageHeader = element('MessageHeader', [
    writeOrgan('From', value.from, 'from', DOCUMENT_ORGAN_ORDER),
    ...to.map((organ, i) => writeOrgan('To', organ, `to[${i}]`, DOCUMENT_ORGAN_ORDER)),
    leaf('DocumentId', requiredTextValue(value.documentId, 'documentId')),
    element('Code', [
      leaf('CodeNumber', requiredTextValue(code.codeNumber, 'code.codeNumber')),
      leaf('CodeNotation', requiredTextValue(code.codeNotation, 'code.codeNotation')),
    ]),
    element('PromulgationInfo', [
      leaf('Place', textValue(promulgation.place, 'promulgationInfo.place')),
      leaf('PromulgationDate', dateValue(promulgation.date, 'promulgationInfo.date')),
    ]),
    element('DocumentType', [
      leaf('Type', integerValue(type.type, 'documentType.type')),
      leaf('TypeDetail', integerValue(type.typeDetail, 'documentType.typeDetail')),
      leaf('TypeName', textValue(type.typeName, 'documentType.typeName')),
    ]),
    leaf('Subject', textValue(value.subject, 'subject')),
    leaf('Content', textValue(value.content, 'content')),
    element('SignerInfo', [
      leaf('Competence', textValue(signer.competence, 'signerInfo.competence')),
      leaf('Position', textValue(signer.position, 'signerInfo.position')),
      leaf('FullName', textValue(signer.fullName, 'signerInfo.fullName')),
    ]),
    leaf('DueDate', dateValue(value.dueDate, 'dueDate')),
    element('OtherInfo', [
      leaf('Priority', integerValue(other.priority, 'otherInfo.priority')),
      leaf('SphereOfPromulgation', textValue(other.sphereOfPromulgation, 'otherInfo.sphereOfPromulgation')),
      leaf('TyperNotation', textValue(other.typerNotation, 'otherInfo.typerNotation')),
      leaf('PromulgationAmount', integerValue(other.promulgationAmount, 'otherInfo.promulgationAmount')),
      leaf('PageAmount', integerValue(other.pageAmount, 'otherInfo.pageAmount')),
      leaf('Direction', booleanValue(other.direction, 'otherInfo.direction')),
      element(
        'Appendixes',
        listValue(other.appendixes, 'otherInfo.appendixes').map((appendix, i) => leaf('Appendix', textValue(appendix, `otherInfo.appendixes[${i}]`))),
      ),
    ]),
    leaf('SteeringType', integerValue(value.steeringType, 'steeringType')),
    element('ToPlaces', listValue(value.toPlaces, 'toPlaces').map((place, i) => leaf('Place', textValue(place, `toPlaces[${i}]`)))),
    ...listValue(value.responseFor, 'responseFor').map((responseFor, i) => writeResponseFor(responseFor, `responseFor[${i}]`)),
  ]);
  const traceHeaderList = element('TraceHeaderList', [...writeTraces(value.traces, 'traces'), writeBusiness(value.business, 'business')]);

  const body = element(
    'edXMLBody',
    [
      element(
        'edXMLManifest',
        attachments.map((a) =>
          element('Reference', [leaf('ContentId', a.contentId), leaf('ContentType', a.contentType), leaf('Description', a.description), leaf('AttachmentName', a.name)]),
        ),
        { attributes: { version: '1.0' }, keepEmpty: true },
      ),
    ],
  );
  const attachmentEncoded = element(
    'AttachmentEncoded',
    attachments.map((a) =>
      element('Attachment', [
        leaf('ContentId', a.contentId),
        leaf('AttachmentName', a.name),
        leaf('Description', a.description),
        leaf('ContentType', a.contentType),
        leaf('ContentTransferEncoded', a.base64),
      ]),
    ),
  );
  return writeEdxmlMessage([messageHeader, traceHeaderList], body, attachmentEncoded);
}

interface CheckedAttachment {
  contentId: string;
  name: string;
  description?: string;
  contentType?: string;
  base64: string;
}

function checkAttachments(attachments: readonly EdxmlAttachment[]): CheckedAttachment[] {
  const seen = new Set<string>();
  return attachments.map((attachment, i) => {
    const field = `attachments[${i}]`;
    const value = objectValue(attachment, field);
    const contentId = requiredTextValue(value.contentId, `${field}.contentId`);
    if (!/^cid:[^\s<>"]+$/.test(contentId)) throw refuse(`${field}.contentId`, `must be "cid:" followed by an id; got ${JSON.stringify(contentId)}`);
    if (seen.has(contentId)) throw refuse(`${field}.contentId`, `repeats ${contentId}; each attachment needs its own`);
    seen.add(contentId);
    if (!(value.content instanceof Uint8Array)) throw refuse(`${field}.content`, 'is required: the bytes to send');
    return {
      contentId,
      name: requiredTextValue(value.name, `${field}.name`),
      description: textValue(value.description, `${field}.description`),
      contentType: textValue(value.contentType, `${field}.contentType`),
      base64: Buffer.from(value.content.buffer, value.content.byteOffset, value.content.byteLength).toString('base64'),
    };
  });
}
