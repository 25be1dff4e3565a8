import { edxmlInvalid } from './edxml-invalid';
import type { EdxmlLimits } from './edxml-limits';
import { ElementReader } from './element-reader';
import { EDXML_NAMESPACE } from './namespaces';
import { readXmlTree } from './read-xml-tree';

/** The fixed frame every edXML message shares, read once and handed to the document or status reader. */
export interface EdxmlEnvelope {
  root: ElementReader;
  envelope: ElementReader;
  header: ElementReader;
  messageHeader: ElementReader;
  /** A MessageHeader with a StatusCode is a status message; any other is a document. */
  isStatus: boolean;
}

/**
 * Parses a message (safely, see readXmlTree) down to `edXML/edXMLEnvelope/edXMLHeader/
 * MessageHeader`, refusing anything that is not an edXML message.
 */
export function readEdxmlEnvelope(xml: string | Buffer, limits?: EdxmlLimits): EdxmlEnvelope {
  const root = ElementReader.edxml(readXmlTree(xml, limits));
  if (!root.is('edXML')) {
    const { name, namespace } = root.element;
    throw edxmlInvalid(
      `Not an edXML message: the root element is <${name}>${namespace ? ` in namespace ${namespace}` : ''}; ` +
        `an edXML message is an <edXML> element in ${EDXML_NAMESPACE}`,
      { path: root.path },
    );
  }
  const envelope = root.requireChild('edXMLEnvelope');
  const header = envelope.requireChild('edXMLHeader');
  const messageHeader = header.requireChild('MessageHeader');
  return { root, envelope, header, messageHeader, isStatus: messageHeader.child('StatusCode') !== undefined };
}
