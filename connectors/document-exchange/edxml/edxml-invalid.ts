import { GatewayError } from '../../../src/errors';

/** Where an EDXML_INVALID error points: an element path, a model field, a line and column. */
export interface EdxmlInvalidDetails {
  /** Element path in the message, e.g. `edXML/edXMLEnvelope/edXMLHeader/MessageHeader/To[2]/OrganId`. */
  path?: string;
  /** Model field a builder refused, e.g. `to[1].organId`. */
  field?: string;
  line?: number;
  column?: number;
}

/** The one way this library reports a message (or a model) that is not valid edXML. */
export function edxmlInvalid(message: string, details: EdxmlInvalidDetails = {}, cause?: unknown): GatewayError {
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) if (value !== undefined) extensions[key] = value;
  return new GatewayError('EDXML_INVALID', message, extensions, cause);
}
