import { findChild, findChildren, isXsiNil, readAttribute, readXml, XmlReadError, type ReadXmlOptions, type XmlElement } from '..';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const MOTCUA = 'http://motcua.gov.vn/';

/** Runs readXml and returns the XmlReadError it must throw. */
function refused(xml: string | Buffer, options?: ReadXmlOptions): XmlReadError {
  try {
    readXml(xml, options);
  } catch (err) {
    expect(err).toBeInstanceOf(XmlReadError);
    return err as XmlReadError;
  }
  throw new Error('expected readXml to refuse the document');
}

/** The one child of `element` (asserting there is exactly one). */
function only(element: XmlElement): XmlElement {
  expect(element.children).toHaveLength(1);
  return element.children[0]!;
}

describe('readXml: namespaces', () => {
  it.each([
    ['the soap: prefix', `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body/></soap:Envelope>`],
    ['another prefix', `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP11}"><SOAP-ENV:Body/></SOAP-ENV:Envelope>`],
    ['no prefix (a default namespace)', `<Envelope xmlns="${SOAP11}"><Body/></Envelope>`],
    ['a prefix declared on the child again', `<s:Envelope xmlns:s="${SOAP11}"><t:Body xmlns:t="${SOAP11}"/></s:Envelope>`],
  ])('resolves %s to the same namespace and local names', (_, xml) => {
    const root = readXml(xml);
    expect([root.local, root.namespace]).toEqual(['Envelope', SOAP11]);
    expect([only(root).local, only(root).namespace]).toEqual(['Body', SOAP11]);
  });

  it('keeps elements of the same local name apart by namespace', () => {
    const root = readXml(`<r xmlns="${MOTCUA}" xmlns:o="urn:other"><MaHoSo>a</MaHoSo><o:MaHoSo>b</o:MaHoSo><MaHoSo xmlns="">c</MaHoSo></r>`);
    expect(findChildren(root, ['MaHoSo'], new Set([MOTCUA])).map((e) => e.text)).toEqual(['a']);
    expect(findChild(root, ['MaHoSo'], new Set(['urn:other']))?.text).toBe('b');
    expect(findChild(root, ['MaHoSo'], new Set([undefined]))?.text).toBe('c');
  });

  it('scopes a declaration to the element that makes it and its descendants', () => {
    const root = readXml('<a><b xmlns:p="urn:p"><p:c/></b><d/></a>');
    expect(root.children[0]!.children[0]!.namespace).toBe('urn:p');
    expect(root.children[1]!.namespace).toBeUndefined();
    expect(refused('<a><b xmlns:p="urn:p"/><p:c/></a>').problem).toBe('NAMESPACE');
  });

  it('resolves attribute prefixes, leaves unprefixed attributes in no namespace, and keeps xmlns out of the attributes', () => {
    const root = readXml('<r xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:q="urn:q"><NgayTra i:nil="true" q:nil="false" nil="x"/></r>');
    const element = only(root);
    expect(element.attributes.map((a) => [a.local, a.namespace, a.value])).toEqual([
      ['nil', 'http://www.w3.org/2001/XMLSchema-instance', 'true'],
      ['nil', 'urn:q', 'false'],
      ['nil', undefined, 'x'],
    ]);
    expect(readAttribute(element, 'nil')).toBe('x');
    expect(isXsiNil(element)).toBe(true);
    expect(root.attributes).toEqual([]);
  });

  it('refuses an undeclared prefix, naming it and the element path', () => {
    const err = refused('<a>\n  <b>\n    <x:c/>\n  </b>\n</a>');
    expect(err.problem).toBe('NAMESPACE');
    expect(err.message).toMatch(/prefix "x" of <x:c> without declaring it/);
    expect(err.details).toMatchObject({ path: 'a/b/c', line: 3, column: 5 });
  });

  it('refuses an undeclared attribute prefix, undeclaring a prefix, and binding xmlns', () => {
    expect(refused('<a y:z="1"/>').problem).toBe('NAMESPACE');
    expect(refused('<a xmlns:p=""/>').problem).toBe('NAMESPACE');
    expect(refused('<a xmlns:xmlns="urn:x"/>').problem).toBe('NAMESPACE');
    expect(refused('<a xmlns:xml="urn:x"/>').problem).toBe('NAMESPACE');
    expect(readXml('<a xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:lang="vi"/>').attributes[0]).toMatchObject({ local: 'lang', value: 'vi' });
  });
});

describe('readXml: character data', () => {
  it('decodes the predefined entities and decimal and hexadecimal character references', () => {
    expect(readXml('<ChuHoSo>Nguy&#7877;n V&#x103;n An &amp; &lt;b&gt; &quot;&apos;</ChuHoSo>').text).toBe('Nguyễn Văn An & <b> "\'');
    expect(readXml('<a>&#x1F600;&#128512;</a>').text).toBe('😀😀');
  });

  it.each([
    ['&#0;', /&#0; names a character XML does not allow/],
    ['&#x1;', /&#x1;/],
    ['&#xD800;', /&#xD800;/],
    ['&#xFFFE;', /&#xFFFE;/],
    ['&#x110000;', /&#x110000;/],
    ['&#99999999999;', /starts no reference/],
    ['&nbsp;', /undeclared entity &nbsp;/],
    ['& B', /starts no reference/],
    ['&#x;', /starts no reference/],
  ])('refuses %s with its line and column', (reference, message) => {
    const err = refused(`<a>\n<b>x ${reference}</b></a>`);
    expect(err.problem).toBe('REFERENCE');
    expect(err.message).toMatch(message);
    expect(err.details).toMatchObject({ line: 2, column: 6 });
  });

  it('reads CDATA as text: alone, split to carry "]]>", mixed with text and references', () => {
    expect(readXml('<a><![CDATA[<b>&amp;</b>]]></a>').text).toBe('<b>&amp;</b>');
    expect(readXml('<a><![CDATA[x]]]]><![CDATA[>y]]></a>').text).toBe('x]]>y');
    expect(readXml('<a>  Trần <![CDATA[<Thị>]]> &#65;n  </a>').text).toBe('  Trần <Thị> An  ');
    expect(readXml('<a><![CDATA[]]></a>').text).toBe('');
  });

  it('skips comments and processing instructions, wherever they are', () => {
    const root = readXml('<?xml version="1.0"?><!-- c --><?pi x?><a>Lê<!-- <b>not an element</b> -->Văn<?php echo 1 ?> Cường<b/></a><!-- after -->');
    expect(root.text).toBe('LêVăn Cường');
    expect(root.children.map((c) => c.name)).toEqual(['b']);
  });

  it('keeps whitespace as written, normalising only line ends (a reference to CR survives)', () => {
    const root = readXml('<a>\r\n\t x\ry \r\n<b>  </b>&#13;&#10;</a>');
    expect(root.text).toBe('\n\t x\ny \n\r\n');
    expect(only(root).text).toBe('  ');
    expect(readXml('<a><![CDATA[1\r\n2\r3]]></a>').text).toBe('1\n2\n3');
  });

  it('normalises whitespace in attribute values to spaces, except what references write', () => {
    expect(readXml('<a v="x\r\ny\tz\n&#10;&#9;"/>').attributes[0]!.value).toBe('x y z \n\t');
    expect(readXml("<a v='&quot;&lt;&#x103;'/>").attributes[0]!.value).toBe('"<ă');
  });

  it('gives an element the text of a child nowhere but in that child', () => {
    const root = readXml('<HoSo>\n  <MaHoSo>A</MaHoSo>\n  <ChuHoSo/>\n</HoSo>');
    expect(root.text).toBe('\n  \n  \n');
    expect(root.children.map((c) => [c.local, c.text])).toEqual([['MaHoSo', 'A'], ['ChuHoSo', '']]);
  });
});

describe('readXml: refusals', () => {
  it('refuses a DTD before anything in it is read, with its line', () => {
    const bomb = '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<a>&b;</a>';
    const err = refused(bomb);
    expect(err.problem).toBe('DTD');
    expect(err.details).toMatchObject({ line: 2, column: 1 });
    expect(err.message).toMatch(/XXE/);
    expect(refused('<a><!ENTITY x "y"></a>').problem).toBe('DTD');
  });

  it('does not mistake "<!DOCTYPE" inside a comment or CDATA for a DTD', () => {
    expect(readXml('<!-- <!DOCTYPE x> --><a><![CDATA[<!DOCTYPE y>]]></a>').text).toBe('<!DOCTYPE y>');
  });

  it.each([
    ['a mismatched closing tag', '<a>\n  <b></c>\n</a>', /Expected closing tag 'b' \(opened at line 2, column 3\) instead of 'c'/, { line: 2, column: 6 }],
    ['an element never closed', '<a><b>', /<b> opened at line 1, column 4 is never closed/, { line: 1, column: 7 }],
    ['two root elements', '<a/><b/>', /second root element <b>/, { line: 1, column: 5 }],
    ['text outside the root', '<a/>junk', /text outside the root element: "junk"/, { line: 1, column: 5 }],
    ['no root at all', '  ', /no root element/, {}],
    ['an unquoted attribute', '<a v=1/>', /not quoted/, {}],
    ['a duplicated attribute', '<a v="1" v="2"/>', /appears twice/, {}],
    ['"<" in an attribute', '<a v="<"/>', /"<" in the value/, {}],
    ['attributes run together', '<a v="1"w="2"/>', /unexpected "w"/, {}],
    ['a closing tag with nothing open', '<a/></a>', /no element open/, {}],
    ['a tag that never ends', '<a><b v="1"', /never ends/, {}],
    ['a comment that never ends', '<a><!-- x</a>', /comment that never ends/, {}],
    ['an unterminated CDATA section', '<a><![CDATA[x</a>', /CDATA section that never ends/, {}],
    ['CDATA outside the root', '<![CDATA[x]]><a/>', /CDATA section outside the root/, {}],
    ['an XML declaration in the middle', '<a><?xml version="1.0"?></a>', /XML declaration that is not at the start/, {}],
    ['"<" followed by no name', '<a>< b</a>', /not followed by a name/, {}],
  ])('refuses %s as MALFORMED, saying where', (_, xml, message, where) => {
    const err = refused(xml);
    expect(err.problem).toBe('MALFORMED');
    expect(err.message).toMatch(message);
    expect(err.details).toMatchObject(where);
    expect(err.message).toMatch(/\(line \d+, column \d+\)$/);
  });

  it('accepts whitespace before the XML declaration, and a byte order mark', () => {
    expect(readXml('\r\n  <?xml version="1.0"?><a/>').local).toBe('a');
    expect(readXml('\uFEFF<?xml version="1.0"?><a/>').local).toBe('a');
  });
});

describe('readXml: limits', () => {
  it('refuses nesting beyond maxDepth at once, without recursion', () => {
    const deep = `${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}`;
    const started = Date.now();
    const err = refused(deep);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(err).toMatchObject({ problem: 'TOO_DEEP', details: { limit: 'maxDepth', limitValue: 64, line: 1, column: 193 } });
    expect(readXml(`${'<a>'.repeat(10)}${'</a>'.repeat(10)}`, { limits: { maxDepth: 10 } }).local).toBe('a');
    expect(refused(`${'<a>'.repeat(11)}${'</a>'.repeat(11)}`, { limits: { maxDepth: 10 } }).problem).toBe('TOO_DEEP');
  });

  it('counts elements and attributes against maxNodes, namespace declarations included', () => {
    expect(readXml('<a x="1"><b/></a>', { limits: { maxNodes: 3 } }).local).toBe('a');
    expect(refused('<a x="1"><b/><c/></a>', { limits: { maxNodes: 3 } })).toMatchObject({ problem: 'TOO_LARGE', details: { limit: 'maxNodes', limitValue: 3 } });
    expect(refused('<a xmlns:p="urn:p" x="1"><b/></a>', { limits: { maxNodes: 3 } }).problem).toBe('TOO_LARGE');
  });

  it('reads and refuses many attributes on one element in linear time', () => {
    // Quadratic work (rescanning the rest of the document per attribute) would take minutes here.
    const attributes = Array.from({ length: 100_000 }, (_, i) => `a${i}="v"`).join(' ');
    const started = Date.now();
    expect(readXml(`<r ${attributes}/>`).attributes).toHaveLength(100_000);
    expect(refused(`<r ${attributes}/>`, { limits: { maxNodes: 50_000 } }).details.limit).toBe('maxNodes');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('counts every character but bulk content against maxLength', () => {
    const bulk = `<m><Content>${'QUJD'.repeat(1000)}</Content><Content><![CDATA[${'QUJD'.repeat(1000)}]]></Content></m>`;
    expect(refused(bulk, { limits: { maxLength: 1000 } })).toMatchObject({ problem: 'TOO_LARGE', details: { limit: 'maxLength', limitValue: 1000 } });
    expect(readXml(bulk, { limits: { maxLength: 100 }, bulkTextElements: ['Content'] }).children[1]!.text).toHaveLength(4000);
    expect(refused(`<m><Subject>${'x'.repeat(200)}</Subject></m>`, { limits: { maxLength: 100 }, bulkTextElements: ['Content'] }).problem).toBe('TOO_LARGE');
  });

  it('refuses more bytes than maxBytes, counting UTF-8 bytes of a string', () => {
    const xml = '<a>Nghệ An</a>';
    expect(xml).toHaveLength(14);
    expect(Buffer.byteLength(xml)).toBe(16); // "ệ" is three bytes
    expect(readXml(xml, { limits: { maxBytes: 16 } }).text).toBe('Nghệ An');
    expect(refused(xml, { limits: { maxBytes: 15 } })).toMatchObject({ problem: 'TOO_LARGE', details: { limit: 'maxBytes', limitValue: 15, bytes: 16 } });
    expect(refused(Buffer.from(xml), { limits: { maxBytes: 15 } }).problem).toBe('TOO_LARGE');
  });

  it('reads 30 MB of bulk text in linear time', () => {
    const content = 'QUJD'.repeat(7_500_000);
    const started = Date.now();
    expect(readXml(`<m><Content>${content}</Content></m>`, { bulkTextElements: ['Content'] }).children[0]!.text.length).toBe(30_000_000);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('rejects invalid limits as a programming error', () => {
    expect(() => readXml('<a/>', { limits: { maxDepth: 0 } })).toThrow(TypeError);
    expect(() => readXml('<a/>', { limits: { maxNodes: 1.5 } })).toThrow(TypeError);
  });
});

describe('readXml: bytes', () => {
  it('reads UTF-8 bytes, with or without a byte order mark', () => {
    expect(readXml(Buffer.from('<a>Quảng Ngãi</a>')).text).toBe('Quảng Ngãi');
    expect(readXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<?xml version="1.0" encoding="utf-8"?><a>Ngãi</a>')])).text).toBe('Ngãi');
  });

  it('refuses UTF-16, bytes that are not UTF-8, and a declared encoding other than UTF-8', () => {
    expect(refused(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a/>', 'utf16le')])).message).toMatch(/UTF-16/);
    expect(refused(Buffer.from('<a>caf\u00e9</a>', 'latin1')).message).toMatch(/not valid UTF-8/);
    const declared = refused(Buffer.from('<?xml version="1.0" encoding="windows-1258"?><a/>'));
    expect(declared).toMatchObject({ problem: 'ENCODING' });
    expect(declared.message).toMatch(/"windows-1258"/);
  });

  it('reads UTF-8 bytes declared "utf-16", as .NET writes through a StringWriter', () => {
    expect(readXml(Buffer.from('<?xml version="1.0" encoding="utf-16"?><a>Sơn Tịnh</a>')).text).toBe('Sơn Tịnh');
  });
});
