import { buildEdxmlDocument, buildEdxmlStatus, EDXML_NAMESPACE } from '..';
import type { EdxmlDocument, EdxmlStatus } from '..';
import { readXmlTree } from '../read-xml-tree';
import type { XmlElement } from '../../../kit/xml';
import { expectGatewayError } from './fixtures';
import { fullDocument, fullStatus } from './models';

function childNames(element: XmlElement | undefined): string[] {
  return (element?.children ?? []).map((child) => child.name);
}

function find(element: XmlElement, ...path: string[]): XmlElement | undefined {
  let current: XmlElement | undefined = element;
  for (const local of path) current = current?.children.find((child) => child.local === local);
  return current;
}

describe('buildEdxmlDocument', () => {
  const xml = buildEdxmlDocument(fullDocument('REPLACEMENT'));
  const tree = readXmlTree(xml);

  it('writes UTF-8 XML with an edXML root in the edXML default namespace, as the samples do', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">\n')).toBe(true);
    expect(tree).toMatchObject({ name: 'edXML', namespace: EDXML_NAMESPACE });
  });

  it('prefixes every element below the root with edXML: bound to the edXML namespace', () => {
    const all: XmlElement[] = [];
    const visit = (element: XmlElement): void => {
      all.push(element);
      element.children.forEach(visit);
    };
    tree.children.forEach(visit);
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((element) => !element.name.startsWith('edXML:') || element.namespace !== EDXML_NAMESPACE)).toEqual([]);
  });

  it('writes the MessageHeader in the SDK sample order, ResponseFor last', () => {
    expect(childNames(find(tree, 'edXMLEnvelope', 'edXMLHeader', 'MessageHeader')).map((name) => name.slice(6))).toEqual([
      'From', 'To', 'To', 'To', 'DocumentId', 'Code', 'PromulgationInfo', 'DocumentType', 'Subject', 'Content', 'SignerInfo',
      'DueDate', 'OtherInfo', 'SteeringType', 'ToPlaces', 'ResponseFor', 'ResponseFor',
    ]);
    expect(childNames(find(tree, 'edXMLEnvelope', 'edXMLHeader', 'MessageHeader', 'From')).map((name) => name.slice(6))).toEqual([
      'OrganId', 'OrganizationInCharge', 'OrganName', 'OrganAdd', 'Email', 'Telephone', 'Fax', 'Website',
    ]);
  });

  it('writes the business block with the standard spelling and the replacement list', () => {
    const business = find(tree, 'edXMLEnvelope', 'edXMLHeader', 'TraceHeaderList', 'Bussiness');
    expect(childNames(business)).toEqual([
      'edXML:DocumentId', 'edXML:BussinessDocType', 'edXML:BussinessDocReason', 'edXML:ReplacementInfoList',
    ]);
    expect(find(business as XmlElement, 'BussinessDocType')?.text).toBe('3');
    expect(xml).toContain('<edXML:OrganIdList>\n');
  });

  it('writes no Signature: signing is out of scope', () => {
    expect(xml).not.toMatch(/Signature/);
  });

  it('lists every attachment in the manifest and carries it base64 on one line beside the envelope', () => {
    const references = find(tree, 'edXMLEnvelope', 'edXMLBody', 'edXMLManifest');
    expect(references?.attributes).toEqual([{ name: 'version', local: 'version', namespace: undefined, value: '1.0' }]);
    const encoded = find(tree, 'AttachmentEncoded');
    expect(childNames(tree)).toEqual(['edXML:edXMLEnvelope', 'edXML:AttachmentEncoded']);
    const ids = (element: XmlElement | undefined): string[] =>
      (element?.children ?? []).map((child) => find(child, 'ContentId')?.text ?? '');
    expect(ids(references)).toEqual(['cid:1', 'cid:phu-luc-2', 'cid:3']);
    expect(ids(encoded)).toEqual(['cid:1', 'cid:phu-luc-2', 'cid:3']);
    const base64 = fullDocument().attachments[0]?.content?.toString('base64') as string;
    expect(base64.length).toBeGreaterThan(76);
    expect(xml).toContain(`<edXML:ContentTransferEncoded>${base64}</edXML:ContentTransferEncoded>`);
  });

  it('writes an empty manifest and no AttachmentEncoded for a document without attachments', () => {
    const plain = buildEdxmlDocument({ ...fullDocument(), attachments: [] });
    expect(plain).toContain('<edXML:edXMLManifest version="1.0"/>');
    expect(plain).not.toContain('AttachmentEncoded');
  });

  it('escapes markup characters and carriage returns so the output stays well-formed', () => {
    expect(xml).toContain('Sở Tư pháp &amp; Sở Nội vụ &lt;liên ngành&gt;');
    expect(xml).toContain(']]&gt;');
    expect(xml).toContain('Dòng hai&#13;\n');
  });
});

describe('buildEdxmlDocument is strict and names the field it refuses', () => {
  const cases: Array<[string, (doc: EdxmlDocument) => unknown, string]> = [
    ['no receiving organ', (d) => ({ ...d, to: [] }), 'to'],
    ['a To without an organ id', (d) => ({ ...d, to: [...d.to, { organName: 'Sở' }] }), 'to[3].organId'],
    ['a From that is missing', (d) => ({ ...d, from: undefined }), 'from'],
    ['a blank document id', (d) => ({ ...d, documentId: '   ' }), 'documentId'],
    ['a missing code notation', (d) => ({ ...d, code: { codeNumber: '1' } }), 'code.codeNotation'],
    ['a date in edXML form instead of ISO', (d) => ({ ...d, promulgationInfo: { date: '2024/03/05' } }), 'promulgationInfo.date'],
    ['a date that is not on the calendar', (d) => ({ ...d, dueDate: '2014-02-30' }), 'dueDate'],
    ['a trace timestamp without a zone', (d) => ({ ...d, traces: [{ organId: 'x', timestamp: '2024-03-05T08:15:00' }] }), 'traces[0].timestamp'],
    ['a fractional priority', (d) => ({ ...d, otherInfo: { ...d.otherInfo, priority: 1.5 } }), 'otherInfo.priority'],
    ['a number given as text', (d) => ({ ...d, steeringType: '1' }), 'steeringType'],
    ['a control character in the subject', (d) => ({ ...d, subject: 'V/v \u0007 chuông' }), 'subject'],
    ['a lone surrogate in the content', (d) => ({ ...d, content: 'nửa \uD83D ký tự' }), 'content'],
    ['an attachment id without cid:', (d) => ({ ...d, attachments: [{ ...d.attachments[0], contentId: '1' }] }), 'attachments[0].contentId'],
    ['two attachments with one id', (d) => ({ ...d, attachments: [d.attachments[0], d.attachments[0]] }), 'attachments[1].contentId'],
    ['an attachment without content', (d) => ({ ...d, attachments: [{ contentId: 'cid:9', name: 'x.pdf' }] }), 'attachments[0].content'],
    ['an attachment without a name', (d) => ({ ...d, attachments: [{ contentId: 'cid:9', content: Buffer.from('x') }] }), 'attachments[0].name'],
    ['an unknown business type', (d) => ({ ...d, business: { businessDocType: 'DELETE', replacementInfo: [] } }), 'business.businessDocType'],
    ['a replacement that names nothing it replaces', (d) => ({ ...d, business: { businessDocType: 'REPLACEMENT', replacementInfo: [] } }), 'business.replacementInfo'],
    ['replacement info on a new document', (d) => ({ ...d, business: { ...fullDocument('REPLACEMENT').business, businessDocType: 'NEW' } }), 'business.replacementInfo'],
    ['update info on a revocation', (d) => ({ ...d, business: { ...fullDocument('UPDATE').business, businessDocType: 'REVOCATION' } }), 'business.documentInfo'],
  ];

  it.each(cases)('refuses %s', (_, change, field) => {
    const err = expectGatewayError(() => buildEdxmlDocument(change(fullDocument()) as EdxmlDocument), 'EDXML_INVALID');
    expect(err.extensions.field).toBe(field);
    expect(err.message).toMatch(new RegExp(`^Cannot build edXML: ${field.replace(/[[\].]/g, '\\$&')} `));
  });
});

describe('buildEdxmlStatus', () => {
  it('writes From, ResponseFor, StaffInfo, StatusCode, Description, Timestamp in the order real status messages use, and no body', () => {
    const tree = readXmlTree(buildEdxmlStatus(fullStatus('03')));
    expect(childNames(find(tree, 'edXMLEnvelope', 'edXMLHeader', 'MessageHeader')).map((name) => name.slice(6))).toEqual([
      'From', 'ResponseFor', 'StaffInfo', 'StatusCode', 'Description', 'Timestamp',
    ]);
    expect(childNames(find(tree, 'edXMLEnvelope', 'edXMLHeader', 'MessageHeader', 'StaffInfo')).map((name) => name.slice(6))).toEqual([
      'Department', 'Staff', 'Mobile', 'Email',
    ]);
    expect(childNames(find(tree, 'edXMLEnvelope'))).toEqual(['edXML:edXMLHeader']);
    expect(find(tree, 'edXMLEnvelope', 'edXMLHeader', 'MessageHeader', 'StatusCode')?.text).toBe('03');
  });

  it.each<[string, Partial<Record<keyof EdxmlStatus, unknown>>, string]>([
    ['a code outside the table', { statusCode: '07' }, 'statusCode'],
    ['a code without its leading zero', { statusCode: '3' }, 'statusCode'],
    ['a missing timestamp', { timestamp: undefined }, 'timestamp'],
    ['a response without the document id', { responseFor: { organId: 'x', code: '1/UBND' } }, 'responseFor.documentId'],
  ])('refuses %s, naming the field', (_, change, field) => {
    const err = expectGatewayError(() => buildEdxmlStatus({ ...fullStatus('01'), ...change } as EdxmlStatus), 'EDXML_INVALID');
    expect(err.extensions.field).toBe(field);
  });
});
