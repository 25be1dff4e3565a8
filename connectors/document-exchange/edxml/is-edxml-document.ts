import { GatewayError } from '../../../src/errors';
import type { EdxmlLimits } from './edxml-limits';
import { readEdxmlEnvelope } from './read-edxml-envelope';

/**
 * Whether the input is an edXML document message: a well-formed edXML envelope (within
 * the limits) whose MessageHeader has no StatusCode; false for any input the
 * parser refuses. Invalid limits (a programming error) still throw.
 * It does not check the document's own required elements; parseEdxmlDocument does.
 */
export function isEdxmlDocument(xml: string | Buffer, limits?: EdxmlLimits): boolean {
  try {
    return !readEdxmlEnvelope(xml, limits).isStatus;
  } catch (err) {
    if (err instanceof GatewayError) return false;
    throw err;
  }
}
