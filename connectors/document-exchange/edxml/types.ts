/**
 * The edXML model (QCVN 102:2016/BTTTT): what a document message and a status message
 * say, in plain camelCase and with no trace of their XML shape. Dates are ISO
 * `yyyy-MM-dd`, timestamps ISO date-times in Vietnam time (`…+07:00`), numbers are
 * numbers, absent or empty elements are `undefined` and repeatable elements are arrays.
 *
 * Element names are noted where the model renames them; the standard's own spellings
 * (`Bussiness`, `TyperNotation`) stay in the XML and out of the model.
 */

/** An agency (`From`, `To`): `OrganId` is its 13-character code, e.g. `000.00.00.G22`. */
export interface EdxmlOrgan {
  organId: string;
  organizationInCharge?: string;
  organName?: string;
  /** `OrganAdd`: the postal address. */
  organAdd?: string;
  email?: string;
  telephone?: string;
  fax?: string;
  website?: string;
}

/** `ResponseFor`: the document a message answers. `code` is `số/ký hiệu` in one string. */
export interface EdxmlResponseFor {
  organId: string;
  code: string;
  promulgationDate?: string;
  documentId: string;
}

/** `TraceHeader`: one hop on the exchange axis. */
export interface EdxmlTrace {
  organId: string;
  timestamp: string;
}

/** `StaffInfo`: the clerk who handled the message. */
export interface EdxmlStaffInfo {
  department?: string;
  staff?: string;
  email?: string;
  mobile?: string;
}

/** `BussinessDocType`: 0 new, 1 revocation (thu hồi), 2 update, 3 replacement. */
export type EdxmlBusinessDocType = 'NEW' | 'REVOCATION' | 'UPDATE' | 'REPLACEMENT';

/** `ReceiverList/Receiver` inside `BussinessDocumentInfo`: a receiver an update concerns. */
export interface EdxmlReceiver {
  /** `ReceiverType` as carried (the SDKs write an integer code). */
  receiverType?: number;
  organId: string;
}

/**
 * `BussinessDocumentInfo`, sent with an UPDATE: which parts of the document the update
 * changes. The SDKs carry `DocumentInfo` and `DocumentReceiver` as integer flags (our
 * reading: 1 = this part changes) and list the receivers concerned.
 */
export interface EdxmlBusinessDocumentInfo {
  documentInfo?: number;
  documentReceiver?: number;
  receivers: EdxmlReceiver[];
}

/** `ReplacementInfoList/ReplacementInfo`, sent with a REPLACEMENT: a replaced document and its receivers. */
export interface EdxmlReplacementInfo {
  documentId: string;
  /** `OrganIdList/OrganId*`. */
  organIds: string[];
}

/** `TraceHeaderList/Bussiness`: what this message does to the document. */
export interface EdxmlBusiness {
  documentId?: string;
  businessDocType: EdxmlBusinessDocType;
  businessDocReason?: string;
  /** 1 when a paper copy is also sent (as carried). */
  paper?: number;
  /** `BussinessDocumentInfo` (UPDATE). */
  documentInfo?: EdxmlBusinessDocumentInfo;
  /** `ReplacementInfoList` (REPLACEMENT); empty otherwise. */
  replacementInfo: EdxmlReplacementInfo[];
  staffInfo?: EdxmlStaffInfo;
}

/**
 * An attachment: the `edXMLManifest/Reference` and the `AttachmentEncoded/Attachment`
 * with the same `ContentId`, merged. A broken attachment is reported here, on itself,
 * and never fails the rest of the document.
 */
export interface EdxmlAttachment {
  /** `ContentId`, e.g. `cid:209`. */
  contentId: string;
  /** `AttachmentName` (the content id when the message names none). */
  name: string;
  description?: string;
  contentType?: string;
  /** Decoded size in bytes; set with `content`. Ignored when building. */
  size?: number;
  /** The decoded bytes. Required when building. */
  content?: Buffer;
  /** Why this attachment could not be read (no content, broken base64, not in the body). */
  error?: { code: 'EDXML_INVALID'; message: string };
}

/**
 * What the message says about its enveloped XML signature. Nothing is verified yet:
 * `verification` is always `NOT_VERIFIED` (see the README for what verifying would take).
 */
export interface EdxmlSignature {
  present: boolean;
  /**
   * True when `Signature` is in the W3C XML-DSig namespace. The SDK sample writes it
   * without one (so it sits in the edXML namespace); no XML-DSig library finds such a
   * signature, which is why this is reported rather than assumed.
   */
  xmldsigNamespace: boolean;
  /** A Reference with `URI=""` and the enveloped-signature transform. */
  enveloped: boolean;
  canonicalizationAlgorithm?: string;
  signatureAlgorithm?: string;
  digestAlgorithm?: string;
  /** An `X509Data/X509Certificate` with content. */
  hasX509Certificate: boolean;
  /** `X509SubjectName` as the sender wrote it. */
  x509SubjectName?: string;
  /** The certificate itself, when it decodes as X.509 (not validated against any CA). */
  certificate?: { subject: string; issuer: string; serialNumber: string; validFrom: string; validTo: string };
  verification: 'NOT_VERIFIED';
}

/** An edXML document message (văn bản điện tử). */
export interface EdxmlDocument {
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  /** `<sender organ>,<yyyy/MM/dd>,<số/ký hiệu>`, kept as carried. */
  documentId: string;
  code: { codeNumber: string; codeNotation: string };
  promulgationInfo: { place?: string; date?: string };
  documentType: { type?: number; typeDetail?: number; typeName?: string };
  subject?: string;
  content?: string;
  signerInfo: { competence?: string; position?: string; fullName?: string };
  dueDate?: string;
  toPlaces: string[];
  otherInfo: {
    priority?: number;
    sphereOfPromulgation?: string;
    typerNotation?: string;
    promulgationAmount?: number;
    pageAmount?: number;
    direction?: boolean;
    appendixes: string[];
  };
  steeringType?: number;
  responseFor: EdxmlResponseFor[];
  traces: EdxmlTrace[];
  business: EdxmlBusiness;
  attachments: EdxmlAttachment[];
  /** Reported on parse; never produced by the builder (signing is out of scope). */
  signature: EdxmlSignature;
}

/** The status codes of QCVN 102:2016 (see EDXML_STATUS_CODES). */
export type EdxmlStatusCode = '01' | '02' | '03' | '04' | '05' | '06' | '13' | '15' | '16';

/** An edXML status message (phản hồi): what the receiver did with a document. */
export interface EdxmlStatus {
  from: EdxmlOrgan;
  responseFor: EdxmlResponseFor;
  staffInfo?: EdxmlStaffInfo;
  statusCode: EdxmlStatusCode;
  /** The Vietnamese label of `statusCode`; derived, never written. */
  statusLabel: string;
  description?: string;
  timestamp: string;
  traces: EdxmlTrace[];
}

export type EdxmlMessage = { kind: 'document'; document: EdxmlDocument } | { kind: 'status'; status: EdxmlStatus };
