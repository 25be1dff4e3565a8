import type { EdxmlLimits } from './edxml-limits';
import { readDocument } from './read-document';
import { readEdxmlEnvelope } from './read-edxml-envelope';
import { readStatus } from './read-status';
import type { EdxmlMessage } from './types';

/**
 * Parses an edXML message (QCVN 102:2016) into the model, deciding by content what it is:
 * a MessageHeader with a StatusCode is a status message, any other a document. Pure: no
 * I/O, no DTD, no entity beyond XML's five, linear in the input.
 *
 * A broken attachment does not fail the document; it is reported on that attachment.
 * The signature is reported, never verified.
 *
 * @throws GatewayError PAYLOAD_TOO_LARGE beyond `limits.maxBytes`, `maxMetadataLength` or `maxNodes`;
 *   EDXML_INVALID for a DTD, excessive nesting, malformed XML (with line and column), a
 *   root that is not edXML, or a missing or malformed required element (with its path).
 */
export function parseEdxml(xml: string | Buffer, limits?: EdxmlLimits): EdxmlMessage {
  const envelope = readEdxmlEnvelope(xml, limits);
  return envelope.isStatus ? { kind: 'status', status: readStatus(envelope) } : { kind: 'document', document: readDocument(envelope) };
}
