import { EDXML_STATUS_CODES, isEdxmlDocument, isEdxmlStatus, parseEdxml, parseEdxmlDocument, parseEdxmlStatus } from '..';
import type { EdxmlDocument, EdxmlStatus } from '..';
import { expectGatewayError, fixture, fixtureBytes, STATUS_FILES } from './fixtures';

const DOCUMENT_FILE = 'edoc_new.vpcp-sdk.edxml';

function sampleDocument(): EdxmlDocument {
  const message = parseEdxml(fixture(DOCUMENT_FILE));
  if (message.kind !== 'document') throw new Error(`expected a document, got a ${message.kind}`);
  return message.document;
}

describe('the SDK sample document (edoc_new.vpcp-sdk.edxml)', () => {
  const doc = sampleDocument();

  it('reads the sending organ with its Vietnamese names trimmed and intact', () => {
    expect(doc.from).toEqual({
      organId: '002.00.20.H13',
      organizationInCharge: 'UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng',
      organName: 'UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng',
      organAdd: 'Số 1 Hoàng Hoa Thám, Quận Ba Đình, Hà Nội',
      email: 'vpcp@gov.vn',
      telephone: '8043100',
      fax: '048989898789',
      website: 'vpcp.vn',
    });
  });

  it('reads the single To as a list of one, dropping the leading space the sample carries', () => {
    expect(doc.to).toHaveLength(1);
    expect(doc.to[0]).toMatchObject({
      organId: '28.22.H17',
      organizationInCharge: 'UBND xã Hòa Sơn - UBND huyện Hòa Vang - Thành phố Đà Nẵng',
      organAdd: 'số 62 - Võ Thị Sáu - Ngô Quyền - Hải Phòng',
      telephone: '(84-4) 3821 5137',
      website: 'www.haiphong.gov.vn',
    });
  });

  it('reads the document id, code and promulgation date (yyyy/MM/dd as ISO)', () => {
    expect(doc.documentId).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    expect(doc.code).toEqual({ codeNumber: '74fass22', codeNotation: 'VPCP-TTĐT' });
    expect(doc.promulgationInfo).toEqual({ place: 'Hà Nội', date: '2019-01-16' });
    expect(doc.dueDate).toBe('2018-09-28');
  });

  it('reads type, subject, content and signer', () => {
    expect(doc.documentType).toEqual({ type: 1, typeDetail: 0, typeName: 'Công văn' });
    expect(doc.subject).toBe('V/v kết nối, liên thông phần mềm quản lý văn bản');
    expect(doc.content).toBe('V/v kết nối, liên thông phần mềm quản lý văn bản');
    expect(doc.signerInfo).toEqual({
      competence: 'TL. BO TRUONG',
      position: 'Cuc truong cuc ung dung cong nghe thong tin',
      fullName: 'Nguyen Thanh Phuc',
    });
  });

  it('reads OtherInfo with numbers as numbers and Direction as a boolean, and places and steering type', () => {
    expect(doc.otherInfo).toEqual({
      priority: 0,
      sphereOfPromulgation: 'Liên thông văn bản quốc gia',
      typerNotation: 'TVC',
      promulgationAmount: 2,
      pageAmount: 22,
      direction: false,
      appendixes: ['Công văn về việc kết nối, liên thông phần mềm quản lý văn bản'],
    });
    expect(doc.steeringType).toBe(1);
    expect(doc.toPlaces).toEqual(['Cac bo va co quan ngang bo', 'Uy ban nhan dan cac tinh, TP']);
    expect(doc.responseFor).toEqual([]);
  });

  it('reads the trace with its timestamp in Vietnam time, and the business block as NEW', () => {
    expect(doc.traces).toEqual([{ organId: '000.00.00.G22', timestamp: '2018-09-28T00:00:00+07:00' }]);
    expect(doc.business).toEqual({
      // The sample's business document id carries 2014/02/30; ids are kept as carried, never read as dates.
      documentId: '000.00.00.G22,2014/02/30,7806/VPCP-TTĐT',
      businessDocType: 'NEW',
      businessDocReason: 'Văn bản điện tử mới',
      paper: 0,
      replacementInfo: [],
      staffInfo: { department: 'Văn thư văn phòng', staff: 'Nguyễn Thị Ngọc Trâm', email: 'vanthuvanphong@gov.vn', mobile: '84912000001' },
    });
  });

  it('decodes the zipped attachment and merges it with its manifest reference', () => {
    expect(doc.attachments).toHaveLength(1);
    const [attachment] = doc.attachments;
    expect(attachment).toMatchObject({
      contentId: 'cid:209',
      name: '1896_QD-TTg_m_294779.doc',
      description: '1896_QD-TTg_m_294779.doc',
      contentType: 'application/zip',
      size: 171,
    });
    expect(attachment?.error).toBeUndefined();
    expect(attachment?.content?.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(attachment?.content?.length).toBe(171);
    expect(attachment?.content?.includes('noi-dung.txt')).toBe(true);
  });

  it('reports the enveloped signature, its algorithms and certificate subject, unverified', () => {
    expect(doc.signature).toEqual({
      present: true,
      // The SDK writes <Signature> without xmlns, so it is in the edXML namespace, not XML-DSig's.
      xmldsigNamespace: false,
      enveloped: true,
      canonicalizationAlgorithm: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
      signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
      digestAlgorithm: 'http://www.w3.org/2000/09/xmldsig#sha1',
      hasX509Certificate: true,
      x509SubjectName: 'CN=user05',
      // "MIIFqTCCBJG" is a truncated certificate, so there is nothing to read from it.
      verification: 'NOT_VERIFIED',
    });
  });

  it('is recognised as a document and not as a status', () => {
    expect(isEdxmlDocument(fixture(DOCUMENT_FILE))).toBe(true);
    expect(isEdxmlStatus(fixture(DOCUMENT_FILE))).toBe(false);
    expect(parseEdxmlDocument(fixture(DOCUMENT_FILE))).toEqual(doc);
  });

  it('parses the same from the raw bytes as from the string', () => {
    expect(parseEdxml(fixtureBytes(DOCUMENT_FILE))).toEqual({ kind: 'document', document: doc });
  });

  it('refuses to be parsed as a status message, naming the StatusCode it lacks', () => {
    const err = expectGatewayError(() => parseEdxmlStatus(fixture(DOCUMENT_FILE)), 'EDXML_INVALID');
    expect(err.extensions.path).toBe('edXML/edXMLEnvelope/edXMLHeader/MessageHeader/StatusCode');
  });
});

const EXPECTED_STATUSES: Record<string, Pick<EdxmlStatus, 'statusCode' | 'statusLabel' | 'description'>> = {
  'status_inbox_01.edxml': {
    statusCode: '01',
    statusLabel: 'Đã đến',
    description: 'Văn thư - Phòng Văn thư - Lưu trữ: Đã đến - Phần mềm QLVB đã nhận nhưng văn thư chưa xử lý',
  },
  'status_rejection_02.edxml': {
    statusCode: '02',
    statusLabel: 'Từ chối tiếp nhận',
    description: 'Văn thư - Phòng Văn thư - Lưu trữ: Từ chối không tiếp nhận văn bản điện tử',
  },
  'status_acceptance_03.edxml': {
    statusCode: '03',
    statusLabel: 'Đã tiếp nhận',
    description: 'Văn thư cơ - Phòng Văn thư - Lưu trữ: Tiếp nhận văn bản điện tử, vào sổ văn bản đến của đơn vị',
  },
  'status_processing_05.edxml': { statusCode: '05', statusLabel: 'Đang xử lý', description: 'Đang xử lý văn bản đến' },
  'status_finish_06.edxml': { statusCode: '06', statusLabel: 'Hoàn thành', description: 'Văn thư: Ban hành văn bản đến, hoàn thành xử lý' },
};

describe.each(STATUS_FILES)('the real status message %s', (file) => {
  const message = parseEdxml(fixture(file));
  const status = message.kind === 'status' ? message.status : undefined;

  it('is read as a status message with its code, Vietnamese label and description', () => {
    expect(message.kind).toBe('status');
    expect(status).toMatchObject(EXPECTED_STATUSES[file] as object);
    expect(status?.statusLabel).toBe(EDXML_STATUS_CODES[status?.statusCode ?? '01'].label);
  });

  it('reads the sender, whatever the order of its elements, and the document it answers', () => {
    expect(status?.from).toEqual({
      organId: '000.00.00.H41',
      organizationInCharge: 'UBND Tỉnh Nghệ An',
      organName: 'UBND Tỉnh Nghệ An',
      organAdd: 'Số 03, đường Trường Thi, Thành phố Vinh, Tỉnh Nghệ An, Việt Nam',
      email: 'nghean@gov.vn',
      telephone: '0383 840418',
      fax: '0383 843049',
      website: 'www.nghean.vn',
    });
    expect(status?.responseFor).toEqual({
      organId: '000.00.00.G22',
      code: '7816/VPCP-TTĐT',
      promulgationDate: '2015-09-30',
      documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT',
    });
  });

  it('reads the staff info through its tabs and trailing spaces, and the timestamp in Vietnam time', () => {
    expect(status?.staffInfo).toEqual({ department: 'Phong hanh chinh', staff: 'Nguyen thi ngoc tram', email: 'ngoctram@nghean.vn', mobile: '84912000001' });
    expect(status?.timestamp).toBe('2015-09-20T11:08:36+07:00');
    expect(status?.traces).toEqual([]);
  });

  it('is recognised as a status and not as a document', () => {
    expect(isEdxmlStatus(fixture(file))).toBe(true);
    expect(isEdxmlDocument(fixture(file))).toBe(false);
    expect(parseEdxmlStatus(fixtureBytes(file))).toEqual(status);
    expectGatewayError(() => parseEdxmlDocument(fixture(file)), 'EDXML_INVALID');
  });
});
