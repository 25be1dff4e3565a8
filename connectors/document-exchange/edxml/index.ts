/**
 * edXML (QCVN 102:2016/BTTTT) for the document-exchange connector: parse and build
 * document and status messages. Pure functions over strings and Buffers; no network.
 */
export { parseEdxml } from './parse-edxml';
export { isEdxmlDocument } from './is-edxml-document';
export { parseEdxmlDocument } from './parse-edxml-document';
export { isEdxmlStatus } from './is-edxml-status';
export { parseEdxmlStatus } from './parse-edxml-status';
export { buildEdxmlDocument } from './build-edxml-document';
export { buildEdxmlStatus } from './build-edxml-status';
export { EDXML_STATUS_CODES, isEdxmlStatusCode } from './status-codes';
export { EDXML_NAMESPACE, XMLDSIG_NAMESPACE } from './namespaces';
export { resolveEdxmlLimits } from './edxml-limits';
export type { EdxmlLimits } from './edxml-limits';
export type {
  EdxmlAttachment,
  EdxmlBusiness,
  EdxmlBusinessDocType,
  EdxmlBusinessDocumentInfo,
  EdxmlDocument,
  EdxmlMessage,
  EdxmlOrgan,
  EdxmlReceiver,
  EdxmlReplacementInfo,
  EdxmlResponseFor,
  EdxmlSignature,
  EdxmlStaffInfo,
  EdxmlStatus,
  EdxmlStatusCode,
  EdxmlTrace,
} from './types';
