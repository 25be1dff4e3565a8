import { GatewayError } from '../../../src/errors';
import type { EdxmlLimits } from './edxml-limits';
import { readEdxmlEnvelope } from './read-edxml-envelope';

/**
 * Whether the input is an edXML status message: a well-formed edXML envelope (within the
 * limits) whose MessageHeader has a StatusCode. False for anything that is not (a GatewayError from the parser);
 * a programming error, such as invalid limits, still throws.
 * It does not check the status's own required elements; parseEdxmlStatus does.
 */
export function isEdxmlStatus(xml: string | Buffer, limits?: EdxmlLimits): boolean {
  try {
    return readEdxmlEnvelope(xml, limits).isStatus;
  } catch (err) {
    if (err instanceof GatewayError) return false;
    throw err;
  }
}
