import { edxmlInvalid } from './edxml-invalid';
import type { EdxmlLimits } from './edxml-limits';
import { readDocument } from './read-document';
import { readEdxmlEnvelope } from './read-edxml-envelope';
import type { EdxmlDocument } from './types';

/**
 * Parses an edXML document message (see parseEdxml for what is checked).
 * @throws GatewayError EDXML_INVALID also when the message is a status message.
 */
export function parseEdxmlDocument(xml: string | Buffer, limits?: EdxmlLimits): EdxmlDocument {
  const envelope = readEdxmlEnvelope(xml, limits);
  if (envelope.isStatus) {
    const path = `${envelope.messageHeader.path}/StatusCode`;
    throw edxmlInvalid(`Expected an edXML document message, but this is a status message (it has ${path})`, { path });
  }
  return readDocument(envelope);
}
