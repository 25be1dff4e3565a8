import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSimServer, type SimResponse, type SimServer } from '../../../simulators/kit';
import type { DossierRecord } from '../../../src/domain';
import { createOneStopConnector, type OneStopConnector, type OneStopOptions } from '..';
import { readListing } from '../testing/read-listing';

/**
 * Hand-written answers carrying what real one-stop systems send and the simulator does not
 * (connectors/one-stop/README.md says what each holds). They are replayed over HTTP, so the vendor's
 * whole path runs: HTTP, byte order marks, XML or JSON, mapping. Every expected value was
 * worked out by hand from the fixture, never by running the mapper.
 */

const fixture = (name: string): Buffer => readFileSync(path.join(__dirname, '../fixtures', name));
const everything = { from: new Date('2020-01-01T00:00:00+07:00'), to: new Date('2027-01-01T00:00:00+07:00') };
const xml = (body: Buffer | string, status = 200): SimResponse => ({ status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body });
const json = (body: Buffer | string, status = 200): SimResponse => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body });

/** Starts a replay server and a connector of `dialect` in front of it. */
async function replay(
  dialect: 'igate' | 'motcua' | 'soap',
  statusTable: Record<string, number>,
  handler: Parameters<typeof startSimServer>[0]['handler'],
): Promise<{ sim: SimServer; connector: OneStopConnector }> {
  const sim = await startSimServer({ name: `${dialect}-replay`, handler });
  const common = { name: 'province-test', province: 'H48', url: sim.url, username: 'u', password: 'p', statusTable, timeoutMs: 5000 };
  const options: OneStopOptions = dialect === 'igate' ? { ...common, dialect, ssoUrl: sim.url, clientId: 'lienthong' } : { ...common, dialect };
  return { sim, connector: createOneStopConnector(options) };
}

function byCode(dossiers: DossierRecord[]): Record<string, DossierRecord> {
  return Object.fromEntries(dossiers.map((d) => [d.code, d]));
}

describe('soap dialect, hand-written answers', () => {
  let sim: SimServer;
  let connector: OneStopConnector;
  let listAnswer: SimResponse = xml(fixture('soap12-mess-list.xml'));
  beforeAll(async () => {
    ({ sim, connector } = await replay('soap', { '2': 2, '4': 4, '10': 10 }, (req) => {
      const action = String(req.headers.soapaction);
      if (action.endsWith('LayDanhSachHoSo"')) return listAnswer;
      if (action.endsWith('LayHoSo"')) return xml(fixture('soap-noprefix-dossier.xml'));
      return xml(fixture('soap-noprefix-progress-one-step.xml'));
    }));
  });
  afterAll(async () => {
    await connector.close();
    await sim.close();
  });

  describe('a SOAP 1.2 listing with a BOM, CRLF, mixed prefixes and every kind of mess (soap12-mess-list.xml)', () => {
    let dossiers: Record<string, DossierRecord>;
    beforeAll(async () => {
      listAnswer = xml(fixture('soap12-mess-list.xml'));
      const listed = await readListing(connector, everything);
      expect(listed).toHaveLength(3);
      dossiers = byCode(listed);
    });

    it('decodes character references, CDATA, split CDATA and CDATA mixed with text', () => {
      const d = dossiers['000.00.53.H48-220921-0099']!;
      expect(d.applicant.name).toBe('Nguyễn Văn An');
      expect(d.procedureName).toBe('Cấp giấy phép xây dựng <nhà ở riêng lẻ> & công trình');
      expect(d.summary).toBe('Đề nghị cấp phép & xử lý ]]> gấp');
      expect(dossiers['000.00.50.H48-241108-0002']!.applicant.name).toBe('Trần Thị Bích');
    });

    it('ignores an element of a foreign namespace that has a field\'s name', () => {
      expect(dossiers['000.00.53.H48-220921-0099']!.applicant.name).not.toMatch(/Sai/);
    });

    it('reads every date shape as Vietnam time, and an unreadable or empty date as null with the dossier kept', () => {
      expect(dossiers['000.00.53.H48-220921-0099']).toMatchObject({
        submittedAt: '2022-09-21T00:00:00+07:00', // 21/09/2022
        receivedAt: '2022-09-21T08:15:30+07:00', // 21/09/2022 08:15:30
        appointmentAt: '2022-09-26T00:00:00+07:00', // 20220926
        finishedAt: null, // xsi:nil
        returnedAt: null, // <NgayTra/>
        updatedAt: '2022-09-22T08:30:00+07:00', // 2022-09-22T01:30:00.000+0000
      });
      expect(dossiers['000.00.50.H48-241108-0002']).toMatchObject({
        submittedAt: '2024-11-08T09:45:24+07:00', // 20241108094524
        receivedAt: '2024-11-08T10:00:00+07:00', // 2024-11-08T10:00:00+0700
        appointmentAt: '2024-11-23T00:00:00+07:00', // 2024-11-22T17:00:00Z
        finishedAt: null, // empty
        returnedAt: null, // 32/13/2024
        updatedAt: '2024-11-20T14:05:00+07:00', // 2024-11-20 14:05
      });
      expect(dossiers['000.00.41.H48-240101-0001']).toMatchObject({
        receivedAt: '2024-01-01T16:00:00+07:00', // 2024-01-01T09:00:00.000+0000
        appointmentAt: '2024-01-05T17:00:00+07:00', // 05/01/2024 17:00
      });
    });

    it('takes the agency from the dossier code when DonViXuLy is missing or empty, and the record\'s own when they disagree', () => {
      expect(dossiers['000.00.53.H48-220921-0099']).toMatchObject({ agencyCode: '000.00.53.H48', agencyName: null });
      expect(dossiers['000.00.41.H48-240101-0001']).toMatchObject({ agencyCode: '000.00.41.H48', agencyName: null });
      expect(dossiers['000.00.50.H48-241108-0002']).toMatchObject({ agencyCode: '000.00.07.H48', agencyName: 'Sở Nông nghiệp và Phát triển nông thôn' });
    });

    it('reads empty, nil and whitespace-only elements as absent, and lone items as lists of one', () => {
      const first = dossiers['000.00.53.H48-220921-0099']!;
      expect(first.applicant).toEqual({ name: 'Nguyễn Văn An', kind: 'CITIZEN', idNumber: '051094001234', idKind: 'CCCD', phone: '0912345678', email: null, address: null });
      expect(first.submittedPapers).toEqual([]);
      expect(first.fees).toEqual([{ code: '1.003560.LP01', name: 'Lệ phí cấp giấy phép xây dựng', amount: 1_500_000, kind: '2' }]);
      expect(first.steps).toBeNull();
      const second = dossiers['000.00.50.H48-241108-0002']!;
      expect(second.applicant).toMatchObject({ idNumber: '212345678', idKind: 'CMND' });
      expect(second.submittedPapers).toEqual([
        { code: 'TP01', name: 'don-de-nghi.pdf', fileName: 'don-de-nghi.pdf', url: 'https://dichvucong.quangngai.gov.vn/files/2024/11/don-de-nghi.pdf' },
      ]);
      expect(second.resultPapers).toEqual([]);
    });

    it('reads amounts written with separators and a currency word', () => {
      expect(dossiers['000.00.50.H48-241108-0002']!.fees.map((f) => [f.code, f.amount])).toEqual([
        ['2.003719.LP01', 50_000],
        ['2.003719.PHI01', 20_000],
      ]);
    });

    it('maps statuses and channels from the unprefixed, prefixed and unqualified elements alike', () => {
      expect(Object.values(dossiers).map((d) => [d.code, d.status.code, d.channel])).toEqual([
        ['000.00.53.H48-220921-0099', 4, 'ONLINE'],
        ['000.00.50.H48-241108-0002', 10, 'IN_PERSON'],
        ['000.00.41.H48-240101-0001', 2, null],
      ]);
    });
  });

  it('reads TongSo written with a thousands separator as the count, and asks for every page', async () => {
    listAnswer = xml(fixture('soap12-mess-list.xml').toString('utf8').replace('<TongSo>3</TongSo>', '<TongSo>1.204</TongSo>'));
    const before = sim.stats.requests;
    await readListing(connector, everything);
    expect(sim.stats.requests - before).toBe(7); // ceil(1204 / 200)
  });

  it('reads a dossier from an envelope with no prefix at all, and a lone step as a list of one (soap-noprefix-*.xml)', async () => {
    const d = await connector.getDossier('000.00.53.H48-230105-0007');
    expect(d).toMatchObject({
      code: '000.00.53.H48-230105-0007',
      agencyCode: '000.00.53.H48',
      agencyName: 'UBND huyện Sơn Tịnh',
      channel: 'POSTAL',
      receivedAt: '2023-01-05T08:00:00+07:00',
      appointmentAt: '2023-01-10T00:00:00+07:00',
      status: { code: 4, vendorCode: '4' },
      fees: [],
    });
    expect(d!.applicant.name).toBe('Đặng Thị Đào');
    expect(d!.steps).toEqual([
      {
        handler: 'Võ Thị Hằng',
        position: 'Công chức tiếp nhận',
        department: 'Bộ phận Một cửa',
        content: 'Tiếp nhận hồ sơ – chuyển xử lý',
        status: '2',
        startedAt: '2023-01-05T08:00:00+07:00',
        finishedAt: '2023-01-05T08:20:00+07:00',
        dueAt: null,
      },
    ]);
  });

  it('turns a SOAP 1.2 fault refusing the credentials into UPSTREAM_AUTH_FAILED (soap12-fault-auth.xml)', async () => {
    listAnswer = xml(fixture('soap12-fault-auth.xml'), 400);
    await expect(readListing(connector, everything)).rejects.toMatchObject({
      code: 'UPSTREAM_AUTH_FAILED',
      message: 'province-test answered a SOAP fault (soap12:Sender): Sai tên đăng nhập hoặc mật khẩu',
      extensions: { source: 'province-test', upstreamCode: 'XAC_THUC_THAT_BAI' },
    });
  });

  it('says which namespace an answer came in when it is not the configured one', async () => {
    listAnswer = xml(fixture('soap-list-single.xml').toString('utf8').replace(/http:\/\/motcua\.gov\.vn\//g, 'http://tempuri.org/'));
    await expect(readListing(connector, everything)).rejects.toMatchObject({
      code: 'UPSTREAM_BAD_RESPONSE',
      message: 'province-test answered LayDanhSachHoSo without LayDanhSachHoSoResponse/LayDanhSachHoSoResult in its namespace (it came in http://tempuri.org/)',
    });
  });
});

describe('motcua dialect, a hand-written page with a BOM, CRLF, nulls, numbers and missing keys (motcua-mess-page.json)', () => {
  let sim: SimServer;
  let connector: OneStopConnector;
  let dossiers: Record<string, DossierRecord>;
  beforeAll(async () => {
    ({ sim, connector } = await replay('motcua', { '4': 4, '9': 9 }, () => json(fixture('motcua-mess-page.json'))));
    const listed = await readListing(connector, everything);
    expect(listed).toHaveLength(2); // the null entry and the one without MaHoSo are left out
    dossiers = byCode(listed);
  });
  afterAll(async () => {
    await connector.close();
    await sim.close();
  });

  it('reads numbers where strings belong, giving identity and phone numbers back their leading zeros', () => {
    const d = dossiers['000.02.53.H41-231102-0003']!;
    expect(d).toMatchObject({ channel: 'ONLINE', status: { code: 4, vendorCode: '4' }, receivedAt: '2023-11-02T10:35:50+07:00' });
    expect(d.applicant).toEqual({ name: 'Trần Mai Oanh', kind: 'CITIZEN', idNumber: '040182017561', idKind: 'CCCD', phone: '0912345678', email: null, address: null });
    expect(dossiers['000.00.41.H41-240315-0012']!.applicant).toMatchObject({ name: 'Hoàng Văn Nam', idNumber: '012345678', idKind: 'CMND' });
  });

  it('reads nulls, empty strings and missing keys as absent, and a lone object as a list of one', () => {
    const d = dossiers['000.02.53.H41-231102-0003']!;
    expect(d).toMatchObject({ appointmentAt: '2023-11-23T00:00:00+07:00', returnedAt: null, submittedAt: null, steps: null, submittedPapers: [] });
    expect(d.fees).toEqual([{ code: '1.003729.LP01', name: 'Lệ phí', amount: 1_500_000, kind: '2' }]);
    const steps = dossiers['000.00.41.H41-240315-0012']!.steps;
    expect(steps).toEqual([
      { handler: 'Lê Thị Thu', position: null, department: null, content: 'Thẩm định', status: null, startedAt: '2024-03-15T08:00:00+07:00', finishedAt: null, dueAt: null },
    ]);
  });

  it('reads each date shape, UTC and epoch milliseconds included, and garbage as null', () => {
    expect(dossiers['000.00.41.H41-240315-0012']).toMatchObject({
      submittedAt: '2024-03-15T07:45:00+07:00', // 15/03/2024 07:45
      receivedAt: '2024-03-15T08:00:00+07:00', // 2024-03-15T01:00:00.000Z
      appointmentAt: '2024-03-20T17:00:00+07:00', // 2024-03-20T17:00:00+0700
      finishedAt: null, // "hôm qua"
      updatedAt: '2024-03-15T08:30:00+07:00', // 1710466200000
      status: { code: 9 },
    });
  });

  it('takes the agency from the dossier code when DonViXuLy is missing or empty, trimming the code', () => {
    expect(dossiers['000.02.53.H41-231102-0003']).toMatchObject({ agencyCode: '000.02.53.H41', agencyName: null });
    expect(dossiers['000.00.41.H41-240315-0012']).toMatchObject({ agencyCode: '000.00.41.H41', agencyName: null });
  });
});

describe('igate dialect, a dossier shaped as a real deployment sends it (igate-real-deployment-page.json)', () => {
  let sim: SimServer;
  let connector: OneStopConnector;
  const page = fixture('igate-real-deployment-page.json');
  beforeAll(async () => {
    ({ sim, connector } = await replay('igate', { '0': 1, '2': 4 }, (req) => {
      if (req.path.endsWith('/openid-connect/token')) return json(JSON.stringify({ access_token: 'token', expires_in: 300 }));
      if (req.path === '/pa/dossier/search') return json(page);
      const found = (JSON.parse(page.toString('utf8')) as { content: Array<{ code: string }> }).content.find((d) => d.code === req.query.get('code'));
      return found ? json(JSON.stringify(found)) : json('{"error":"not found"}', 404);
    }));
  });
  afterAll(async () => {
    await connector.close();
    await sim.close();
  });

  it('reads UTC dates with milliseconds as Vietnam time, a UTC date landing on midnight', async () => {
    const d = await connector.getDossier('000.00.53.H48-220921-0099');
    expect(d).toMatchObject({
      submittedAt: '2022-09-21T09:15:30+07:00', // 2022-09-21T02:15:30.000+0000
      receivedAt: null,
      appointmentAt: '2022-09-26T00:00:00+07:00', // 2022-09-25T17:00:00.000+0000
      updatedAt: '2022-09-21T09:15:31+07:00', // 2022-09-21T02:15:31.250+0000
    });
  });

  it('gives an agency without a code of its own the dossier code\'s prefix, not its parent\'s code', async () => {
    const d = await connector.getDossier('000.00.53.H48-220921-0099');
    expect(d).toMatchObject({ agencyCode: '000.00.53.H48', agencyName: null });
  });

  it('reads the owner as the applicant, status 0 with its label, a plain-string fee name and an amount with separators', async () => {
    const d = (await connector.getDossier('000.00.53.H48-220921-0099'))!;
    expect(d.applicant).toEqual({
      name: 'Nguyễn Văn Bình',
      kind: 'CITIZEN',
      idNumber: '051194012345',
      idKind: 'CCCD',
      phone: '0987654321',
      email: null,
      address: 'Thôn Hà Nhai Bắc, Xã Tịnh Hà, Huyện Sơn Tịnh, Tỉnh Quảng Ngãi',
    });
    expect(d).toMatchObject({
      procedureCode: '1.001612',
      procedureName: 'Đăng ký khai sinh',
      sector: { code: 'G15-TP07', name: 'Hộ tịch' },
      channel: 'ONLINE',
      status: { code: 1, vendorCode: '0', vendorLabel: 'Mới đăng ký' },
      steps: null,
    });
    expect(d.fees).toEqual([{ code: '1.001612.LP01', name: 'Lệ phí đăng ký khai sinh', amount: 8000, kind: 'LEPHI' }]);
  });

  it('lists both dossiers of the page, the second with an empty agency code, numbers for text and a garbage appointment', async () => {
    const listed = byCode(await readListing(connector, everything));
    expect(Object.keys(listed).sort()).toEqual(['000.00.02.H56-231206-0002', '000.00.53.H48-220921-0099']);
    const d = listed['000.00.02.H56-231206-0002']!;
    expect(d).toMatchObject({
      agencyCode: '000.00.02.H56',
      agencyName: null,
      channel: 'IN_PERSON',
      status: { code: 4, vendorCode: '2' },
      receivedAt: '2023-12-06T16:02:20+07:00',
      appointmentAt: null,
      finishedAt: null,
    });
    expect(d.applicant).toMatchObject({ name: 'Lê Thị Mai', kind: 'BUSINESS', idNumber: '038190004567', idKind: 'CCCD', phone: '0356789012' });
  });
});
