import { buildEdxmlDocument, isEdxmlDocument, isEdxmlStatus, parseEdxml, parseEdxmlDocument, parseEdxmlStatus } from '..';
import { expectGatewayError, fixture } from './fixtures';
import { fullDocument } from './models';

const DOCUMENT = fixture('edoc_new.vpcp-sdk.edxml');
const STATUS = fixture('status_acceptance_03.edxml');
const HEADER = 'edXML/edXMLEnvelope/edXMLHeader/MessageHeader';

/** The sample document with its XML declaration replaced by `prolog` (a DOCTYPE, say). */
function withProlog(prolog: string, xml = DOCUMENT): string {
  return xml.replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0" encoding="UTF-8"?>\n${prolog}`);
}

describe('documents with a DTD are refused before any parser sees them', () => {
  it('refuses a billion-laughs entity bomb at once, without expanding anything', () => {
    const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)];
    const bomb = withProlog(`<!DOCTYPE edXML [\n${lol.join('\n')}\n]>`).replace('TL. BO TRUONG', '&lol9;');
    const started = Date.now();
    const err = expectGatewayError(() => parseEdxml(bomb), 'EDXML_INVALID');
    expect(Date.now() - started).toBeLessThan(500);
    expect(err.message).toMatch(/must not contain a DTD/);
    expect(err.extensions.line).toBe(2);
  });

  it('refuses an external entity (XXE) and never reads the file it names', () => {
    const xxe = withProlog('<!DOCTYPE edXML [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>').replace('TL. BO TRUONG', '&xxe;');
    const err = expectGatewayError(() => parseEdxml(xxe), 'EDXML_INVALID');
    expect(err.message).toMatch(/XXE/);
    expect(err.message).not.toMatch(/root:/);
  });

  it('refuses a bare entity declaration outside a DOCTYPE too', () => {
    expectGatewayError(() => parseEdxml(withProlog('<!ENTITY x "y">')), 'EDXML_INVALID');
  });

  it('does not mistake "<!DOCTYPE" inside a comment or CDATA for a DTD', () => {
    const commented = withProlog('<!-- <!DOCTYPE not really> -->').replace('TL. BO TRUONG', '<![CDATA[<!DOCTYPE x> TL. BO TRUONG]]>');
    expect(parseEdxmlDocument(commented).signerInfo.competence).toBe('<!DOCTYPE x> TL. BO TRUONG');
  });

  it('refuses an entity nobody declared rather than passing it through', () => {
    const err = expectGatewayError(() => parseEdxml(DOCUMENT.replace('TL. BO TRUONG', 'TL.&nbsp;BO TRUONG')), 'EDXML_INVALID');
    expect(err.message).toMatch(/undeclared entity &nbsp;/);
  });

  it('decodes the predefined entities and character references', () => {
    const doc = parseEdxmlDocument(DOCUMENT.replace('TL. BO TRUONG', 'TL. B&#7896; TR&#x01AF;&#7900;NG &amp; &lt;VP&gt;'));
    expect(doc.signerInfo.competence).toBe('TL. BỘ TRƯỜNG & <VP>');
  });
});

describe('CDATA, references and other legal XML', () => {
  const base64 = /<edXML:ContentTransferEncoded[^>]*>([^<]+)</.exec(DOCUMENT)![1]!;
  const zip = Buffer.from(base64, 'base64');

  it('reads attachment content wrapped in CDATA, whole or split, as the same bytes', () => {
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
    for (const wrapped of [`<![CDATA[${base64}]]>`, `\r\n\t<![CDATA[${base64.slice(0, 7)}]]>${base64.slice(7, 30)}<![CDATA[${base64.slice(30)}]]>\r\n`]) {
      const [attachment] = parseEdxmlDocument(DOCUMENT.replace(base64, wrapped)).attachments;
      expect(attachment?.error).toBeUndefined();
      expect(attachment?.content?.equals(zip)).toBe(true);
    }
  });

  it('reads header text in CDATA and character references alike, and skips comments and processing instructions', () => {
    const variant = DOCUMENT.replace('<edXML:Competence>TL. BO TRUONG<', '<edXML:Competence><!-- ký thay --><![CDATA[TL. B]]>&#7896; TR<?pi x?>&#x01AF;&#7900;NG<')
      .replace('<edXML:Subject>', '<!-- chú thích --><?sdk version="2"?><edXML:Subject>');
    const doc = parseEdxmlDocument(variant);
    expect(doc.signerInfo.competence).toBe('TL. BỘ TRƯỜNG');
    expect(doc.subject).toBe('V/v kết nối, liên thông phần mềm quản lý văn bản');
  });

  it.each([
    ['a reference to NUL', '&#0;'],
    ['a lone surrogate', '&#xDC00;'],
    ['a reference beyond Unicode', '&#x110000;'],
    ['a bare ampersand', 'TL. & BO'],
  ])('refuses %s in text with EDXML_INVALID and its line', (_, text) => {
    const err = expectGatewayError(() => parseEdxml(DOCUMENT.replace('TL. BO TRUONG', text)), 'EDXML_INVALID');
    expect(err.message).toMatch(/^edXML is not well-formed XML: /);
    expect(err.extensions.line).toBe(44);
  });

  it('refuses a bad reference inside attachment content too, instead of reading the attachment without it', () => {
    expectGatewayError(() => parseEdxml(DOCUMENT.replace(base64, `${base64.slice(0, 8)}&#1;${base64.slice(8)}`)), 'EDXML_INVALID');
  });
});

describe('size and shape limits', () => {
  it('refuses 10,000 levels of nesting quickly, naming the limit', () => {
    const deep = DOCUMENT.replace('<edXML:Subject>', `<edXML:Subject>${'<a>'.repeat(10_000)}x${'</a>'.repeat(10_000)}`);
    const started = Date.now();
    const err = expectGatewayError(() => parseEdxml(deep), 'EDXML_INVALID');
    expect(Date.now() - started).toBeLessThan(500);
    expect(err.message).toMatch(/deeper than 64 levels \(maxDepth\)/);
  });

  it('applies a configured maxDepth', () => {
    expect(parseEdxml(DOCUMENT, { maxDepth: 8 }).kind).toBe('document');
    expectGatewayError(() => parseEdxml(DOCUMENT, { maxDepth: 7 }), 'EDXML_INVALID');
  });

  it('refuses a message over maxBytes as PAYLOAD_TOO_LARGE, counting UTF-8 bytes, string or Buffer', () => {
    const bytes = Buffer.byteLength(DOCUMENT, 'utf8');
    expect(bytes).toBeGreaterThan(DOCUMENT.length); // Vietnamese letters take several bytes
    const err = expectGatewayError(() => parseEdxml(DOCUMENT, { maxBytes: bytes - 1 }), 'PAYLOAD_TOO_LARGE');
    expect(err.extensions).toMatchObject({ limit: 'maxBytes', maxBytes: bytes - 1, bytes });
    expectGatewayError(() => parseEdxml(Buffer.from(DOCUMENT), { maxBytes: 1024 }), 'PAYLOAD_TOO_LARGE');
    expect(parseEdxml(DOCUMENT, { maxBytes: bytes }).kind).toBe('document');
  });

  it('refuses more header text than maxMetadataLength, but counts no attachment content against it', () => {
    const longSubject = DOCUMENT.replace('V/v kết nối', `V/v ${'x'.repeat(20_000)}`);
    const err = expectGatewayError(() => parseEdxml(longSubject, { maxMetadataLength: 20_000 }), 'PAYLOAD_TOO_LARGE');
    expect(err.extensions).toMatchObject({ limit: 'maxMetadataLength', maxMetadataLength: 20_000 });
    const bigAttachment = buildEdxmlDocument({
      ...fullDocument(),
      attachments: [{ contentId: 'cid:1', name: 'lon.bin', content: Buffer.alloc(100_000, 7) }],
    });
    expect(bigAttachment.length).toBeGreaterThan(100_000);
    expect(parseEdxmlDocument(bigAttachment, { maxMetadataLength: 20_000 }).attachments[0]?.size).toBe(100_000);
  });

  it('refuses 50 MB of header text by default, before the parser spends seconds on it', () => {
    const huge = DOCUMENT.replace('V/v kết nối', `V/v ${'x'.repeat(5 * 1024 * 1024)}`);
    const started = Date.now();
    expectGatewayError(() => parseEdxml(huge), 'PAYLOAD_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('refuses more elements and attributes than maxNodes, quickly', () => {
    const many = DOCUMENT.replace('<edXML:Subject>', `<edXML:Subject>${'<a/>'.repeat(200_000)}`);
    const started = Date.now();
    const err = expectGatewayError(() => parseEdxml(many), 'PAYLOAD_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(err.extensions).toMatchObject({ limit: 'maxNodes', maxNodes: 100_000 });
    const attributes = DOCUMENT.replace('<edXML:Subject>', `<edXML:Subject ${Array.from({ length: 120 }, (_, i) => `a${i}="v"`).join(' ')}>`);
    expect(parseEdxml(attributes).kind).toBe('document');
    expectGatewayError(() => parseEdxml(attributes, { maxNodes: 150 }), 'PAYLOAD_TOO_LARGE');
  });

  it('parses a message just under the node and length limits in a few seconds at most', () => {
    const many = DOCUMENT.replace('<edXML:ToPlaces>', `<edXML:ToPlaces>${'<Place>x</Place>'.repeat(99_000)}`);
    const started = Date.now();
    expect(parseEdxmlDocument(many).toPlaces).toHaveLength(99_002);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reads a 30 MB attachment in linear time (as a raw stop node, not character by character)', () => {
    const content = Buffer.alloc(30 * 1024 * 1024, 0x5a);
    const xml = buildEdxmlDocument({ ...fullDocument(), attachments: [{ contentId: 'cid:1', name: 'lon.bin', content }] });
    const started = Date.now();
    const doc = parseEdxmlDocument(xml);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(doc.attachments[0]?.content?.equals(content)).toBe(true);
  });

  it('rejects invalid limits as a programming error', () => {
    expect(() => parseEdxml(DOCUMENT, { maxDepth: 0 })).toThrow(TypeError);
    expect(() => isEdxmlStatus(STATUS, { maxBytes: -1 })).toThrow(TypeError);
  });
});

describe('malformed and foreign input', () => {
  it('refuses truncated XML with the line and column where it broke', () => {
    const truncated = DOCUMENT.slice(0, Math.floor(DOCUMENT.length / 2));
    const err = expectGatewayError(() => parseEdxml(truncated), 'EDXML_INVALID');
    expect(err.message).toMatch(/^edXML is not well-formed XML: .*\(line \d+, column \d+\)$/);
    expect(typeof err.extensions.line).toBe('number');
    expect(isEdxmlDocument(truncated)).toBe(false);
  });

  it('refuses mismatched tags with their position', () => {
    const err = expectGatewayError(() => parseEdxml(STATUS.replace('</edXML:StatusCode>', '</edXML:Status>')), 'EDXML_INVALID');
    expect(err.extensions).toMatchObject({ line: 28, column: 29 });
    expect(err.message).toMatch(/Expected closing tag 'edXML:StatusCode'/);
  });

  it.each([
    ['a SOAP envelope', '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>'],
    ['an edXML root in another namespace', '<edXML xmlns="urn:not-edxml"><edXMLEnvelope/></edXML>'],
    ['a bare envelope without the edXML root', STATUS.replace(/<edXML xmlns="[^"]+">\r\n/, '').replace(/<\/edXML>\r\n$/, '')],
    ['plain text', 'not xml at all'],
    ['an empty string', ''],
  ])('refuses %s as not an edXML message', (_, xml) => {
    expectGatewayError(() => parseEdxml(xml), 'EDXML_INVALID');
    expect(isEdxmlDocument(xml) || isEdxmlStatus(xml)).toBe(false);
  });

  it('says what the root was when it is not edXML', () => {
    const err = expectGatewayError(() => parseEdxml('<html xmlns="http://www.w3.org/1999/xhtml"/>'), 'EDXML_INVALID');
    expect(err.message).toBe(
      'Not an edXML message: the root element is <html> in namespace http://www.w3.org/1999/xhtml; an edXML message is an <edXML> element in http://www.mic.gov.vn/TBT/QCVN_102_2016',
    );
  });

  it('refuses two root elements', () => {
    expectGatewayError(() => parseEdxml(`${STATUS}<edXML/>`), 'EDXML_INVALID');
  });

  it('refuses bytes that are not UTF-8, and a declared encoding other than UTF-8', () => {
    const latin1 = Buffer.from(STATUS.replace('UBND Tỉnh Nghệ An', 'Nghe An caf\u00e9'), 'latin1');
    expect(expectGatewayError(() => parseEdxml(latin1), 'EDXML_INVALID').message).toMatch(/not valid UTF-8/);
    const declared = Buffer.from(STATUS.replace('encoding="UTF-8"', 'encoding="windows-1258"'));
    expect(expectGatewayError(() => parseEdxml(declared), 'EDXML_INVALID').message).toMatch(/windows-1258/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(STATUS, 'utf16le')]);
    expect(expectGatewayError(() => parseEdxml(utf16), 'EDXML_INVALID').message).toMatch(/UTF-16/);
  });

  it('reads UTF-8 with a byte order mark', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(STATUS)]);
    expect(parseEdxmlStatus(withBom).statusCode).toBe('03');
  });
});

describe('required elements', () => {
  it.each([
    ['the sender organ id', DOCUMENT.replace(/<edXML:OrganId>002\.00\.20\.H13<\/edXML:OrganId>/, ''), `${HEADER}/From/OrganId`],
    ['the sender', DOCUMENT.replace(/<edXML:From>[\s\S]*?<\/edXML:From>/, ''), `${HEADER}/From`],
    ['the receivers', DOCUMENT.replace(/<edXML:To>[\s\S]*?<\/edXML:To>/, ''), `${HEADER}/To`],
    ['the document id', DOCUMENT.replace(/<edXML:DocumentId>000\.00\.00\.G22,2015[^<]*<\/edXML:DocumentId>/, ''), `${HEADER}/DocumentId`],
    ['the code number', DOCUMENT.replace(/<edXML:CodeNumber>[^<]*<\/edXML:CodeNumber>/, '<edXML:CodeNumber>  </edXML:CodeNumber>'), `${HEADER}/Code/CodeNumber`],
    ['a trace timestamp', DOCUMENT.replace(/<edXML:Timestamp>[^<]*<\/edXML:Timestamp>/, ''), 'edXML/edXMLEnvelope/edXMLHeader/TraceHeaderList/TraceHeader[1]/Timestamp'],
    ['the MessageHeader', STATUS.replace(/<edXML:MessageHeader>[\s\S]*<\/edXML:MessageHeader>/, ''), `${HEADER}`],
  ])('refuses a document without %s, naming its path', (_, xml, path) => {
    const err = expectGatewayError(() => parseEdxml(xml), 'EDXML_INVALID');
    expect(err.extensions.path).toBe(path);
    expect(err.message).toBe(`edXML message lacks a required element: ${path}`);
  });

  it('refuses a status message read as one when it has no StatusCode', () => {
    const withoutCode = STATUS.replace(/<edXML:StatusCode>03<\/edXML:StatusCode>/, '');
    const err = expectGatewayError(() => parseEdxmlStatus(withoutCode), 'EDXML_INVALID');
    expect(err.extensions.path).toBe(`${HEADER}/StatusCode`);
  });

  it.each([
    ['a status message without a timestamp', STATUS.replace(/<edXML:Timestamp>[^<]*<\/edXML:Timestamp>/, ''), `${HEADER}/Timestamp`],
    ['a status message without ResponseFor', STATUS.replace(/<edXML:ResponseFor>[\s\S]*?<\/edXML:ResponseFor>/, ''), `${HEADER}/ResponseFor`],
  ])('refuses %s, naming its path', (_, xml, path) => {
    expect(expectGatewayError(() => parseEdxmlStatus(xml), 'EDXML_INVALID').extensions.path).toBe(path);
  });

  it.each([
    ['a status code outside the table', STATUS.replace('<edXML:StatusCode>03<', '<edXML:StatusCode>07<'), `${HEADER}/StatusCode`, /must be one of 01, 02, 03, 04, 05, 06, 13, 15, 16; got "07"/],
    ['a page count that is not a number', DOCUMENT.replace('<edXML:PageAmount>22<', '<edXML:PageAmount>hai hai<'), `${HEADER}/OtherInfo/PageAmount`, /must be an integer; got "hai hai"/],
    ['a date that is not on the calendar', DOCUMENT.replace('<edXML:DueDate>2018/09/28<', '<edXML:DueDate>2018/02/30<'), `${HEADER}/DueDate`, /must be a date/],
    ['an unknown business type', DOCUMENT.replace('<edXML:BussinessDocType>0<', '<edXML:BussinessDocType>7<'), 'edXML/edXMLEnvelope/edXMLHeader/TraceHeaderList/Bussiness/BussinessDocType', /must be 0 \(new\)/],
    ['a Direction that is not a boolean', DOCUMENT.replace('<edXML:Direction>false<', '<edXML:Direction>khong<'), `${HEADER}/OtherInfo/Direction`, /must be true or false/],
  ])('refuses %s, naming the element and the value', (_, xml, path, message) => {
    const err = expectGatewayError(() => parseEdxml(xml), 'EDXML_INVALID');
    expect(err.extensions.path).toBe(path);
    expect(err.message).toMatch(message);
  });

  it('reads a one-digit status code as the same code with its zero', () => {
    expect(parseEdxmlStatus(STATUS.replace('<edXML:StatusCode>03<', '<edXML:StatusCode>3<')).statusCode).toBe('03');
  });
});

describe('attachments fail one at a time', () => {
  const twoAttachments = buildEdxmlDocument({
    ...fullDocument(),
    attachments: [
      { contentId: 'cid:1', name: 'hong.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 broken later') },
      { contentId: 'cid:2', name: 'tot.txt', contentType: 'text/plain', content: Buffer.from('văn bản tốt') },
    ],
  });

  it('reports broken base64 on that attachment and still reads the document and the other attachment', () => {
    const broken = twoAttachments.replace(Buffer.from('%PDF-1.7 broken later').toString('base64'), 'JVBERi0x!!!Ny4w');
    const doc = parseEdxmlDocument(broken);
    expect(doc.documentId).toBe('000.00.00.H41,2024/03/05,125/UBND-VX');
    expect(doc.attachments[0]).toEqual({
      contentId: 'cid:1',
      name: 'hong.pdf',
      contentType: 'application/pdf',
      error: {
        code: 'EDXML_INVALID',
        message: 'edXML/AttachmentEncoded/Attachment[1]/ContentTransferEncoded (cid:1) is not valid base64: unexpected character "!" at offset 8',
      },
    });
    expect(doc.attachments[1]).toMatchObject({ contentId: 'cid:2', size: Buffer.byteLength('văn bản tốt') });
    expect(doc.attachments[1]?.content?.toString('utf8')).toBe('văn bản tốt');
  });

  it('reports truncated base64 on that attachment', () => {
    const truncated = twoAttachments.replace(Buffer.from('văn bản tốt').toString('base64'), 'dsSDbiBi4bqhbiB0')
      .replace('dsSDbiBi4bqhbiB0', 'dsSDbiBi4bqhbiB0a');
    const doc = parseEdxmlDocument(truncated);
    expect(doc.attachments[1]?.error?.message).toMatch(/not a whole number of base64 groups/);
    expect(doc.attachments[0]?.error).toBeUndefined();
  });

  it('reads base64 broken into lines, with CRLF and tabs', () => {
    const base64 = Buffer.from('%PDF-1.7 broken later').toString('base64');
    const wrapped = twoAttachments.replace(base64, `\r\n\t${base64.slice(0, 8)}\r\n\t${base64.slice(8)}\r\n`);
    expect(parseEdxmlDocument(wrapped).attachments[0]?.content?.toString()).toBe('%PDF-1.7 broken later');
  });

  it('reports a manifest reference that no attachment carries', () => {
    const orphan = twoAttachments.replace(/<edXML:Attachment>\n\s*<edXML:ContentId>cid:2[\s\S]*?<\/edXML:Attachment>\n/, '');
    const doc = parseEdxmlDocument(orphan);
    expect(doc.attachments).toHaveLength(2);
    expect(doc.attachments[1]).toMatchObject({ contentId: 'cid:2', name: 'tot.txt', contentType: 'text/plain' });
    expect(doc.attachments[1]?.error?.message).toMatch(/lists cid:2, but no AttachmentEncoded\/Attachment carries it/);
  });

  it('reports an attachment that has no content element', () => {
    const empty = twoAttachments.replace(/<edXML:ContentTransferEncoded>[^<]*<\/edXML:ContentTransferEncoded>/, '');
    expect(parseEdxmlDocument(empty).attachments[0]?.error?.message).toMatch(/has no ContentTransferEncoded/);
  });
});

describe('messy but valid input reads the same as the tidy sample', () => {
  const expected = parseEdxmlDocument(DOCUMENT);

  it('reads the document with no prefixes at all (everything in the default namespace)', () => {
    const unprefixed = DOCUMENT.replace(/<(\/?)edXML:/g, '<$1').replace(/ xmlns:edXML="[^"]+"/g, '');
    expect(unprefixed).not.toContain('edXML:');
    expect(parseEdxmlDocument(unprefixed)).toEqual(expected);
  });

  it('reads the document with another prefix bound to the edXML namespace', () => {
    const renamed = DOCUMENT.replace(/<(\/?)edXML:/g, '<$1q:').replace(/xmlns:edXML=/g, 'xmlns:q=');
    expect(parseEdxmlDocument(renamed)).toEqual(expected);
  });

  it('reads the document with prefixed and unprefixed elements mixed', () => {
    let leaf = 0;
    const mixed = ['From', 'OtherInfo', 'Appendixes', 'TraceHeader', 'edXMLBody']
      .reduce((xml, container) => xml.replace(new RegExp(`<(/?)edXML:${container}>`, 'g'), `<$1${container}>`), DOCUMENT)
      .replace(/<edXML:(\w+)>([^<]*)<\/edXML:\1>/g, (tag, name: string, text: string) => (leaf++ % 2 === 0 ? `<${name}>${text}</${name}>` : tag));
    expect(mixed).toContain('<From>');
    expect(mixed).toContain('<edXML:OrganizationInCharge>');
    expect(mixed).toContain('<OrganId>');
    expect(parseEdxmlDocument(mixed)).toEqual(expected);
  });

  it('reads LF line endings and tab indentation', () => {
    const retabbed = DOCUMENT.replace(/\r\n/g, '\n').replace(/^( {2})+/gm, (spaces) => '\t'.repeat(spaces.length / 2));
    expect(parseEdxmlDocument(retabbed)).toEqual(expected);
  });

  it('reads the standard spellings beside those of other SDKs (Business, OrganInCharge)', () => {
    const variant = DOCUMENT.replace(/Bussiness/g, 'Business').replace(/OrganizationInCharge/g, 'OrganInCharge');
    expect(parseEdxmlDocument(variant)).toEqual(expected);
  });

  it('ignores an element of the same local name from a foreign namespace', () => {
    const foreign = DOCUMENT.replace('<edXML:Subject>', '<o:Subject xmlns:o="urn:other">Sai</o:Subject><edXML:Subject>');
    expect(parseEdxmlDocument(foreign).subject).toBe(expected.subject);
  });

  it('refuses an element whose prefix is not declared', () => {
    const err = expectGatewayError(() => parseEdxml(DOCUMENT.replace(/<(\/?)edXML:Subject>/g, '<$1x:Subject>')), 'EDXML_INVALID');
    expect(err.extensions.path).toBe(`${HEADER}/Subject`);
    expect(err.message).toMatch(/prefix "x" of <x:Subject> without declaring it/);
  });

  it('reads dates and timestamps written the way other SDKs write them', () => {
    const variant = DOCUMENT.replace('<edXML:PromulgationDate>2019/01/16<', '<edXML:PromulgationDate>16/01/2019<')
      .replace('<edXML:DueDate>2018/09/28<', '<edXML:DueDate>2018-09-28 00:00:00<')
      .replace('<edXML:Timestamp>2018/09/28 00:00:00<', '<edXML:Timestamp>2018-09-27T17:00:00Z<');
    const doc = parseEdxmlDocument(variant);
    expect(doc.promulgationInfo.date).toBe('2019-01-16');
    expect(doc.dueDate).toBe('2018-09-28');
    expect(doc.traces[0]?.timestamp).toBe('2018-09-28T00:00:00+07:00');
  });
});
