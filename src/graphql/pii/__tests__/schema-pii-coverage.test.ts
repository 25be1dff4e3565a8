import { getDirective } from '@graphql-tools/utils';
import { getNamedType, isInterfaceType, isObjectType, isScalarType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { buildSchema } from '../../build-schema';

// Every field of the built schema that could carry a person's name, ID, phone, email or
// address (any text, or a scalar that could hold text) is either marked `@pii` or has its
// reason here. A field added without either fails this test: it cannot slip by.

/** Scalars that cannot hold a name, a number written as text, an email or an address. */
const NOT_TEXT = new Set(['Int', 'Float', 'Boolean', 'DateTime', 'Date']);

const CATALOGUE = 'the national procedure catalogue and agency directory, published by law: about procedures and agencies, never a person';
const PAGING = 'paging and freshness plumbing: opaque cursors and error codes';
const OFFICIAL = 'an official acting in office, as the document itself publishes (public duty, not private life)';
const CORRESPONDENCE =
  "official correspondence of the holder agency: its officers read it whole in the agency's own document system, and the gateway shows each copy only to that agency";
const AUDIT = 'the audit log exists to name who accessed what: read only by auditors (audit:read, audit:security), never masked for them';
const CODE = 'a code or label from a closed table (statuses, types, algorithms)';

/** Types whose every text field is public or plumbing, whatever fields they gain. */
const PUBLIC_TYPES: Record<string, string> = {
  Procedure: CATALOGUE,
  PublishingDecision: CATALOGUE,
  ProcedureSteps: CATALOGUE,
  TimeLimit: CATALOGUE,
  Fee: CATALOGUE,
  ApplicantType: CATALOGUE,
  PaperSet: CATALOGUE,
  Paper: CATALOGUE,
  ProcedureResult: CATALOGUE,
  LegalDocument: CATALOGUE,
  Agency: CATALOGUE,
  Sector: CATALOGUE,
  PageInfo: PAGING,
  AuditPageInfo: PAGING,
  Freshness: PAGING,
  AgencyEdge: PAGING,
  ProcedureEdge: PAGING,
  DossierEdge: PAGING,
  DocumentEdge: PAGING,
};

/** Fields of types that also hold personal data, one by one, each with why it is not `@pii`. */
const NOT_PERSONAL: Record<string, string> = {
  'Image.mediaType': CODE,
  'Image.data': 'a QR code or barcode of a procedure page link or a dossier code and its lookup link: no personal data is encoded',
  'Image.url': 'a link to a procedure\'s public page',
  'DossierReceipt.dossierCode': 'a dossier code: the agency, a date and a sequence number',
  'DossierReceipt.lookupUrl': 'the public status link of the dossier (its code and a per-dossier secret), which answers status and appointment only',
  'ProvinceSyncStatus.source': 'the configured source name of a province',
  'ProvinceSyncStatus.province': 'a province\'s level-1 agency code',
  'SyncPass.error': CODE,
  'DeadLetter.code': 'a dossier code: the agency, a date and a sequence number',
  'DeadLetter.source': 'the configured source name of a province',
  'PortalDifference.code': 'a dossier code: the agency, a date and a sequence number',
  'PortalDifference.fields': 'names of the portal\'s fields (MaHoSo, TrangThaiHoSo, …), never their values',
  'PortalReconciliation.next': 'an opaque cursor (a sort key of list order and dossier code)',
  'Dossier.code': 'the processing agency code, the date and a sequence number: names no one',
  'Dossier.province': 'the configured source name of a province',
  'Dossier.procedureCode': CATALOGUE,
  'Dossier.procedureName': CATALOGUE,
  'Dossier.receiptNumber': 'a number the one-stop desk gives, like the dossier code',
  'DossierStatus.label': CODE,
  'DossierStatus.vendorCode': CODE,
  'DossierStatus.vendorLabel': CODE,
  'DossierStep.status': CODE,
  'DossierFee.code': 'the fee schedule of the procedure (catalogue data)',
  'DossierFee.name': 'the fee schedule of the procedure (catalogue data)',
  'DossierFee.kind': CODE,
  'DossierPaper.code': 'the code of a paper in the procedure (catalogue data)',

  'Document.id': 'the gateway source and the axis message id',
  'Document.documentId': 'the sender agency code, the date, the number and notation',
  'Document.number': CORRESPONDENCE,
  'Document.notation': CORRESPONDENCE,
  'Document.subject': CORRESPONDENCE,
  'Document.content': CORRESPONDENCE,
  'Document.promulgationPlace': CORRESPONDENCE,
  'Document.replaces': 'edXML DocumentIds of earlier documents',
  'Document.businessReason': CORRESPONDENCE,
  'DocumentType.name': CODE,
  'Signer.competence': OFFICIAL,
  'Signer.position': OFFICIAL,
  'Signer.fullName': OFFICIAL,
  'DocumentAttachment.contentId': 'an id inside the message',
  'DocumentAttachment.name': CORRESPONDENCE,
  'DocumentAttachment.contentType': CODE,
  'DocumentAttachment.description': CORRESPONDENCE,
  'DocumentAttachment.downloadPath': 'a path of the gateway built from ids',
  'DocumentAttachment.error': 'why the gateway could not decode the attachment',
  'DocumentSignature.reason': 'why a signature was judged as it was: algorithms, certificate and chain facts about the signing organisation and its CA',
  'SignatureSigner.name': `the signer named by the signing certificate: ${OFFICIAL}`,
  'SignatureSigner.organisation': 'the signing organisation, from its certificate',
  'SignatureSigner.serialNumber': 'the serial number of the signing certificate, issued by the CA',
  'SignatureSigner.issuer': 'the certificate authority that issued the signing certificate',
  'DocumentDelivery.acknowledgement': CODE,
  'DocumentDelivery.note': 'the exchange axis\'s own transport note',
  'DocumentStatus.code': CODE,
  'DocumentStatus.label': CODE,
  'DocumentStatus.description': CORRESPONDENCE,
  'DocumentStatus.staff': OFFICIAL,
  'DocumentStatus.department': OFFICIAL,

  'AuditEntry.id': AUDIT,
  'AuditEntry.requestId': AUDIT,
  'AuditEntry.operationName': AUDIT,
  'AuditEntry.operationType': AUDIT,
  'AuditEntry.documentHash': AUDIT,
  'AuditEntry.errorCodes': AUDIT,
  'AuditEntry.refusalReason': AUDIT,
  'AuditEntry.clientIp': AUDIT,
  'AuditEntry.sensitiveFields': AUDIT,
  'AuditEntry.subject': AUDIT,
  'AuditEntry.tokenId': AUDIT,
  'AuditEntry.client': AUDIT,
  'AuditEntry.principal': AUDIT,
  'AuditEntry.hash': AUDIT,
  'AuditEntry.prevHash': AUDIT,
  'AuditAttachment.document': AUDIT,
  'AuditAttachment.contentId': AUDIT,
  'AuditRecordCount.type': AUDIT,

  'DossierStatusChange.id': 'the change log\'s sequence number',
  'DossierStatusChange.dossierCode': 'a dossier code: the agency, a date and a sequence number',
  'DossierStatusChange.agencyCode': 'an agency code',
  'NationalStatus.label': CODE,
  'Webhook.id': 'an id the gateway makes',
  'Webhook.agencyCode': 'an agency code',
  'Webhook.url': 'where an agency application receives events: a system\'s address, shown only to those who manage the agency\'s webhooks',
  'Webhook.createdByClient': 'the client application (client_id) that registered it, not a person',
  'WebhookRegistration.secret': 'a signing key the gateway made or the application chose, answered once to the application that registered it',
  'WebhookDeadLetter.id': 'the change log\'s sequence number and a webhook id',
  'WebhookDeadLetter.webhookId': 'an id the gateway makes',
  'WebhookDeadLetter.dossierCode': 'a dossier code: the agency, a date and a sequence number',
  'WebhookDeadLetter.reason': 'an error code and what the receiver answered (an HTTP status) or the transport\'s error; the call carried no personal data',
  'NotificationStatistics.agency': 'an agency code',
};

/** Types that are about a citizen: every text field of theirs is `@pii`, none may be given a reason. */
const CITIZEN_TYPES = ['Applicant'];

const schema = buildSchema();

interface TextField {
  coordinate: string;
  typeName: string;
  kind: string | undefined;
}

function textFields(built: GraphQLSchema): TextField[] {
  const fields: TextField[] = [];
  for (const type of Object.values(built.getTypeMap())) {
    if ((!isObjectType(type) && !isInterfaceType(type)) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
      const named = getNamedType(field.type);
      if (!isScalarType(named) || NOT_TEXT.has(named.name)) continue;
      fields.push({ coordinate: `${type.name}.${field.name}`, typeName: type.name, kind: getDirective(built, field, 'pii')?.[0]?.kind as string | undefined });
    }
  }
  return fields;
}

describe('personal data in the schema', () => {
  const fields = textFields(schema);

  it('walks the whole schema: dossiers, applicants, steps, documents and the audit log among the types', () => {
    const types = new Set(fields.map((field) => field.typeName));
    for (const name of ['Dossier', 'Applicant', 'DossierStep', 'DossierPaper', 'Document', 'Signer', 'DocumentStatus', 'AuditEntry', 'Procedure']) expect(types).toContain(name);
    expect(fields.length).toBeGreaterThan(100);
  });

  it('marks every field that can carry personal data @pii, or says why it is not personal', () => {
    const unexplained = fields.filter((field) => field.kind === undefined && !PUBLIC_TYPES[field.typeName] && !NOT_PERSONAL[field.coordinate]).map((field) => field.coordinate);
    expect(unexplained).toEqual([]);
  });

  it('gives no reason for a field that is @pii, that no longer exists, or that belongs to a citizen', () => {
    const byCoordinate = new Map(fields.map((field) => [field.coordinate, field]));
    const stale = Object.keys(NOT_PERSONAL).filter((coordinate) => byCoordinate.get(coordinate)?.kind !== undefined || !byCoordinate.has(coordinate));
    expect(stale).toEqual([]);
    expect(Object.keys(PUBLIC_TYPES).filter((name) => !schema.getType(name))).toEqual([]);
    for (const name of CITIZEN_TYPES) {
      expect(PUBLIC_TYPES[name]).toBeUndefined();
      expect(fields.filter((field) => field.typeName === name && field.kind === undefined).map((field) => field.coordinate)).toEqual([]);
    }
  });

  it('masks the texts a citizen can appear in, with the kind their content needs', () => {
    const kinds = Object.fromEntries(fields.filter((field) => field.kind !== undefined).map((field) => [field.coordinate, field.kind]));
    expect(kinds).toEqual({
      'Dossier.summary': 'FREE_TEXT',
      'Applicant.name': 'NAME',
      'Applicant.idNumber': 'ID_NUMBER',
      'Applicant.phone': 'PHONE',
      'Applicant.email': 'EMAIL',
      'Applicant.address': 'ADDRESS',
      'DossierStep.handler': 'ACTOR',
      'DossierStep.position': 'FREE_TEXT',
      'DossierStep.department': 'FREE_TEXT',
      'DossierStep.content': 'FREE_TEXT',
      'DossierPaper.name': 'FREE_TEXT',
      'DossierPaper.fileName': 'FREE_TEXT',
      'DossierPaper.url': 'FILE_LINK',
      'SyncPass.message': 'FREE_TEXT',
      'DeadLetter.reason': 'FREE_TEXT',
    });
  });
});
