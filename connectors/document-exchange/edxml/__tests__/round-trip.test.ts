import { buildEdxmlDocument, buildEdxmlStatus, EDXML_STATUS_CODES, parseEdxml, parseEdxmlDocument, parseEdxmlStatus } from '..';
import type { EdxmlBusinessDocType, EdxmlDocument, EdxmlStatusCode } from '..';
import { fixture, SAMPLE_FILES } from './fixtures';
import { fullDocument, fullStatus } from './models';

const NO_SIGNATURE = { present: false, xmldsigNamespace: false, enveloped: false, hasX509Certificate: false, verification: 'NOT_VERIFIED' };

describe('build, then parse', () => {
  it.each<EdxmlBusinessDocType>(['NEW', 'REVOCATION', 'UPDATE', 'REPLACEMENT'])(
    'gives back a fully populated %s document, field for field',
    (businessDocType) => {
      const doc = fullDocument(businessDocType);
      const parsed = parseEdxmlDocument(buildEdxmlDocument(doc));
      expect(parsed).toEqual(doc);
      // toEqual compares Buffers byte by byte; say so explicitly for the binary one.
      expect(parsed.attachments[0]?.content?.equals(doc.attachments[0]?.content as Buffer)).toBe(true);
    },
  );

  it('keeps inner spaces, line breaks (CR included), tabs and markup characters of text values', () => {
    const parsed = parseEdxmlDocument(buildEdxmlDocument(fullDocument()));
    expect(parsed.subject).toBe('V/v triển khai   liên thông văn bản "điện tử" ]]> cấp xã');
    expect(parsed.content).toBe('Dòng một\nDòng hai\r\nDòng ba\tcó tab');
    expect(parsed.to[2]?.organName).toBe('Sở Tư pháp & Sở Nội vụ <liên ngành>');
  });

  it('gives back a document with nothing optional set', () => {
    const minimal: EdxmlDocument = {
      from: { organId: '000.00.00.H41' },
      to: [{ organId: '000.00.00.G22' }],
      documentId: '000.00.00.H41,2024/03/05,1/UBND',
      code: { codeNumber: '1', codeNotation: 'UBND' },
      promulgationInfo: {},
      documentType: {},
      signerInfo: {},
      toPlaces: [],
      otherInfo: { appendixes: [] },
      responseFor: [],
      traces: [],
      business: { businessDocType: 'NEW', replacementInfo: [] },
      attachments: [],
      signature: NO_SIGNATURE as EdxmlDocument['signature'],
    };
    expect(parseEdxmlDocument(buildEdxmlDocument(minimal))).toEqual(minimal);
  });

  it.each(Object.keys(EDXML_STATUS_CODES) as EdxmlStatusCode[])('gives back a status message with code %s, field for field', (code) => {
    const status = fullStatus(code);
    expect(parseEdxmlStatus(buildEdxmlStatus(status))).toEqual(status);
    expect(parseEdxml(buildEdxmlStatus(status)).kind).toBe('status');
  });

  it('gives back a status message without staff info, description or traces', () => {
    const { staffInfo: _staff, description: _description, ...rest } = fullStatus('04');
    const status = { ...rest, traces: [] };
    expect(parseEdxmlStatus(buildEdxmlStatus(status))).toEqual(status);
  });

  it('writes a timestamp given in another zone as the same instant in Vietnam time', () => {
    const status = { ...fullStatus('05'), timestamp: '2024-03-06T20:30:00Z' };
    expect(buildEdxmlStatus(status)).toContain('<edXML:Timestamp>2024/03/07 03:30:00</edXML:Timestamp>');
    expect(parseEdxmlStatus(buildEdxmlStatus(status)).timestamp).toBe('2024-03-07T03:30:00+07:00');
  });
});

describe('parse, build, then parse again', () => {
  it.each(SAMPLE_FILES)('gives back the model of %s (less the signature, which is never built)', (file) => {
    const first = parseEdxml(fixture(file));
    const rebuilt = first.kind === 'document' ? buildEdxmlDocument(first.document) : buildEdxmlStatus(first.status);
    const second = parseEdxml(rebuilt);
    if (first.kind === 'document' && second.kind === 'document') {
      expect(first.document.signature.present).toBe(true);
      expect(second.document.signature).toEqual(NO_SIGNATURE);
      expect({ ...second.document, signature: first.document.signature }).toEqual(first.document);
    } else {
      expect(second).toEqual(first);
    }
  });
});
