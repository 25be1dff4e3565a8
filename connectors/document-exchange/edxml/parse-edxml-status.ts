import { edxmlInvalid } from './edxml-invalid';
import type { EdxmlLimits } from './edxml-limits';
import { readEdxmlEnvelope } from './read-edxml-envelope';
import { readStatus } from './read-status';
import type { EdxmlStatus } from './types';

/**
 * Parses an edXML status message (see parseEdxml for what is checked).
 * @throws GatewayError EDXML_INVALID also when the message is a document (no StatusCode).
 */
export function parseEdxmlStatus(xml: string | Buffer, limits?: EdxmlLimits): EdxmlStatus {
  const envelope = readEdxmlEnvelope(xml, limits);
  if (!envelope.isStatus) {
    const path = `${envelope.messageHeader.path}/StatusCode`;
    throw edxmlInvalid(`Expected an edXML status message, but this one has no ${path}`, { path });
  }
  return readStatus(envelope);
}
