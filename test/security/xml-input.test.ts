import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEdxml, parseEdxmlDocument } from '../../connectors/document-exchange/edxml';
import { createOneStopConnector, type OneStopConnector } from '../../connectors/one-stop';
import { startSimServer, type SimServer } from '../../simulators/kit';
import { GatewayError } from '../../src/errors';
import { readListing } from '../../connectors/one-stop/testing/read-listing';

/**
 * Hostile and messy XML from the two sources that send it: a province's SOAP one-stop
 * service (answers read by the soap vendor) and the document exchange (edXML messages).
 * Both read XML through the one reader in connectors/kit/xml, so both must decode what
 * XML allows and refuse what it does not, each with its own catalogue code.
 */

const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const DOSSIER_CODE = '000.00.53.H48-220921-0099';

/** A LayDanhSachHoSo answer holding one dossier whose applicant element is `applicant` (raw XML). */
function soapListAnswer(applicant: string, prolog = ''): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>${prolog}` +
    `<soap:Envelope xmlns:soap="${SOAP_NS}"><soap:Body><LayDanhSachHoSoResponse xmlns="http://motcua.gov.vn/"><LayDanhSachHoSoResult>` +
    `<TongSo>1</TongSo><DanhSachHoSo><HoSo><MaHoSo>${DOSSIER_CODE}</MaHoSo><TrangThaiHoSo>4</TrangThaiHoSo>` +
    `<DonViXuLy>000.00.53.H48</DonViXuLy>${applicant}</HoSo></DanhSachHoSo>` +
    '</LayDanhSachHoSoResult></LayDanhSachHoSoResponse></soap:Body></soap:Envelope>'
  );
}

async function caught(work: Promise<unknown>): Promise<GatewayError> {
  try {
    await work;
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error('expected the call to fail');
}

function caughtSync(work: () => unknown): GatewayError {
  try {
    work();
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error('expected the call to fail');
}

describe('XML from a SOAP one-stop service', () => {
  let sim: SimServer;
  let connector: OneStopConnector;
  let answer = '';
  beforeAll(async () => {
    sim = await startSimServer({
      name: 'soap-hostile',
      handler: () => ({ status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: answer }),
    });
    connector = createOneStopConnector({ name: 'province-h48', province: 'H48', dialect: 'soap', url: sim.url, username: 'u', password: 'p', statusTable: { '4': 4 }, timeoutMs: 5000 });
  });
  afterAll(async () => {
    await connector.close();
    await sim.close();
  });
  const window = { from: new Date('2022-01-01T00:00:00+07:00'), to: new Date('2023-01-01T00:00:00+07:00') };

  it('decodes decimal and hexadecimal character references in a field (issue 9)', async () => {
    answer = soapListAnswer('<ChuHoSo>Nguy&#7877;n V&#x103;n An</ChuHoSo>');
    const [dossier] = await readListing(connector, window);
    expect(dossier!.applicant.name).toBe('Nguyễn Văn An');
  });

  it('reads CDATA, split CDATA and CDATA mixed with text as the text they hold', async () => {
    answer = soapListAnswer('<ChuHoSo><![CDATA[Trần <Thị>]]> &amp; <![CDATA[B]]]]><![CDATA[>]]></ChuHoSo>');
    const [dossier] = await readListing(connector, window);
    expect(dossier!.applicant.name).toBe('Trần <Thị> & B]]>');
  });

  it('refuses an answer with a DTD (entity bomb) as UPSTREAM_BAD_RESPONSE, without expanding it', async () => {
    const bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    answer = soapListAnswer('<ChuHoSo>&c;</ChuHoSo>', bomb);
    const err = await caught(readListing(connector, window));
    expect(err.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', source: 'province-h48' });
    expect(err.message).toMatch(/DTD/);
  });

  it('refuses an external entity (XXE) and never shows the file it names', async () => {
    answer = soapListAnswer('<ChuHoSo>&xxe;</ChuHoSo>', '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>');
    const err = await caught(readListing(connector, window));
    expect(err.extensions.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(err.message).not.toMatch(/root:/);
  });

  it.each([
    ['a reference to a character XML forbids', '&#0;', /&#0;/],
    ['a reference beyond Unicode', '&#x110000;', /&#x110000;/],
    ['a lone surrogate', '&#xD800;', /&#xD800;/],
    ['an entity nobody declared', '&nbsp;', /&nbsp;/],
    ['a bare ampersand', 'A & B', /&/],
  ])('refuses %s as UPSTREAM_BAD_RESPONSE naming it', async (_, text, shown) => {
    answer = soapListAnswer(`<ChuHoSo>${text}</ChuHoSo>`);
    const err = await caught(readListing(connector, window));
    expect(err.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', source: 'province-h48' });
    expect(err.message).toMatch(shown);
  });

  it('refuses 100,000 levels of nesting quickly, as UPSTREAM_BAD_RESPONSE', async () => {
    answer = soapListAnswer(`<ChuHoSo>${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}</ChuHoSo>`);
    const err = await caught(readListing(connector, window));
    expect(err.extensions.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(err.message).toMatch(/maxDepth/);
  });

  it('stays up after all of it and reads the next good answer', async () => {
    answer = soapListAnswer('<ChuHoSo>Lê Văn Cường</ChuHoSo>');
    const [dossier] = await readListing(connector, window);
    expect(dossier!.applicant.name).toBe('Lê Văn Cường');
  });
});

describe('edXML messages', () => {
  /** The Government Office SDK's sample document: its attachment is a small zip, base64 `UEsDB…`. */
  const document = readFileSync(path.join(__dirname, '../../connectors/document-exchange/fixtures/edoc_new.vpcp-sdk.edxml'), 'utf8');
  const base64 = /<edXML:ContentTransferEncoded[^>]*>([^<]+)</.exec(document)![1]!;
  const zip = Buffer.from(base64, 'base64');

  it('reads base64 attachment content wrapped in CDATA (issue 10)', () => {
    const wrapped = document.replace(base64, `<![CDATA[${base64}]]>`);
    expect(wrapped).toContain('<![CDATA[UEsDB');
    const [attachment] = parseEdxmlDocument(wrapped).attachments;
    expect(attachment!.error).toBeUndefined();
    expect(attachment!.content!.equals(zip)).toBe(true);
    expect(attachment!.content!.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  });

  it('reads base64 content split over several CDATA sections, lines and character references', () => {
    const split = document.replace(base64, `\n<![CDATA[${base64.slice(0, 10)}]]>\r\n${base64.slice(10, 20)}<![CDATA[${base64.slice(20)}]]>&#10;`);
    expect(parseEdxmlDocument(split).attachments[0]!.content!.equals(zip)).toBe(true);
  });

  it('refuses a character reference XML forbids with EDXML_INVALID and its line', () => {
    const err = caughtSync(() => parseEdxml(document.replace('V/v kết nối', 'V/v k&#1;t n&#x1ED1;i')));
    expect(err.extensions).toMatchObject({ code: 'EDXML_INVALID', line: 41 });
    expect(err.message).toMatch(/&#1;/);
  });

  it('decodes decimal and hexadecimal character references in header text', () => {
    expect(parseEdxmlDocument(document.replace('V/v kết nối', 'V/v k&#7871;t n&#x1ED1;i')).subject).toBe('V/v kết nối, liên thông phần mềm quản lý văn bản');
  });
});
