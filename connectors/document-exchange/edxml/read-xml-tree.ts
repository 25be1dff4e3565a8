import { GatewayError } from '../../../src/errors';
import { readXml, XmlReadError, type XmlElement } from '../../kit/xml';
import { edxmlInvalid } from './edxml-invalid';
import { resolveEdxmlLimits } from './edxml-limits';
import type { EdxmlLimits } from './edxml-limits';

/** The element whose text is an attachment's base64: the one legitimately large part of a message. */
const ATTACHMENT_CONTENT = 'ContentTransferEncoded';

/**
 * Reads an edXML message with the connectors' one XML reader (connectors/kit/xml:
 * namespace-aware, no DTD, references and CDATA decoded, linear) under the message's
 * EdxmlLimits, attachment content counted against `maxBytes` only, and turns what it
 * refuses into this library's errors.
 *
 * @throws GatewayError PAYLOAD_TOO_LARGE above `maxBytes`, `maxMetadataLength` or `maxNodes`;
 *   EDXML_INVALID for everything else that is not well-formed, namespace-correct UTF-8 XML.
 */
export function readXmlTree(input: string | Buffer, limits?: EdxmlLimits): XmlElement {
  const { maxBytes, maxDepth, maxMetadataLength, maxNodes } = resolveEdxmlLimits(limits);
  try {
    return readXml(input, { limits: { maxBytes, maxDepth, maxLength: maxMetadataLength, maxNodes }, bulkTextElements: [ATTACHMENT_CONTENT] });
  } catch (err) {
    if (err instanceof XmlReadError) throw toEdxmlError(err);
    throw err;
  }
}

function toEdxmlError(err: XmlReadError): GatewayError {
  const { line, column, path, limit, limitValue, bytes } = err.details;
  switch (err.problem) {
    case 'TOO_LARGE': {
      // The library's own name for the length limit, as EdxmlLimits calls it.
      const name = limit === 'maxLength' ? 'maxMetadataLength' : (limit as string);
      const message =
        limit === 'maxBytes'
          ? `edXML message is ${bytes} bytes; the limit is ${limitValue} (maxBytes)`
          : limit === 'maxLength'
            ? `edXML message has more than ${limitValue} characters outside attachment content; the limit is ${limitValue} (maxMetadataLength), at line ${line}`
            : `edXML message has more than ${limitValue} elements and attributes (maxNodes), at line ${line}`;
      return new GatewayError('PAYLOAD_TOO_LARGE', message, { limit: name, [name]: limitValue, ...(bytes === undefined ? {} : { bytes }) }, err);
    }
    case 'DTD':
      return edxmlInvalid(`edXML must not contain ${err.message}; edXML never needs one`, { line, column }, err);
    case 'TOO_DEEP':
      return edxmlInvalid(`edXML nests elements deeper than ${limitValue} levels (maxDepth), at line ${line}`, { line, column }, err);
    case 'NAMESPACE':
      return edxmlInvalid(`edXML ${err.message}`, { path, line, column }, err);
    case 'ENCODING':
      return edxmlInvalid(`edXML message: ${err.message}; edXML messages are UTF-8`, {}, err);
    default:
      return edxmlInvalid(`edXML is not well-formed XML: ${err.message}`, { line, column }, err);
  }
}
