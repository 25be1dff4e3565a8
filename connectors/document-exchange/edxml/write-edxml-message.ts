import { EDXML_NAMESPACE } from './namespaces';
import { serializeXml } from './serialize-xml';
import { element } from './xml-node';
import type { XmlNode } from './xml-node';

/**
 * The frame every built message shares, as in the samples: an unprefixed `<edXML>` root in
 * the edXML default namespace, `edXML:edXMLEnvelope` declaring the `edXML:` prefix, the
 * header, the optional body, and `AttachmentEncoded` beside the envelope (declaring the
 * prefix again, since it is outside the envelope's scope).
 */
export function writeEdxmlMessage(header: ReadonlyArray<XmlNode | undefined>, body?: XmlNode, attachmentEncoded?: XmlNode): string {
  const envelope = element('edXMLEnvelope', [element('edXMLHeader', header), body], {
    attributes: { 'xmlns:edXML': EDXML_NAMESPACE },
  }) as XmlNode;
  if (attachmentEncoded) attachmentEncoded.attributes = { 'xmlns:edXML': EDXML_NAMESPACE };
  const children = attachmentEncoded ? [envelope, attachmentEncoded] : [envelope];
  return serializeXml({ name: 'edXML', attributes: { xmlns: EDXML_NAMESPACE }, children });
}
