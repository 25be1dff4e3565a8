import { XMLParser } from 'fast-xml-parser';
import { SOAP_STATUS_TABLE, startOneStopSimulator, type OneStopSimulator } from '../index';
import { AGENCIES, CREDENTIALS, instant, parseCompact, parseSlash, PROCEDURES, SEED, vnDay } from './helpers';

const COUNT = 300;
const NS = 'http://motcua.gov.vn/';
const LIST_ITEMS = new Set(['HoSo', 'DinhDanh', 'TepDinhKem', 'LePhi', 'GiayToKetQua', 'BuocXuLy']);
const careful = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, isArray: (name) => LIST_ITEMS.has(name) });
const naive = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });

type Node = Record<string, any>;
let sim: OneStopSimulator;

interface CallOptions {
  auth?: { username: string; password: string } | null;
  action?: string;
  envelopePrefix?: string;
  body?: string;
}

async function soap(operation: string, params: Record<string, string | number>, { auth = CREDENTIALS, action = `"${NS}${operation}"`, envelopePrefix = 'soap', body }: CallOptions = {}): Promise<{ status: number; text: string }> {
  const p = envelopePrefix;
  const header = auth ? `<${p}:Header><AuthHeader xmlns="${NS}"><Username>${auth.username}</Username><Password>${auth.password}</Password></AuthHeader></${p}:Header>` : '';
  const inner = Object.entries(params).map(([name, value]) => `<${name}>${value}</${name}>`).join('');
  const xml = body ?? `<?xml version="1.0" encoding="utf-8"?><${p}:Envelope xmlns:${p}="http://schemas.xmlsoap.org/soap/envelope/">${header}<${p}:Body><${operation} xmlns="${NS}">${inner}</${operation}></${p}:Body></${p}:Envelope>`;
  const res = await fetch(`${sim.url}/HoSoService.asmx`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: action }, body: xml });
  return { status: res.status, text: await res.text() };
}

/** The `…Result` element of a successful answer. */
function result(text: string, operation: string, parser = careful): Node {
  return parser.parse(text).Envelope.Body[`${operation}Response`][`${operation}Result`];
}

function fault(text: string): Node {
  return careful.parse(text).Envelope.Body.Fault;
}

async function listPage(from: string, to: string, page: number, size: number): Promise<{ total: number; items: Node[] }> {
  const { status, text } = await soap('LayDanhSachHoSo', { tuNgay: from, denNgay: to, trang: page, soLuong: size });
  expect(status).toBe(200);
  const answer = result(text, 'LayDanhSachHoSo');
  return { total: Number(answer.TongSo), items: answer.DanhSachHoSo === '' ? [] : answer.DanhSachHoSo.HoSo };
}

async function listAll(from = '20000101', to = '20991231'): Promise<Node[]> {
  const all: Node[] = [];
  for (let page = 1; ; page++) {
    const { items } = await listPage(from, to, page, 100);
    all.push(...items);
    if (items.length < 100) return all;
  }
}

/** A soap date in either format the service writes: `yyyyMMddHHmmss` or `dd/MM/yyyy HH:mm:ss`. */
const soapDate = (text: string): number | null => (text === '' ? null : text.includes('/') ? parseSlash(text) : parseCompact(text));
const listedDay = (dossier: OneStopSimulator['dossiers'][number]): string => vnDay(dossier.receivedAt ?? dossier.submittedAt);

beforeAll(async () => {
  sim = await startOneStopSimulator({ dialect: 'soap', provinceCode: 'H48', agencies: AGENCIES, procedures: PROCEDURES, seed: SEED, dossiers: COUNT });
});
afterAll(() => sim.close());

describe('soap dialect', () => {
  test('refuses a request without AuthHeader or with a wrong password with a soap:Client fault', async () => {
    for (const auth of [null, { username: 'lienthong', password: 'wrong' }]) {
      const { status, text } = await soap('LayHoSo', { maHoSo: sim.dossiers[0]?.code as string }, { auth });
      expect(status).toBe(500);
      expect(fault(text).faultcode).toBe('soap:Client');
      expect(fault(text).faultstring).toMatch(/Xác thực không thành công/);
    }
  });

  test('lists dossiers between tuNgay and denNgay page by page, each once, with TongSo right', async () => {
    const { total } = await listPage('20000101', '20991231', 1, 40);
    expect(total).toBe(COUNT);
    const codes: string[] = [];
    for (let page = 1; page <= Math.ceil(COUNT / 40); page++) codes.push(...(await listPage('20000101', '20991231', page, 40)).items.map((item) => item.MaHoSo as string));
    expect(codes).toEqual(sim.dossiers.map((dossier) => dossier.code));
    const range = await listAll('01/01/2026', '2026-06-30');
    expect(range.map((item) => item.MaHoSo)).toEqual(sim.dossiers.filter((dossier) => listedDay(dossier) >= '20260101' && listedDay(dossier) <= '20260630').map((dossier) => dossier.code));
  });

  test('answers a day with exactly one dossier with a single HoSo element, which a naive parser reads as an object', async () => {
    const perDay = new Map<string, number>();
    for (const dossier of sim.dossiers) perDay.set(listedDay(dossier), (perDay.get(listedDay(dossier)) ?? 0) + 1);
    const day = [...perDay].find(([, n]) => n === 1)?.[0] as string;
    expect(day).toBeDefined();
    const { status, text } = await soap('LayDanhSachHoSo', { tuNgay: day, denNgay: day, trang: 1, soLuong: 20 });
    expect(status).toBe(200);
    expect(text.match(/<(?:[\w-]+:)?HoSo>/g)).toHaveLength(1);
    const lone = result(text, 'LayDanhSachHoSo', naive).DanhSachHoSo.HoSo;
    expect(Array.isArray(lone)).toBe(false);
    expect(lone.MaHoSo).toBe(sim.dossiers.find((dossier) => listedDay(dossier) === day)?.code);
    expect(result(text, 'LayDanhSachHoSo').TongSo).toBe('1');
  });

  test('answers a page past the end with an empty DanhSachHoSo element', async () => {
    const { status, text } = await soap('LayDanhSachHoSo', { tuNgay: '20000101', denNgay: '20991231', trang: 99, soLuong: 20 });
    expect(status).toBe(200);
    expect(text).toMatch(/<(?:tns:)?DanhSachHoSo(?: \/|\/|><\/(?:tns:)?DanhSachHoSo)>/);
    expect(result(text, 'LayDanhSachHoSo').DanhSachHoSo).toBe('');
  });

  test('varies envelope prefix, soap:Header and result namespaces across requests, the same way for the same request', async () => {
    const prefixes = new Set<string>();
    const headers = new Set<boolean>();
    const tns = new Set<boolean>();
    for (let page = 1; page <= 12; page++) {
      const { text } = await soap('LayDanhSachHoSo', { tuNgay: '20000101', denNgay: '20991231', trang: page, soLuong: 5 });
      prefixes.add(/<([\w-]+):Envelope/.exec(text)?.[1] as string);
      headers.add(/:Header>/.test(text));
      tns.add(text.includes('xmlns:tns='));
      expect(result(text, 'LayDanhSachHoSo').DanhSachHoSo.HoSo).toHaveLength(5);
    }
    expect(prefixes.size).toBeGreaterThan(1);
    expect([...prefixes].every((prefix) => ['soap', 's', 'SOAP-ENV'].includes(prefix))).toBe(true);
    expect(headers).toEqual(new Set([true, false]));
    expect(tns).toEqual(new Set([true, false]));
    const again = async (): Promise<string> => (await soap('LayDanhSachHoSo', { tuNgay: '20000101', denNgay: '20991231', trang: 3, soLuong: 5 })).text;
    expect(await again()).toBe(await again());
  });

  test('writes empty values as empty elements three ways, some summaries as CDATA and some dossiers with dd/MM/yyyy dates', async () => {
    const texts: string[] = [];
    for (let page = 1; page <= 3; page++) texts.push((await soap('LayDanhSachHoSo', { tuNgay: '20000101', denNgay: '20991231', trang: page, soLuong: 100 })).text);
    const all = texts.join('');
    expect(all).toMatch(/<(?:tns:)?NgayTuChoi\/>/);
    expect(all).toMatch(/<(?:tns:)?NgayTuChoi \/>/);
    expect(all).toMatch(/<(?:tns:)?NgayTuChoi><\/(?:tns:)?NgayTuChoi>/);
    expect(all).toMatch(/<(?:tns:)?TrichYeuHoSo><!\[CDATA\[/);
    expect(all).toMatch(/<(?:tns:)?NgayNopHoSo>\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}</);
    expect(all).toMatch(/<(?:tns:)?NgayNopHoSo>\d{14}</);
  });

  test('reads requests whatever their prefixes', async () => {
    const code = sim.dossiers[9]?.code as string;
    const body = `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="${NS}"><SOAP-ENV:Header><m:AuthHeader><m:Username>lienthong</m:Username><m:Password>demo-secret</m:Password></m:AuthHeader></SOAP-ENV:Header><SOAP-ENV:Body><m:LayHoSo><m:maHoSo>${code}</m:maHoSo></m:LayHoSo></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    const { status, text } = await soap('LayHoSo', {}, { body });
    expect(status).toBe(200);
    expect(result(text, 'LayHoSo').HoSo[0].MaHoSo).toBe(code);
  });

  test('serves one dossier with LayHoSo and its steps with LayTienDoXuLy', async () => {
    const canonical = sim.dossiers.find((dossier) => dossier.steps.length >= 4) as OneStopSimulator['dossiers'][number];
    const hoSo = result((await soap('LayHoSo', { maHoSo: canonical.code })).text, 'LayHoSo').HoSo[0];
    expect([hoSo.MaHoSo, hoSo.MaTTHC, hoSo.ChuHoSo, SOAP_STATUS_TABLE[hoSo.TrangThaiHoSo]]).toEqual([canonical.code, canonical.procedureCode, canonical.applicant.fullName, canonical.status]);
    expect(hoSo.QuaTrinhXuLy).toBeUndefined();
    const progress = result((await soap('LayTienDoXuLy', { maHoSo: canonical.code })).text, 'LayTienDoXuLy');
    expect(progress.MaHoSo).toBe(canonical.code);
    expect(progress.QuaTrinhXuLy.BuocXuLy.map((step: Node) => [step.NguoiXuLy, step.ChucDanh, step.PhongBanXuLy, step.NoiDungXuLy, step.TrangThai, soapDate(step.NgayBatDau), soapDate(step.NgayKetThucTheoQuyDinh)])).toEqual(
      canonical.steps.map((step) => [step.handler, step.position, step.department, step.content, step.status, instant(step.start), instant(step.deadlineByRule)]),
    );
  });

  test('answers faults with HTTP 500: unknown operation, unknown dossier, bad or missing parameters, malformed envelope as soap:Client, an oversized page as soap:Server', async () => {
    const cases: Array<[string, Promise<{ status: number; text: string }>, string, RegExp]> = [
      ['unknown operation', soap('XoaHoSo', { maHoSo: 'x' }), 'soap:Client', /SOAPAction/],
      ['no SOAPAction', soap('LayHoSo', { maHoSo: 'x' }, { action: '' }), 'soap:Client', /SOAPAction/],
      ['action and body disagree', soap('LayHoSo', { maHoSo: 'x' }, { action: `"${NS}LayTienDoXuLy"` }), 'soap:Client', /LayTienDoXuLy/],
      ['unknown dossier', soap('LayHoSo', { maHoSo: '000.00.41.H48-990101-0001' }), 'soap:Client', /Không tìm thấy hồ sơ/],
      ['unknown dossier steps', soap('LayTienDoXuLy', { maHoSo: 'nope' }), 'soap:Client', /Không tìm thấy hồ sơ/],
      ['bad date', soap('LayDanhSachHoSo', { tuNgay: '2026/13/01', denNgay: '20261231' }), 'soap:Client', /tuNgay/],
      ['missing date', soap('LayDanhSachHoSo', { denNgay: '20261231' }), 'soap:Client', /Thiếu tham số tuNgay/],
      ['bad page', soap('LayDanhSachHoSo', { tuNgay: '20260101', denNgay: '20261231', trang: 'hai' }), 'soap:Client', /trang/],
      ['malformed envelope', soap('LayHoSo', {}, { body: '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LayHoSo>' }), 'soap:Client', /không hợp lệ/],
      ['oversized page', soap('LayDanhSachHoSo', { tuNgay: '20000101', denNgay: '20991231', soLuong: 1000 }), 'soap:Server', /Timeout/],
    ];
    for (const [name, pending, code, message] of cases) {
      const { status, text } = await pending;
      expect([name, status]).toEqual([name, 500]);
      expect([name, fault(text).faultcode]).toEqual([name, code]);
      expect(fault(text).faultstring).toMatch(message);
    }
    const unknown = fault((await soap('LayHoSo', { maHoSo: 'nope' })).text);
    expect(unknown.detail.ChiTietLoi.MaLoi).toBe('HOSO_KHONG_TON_TAI');
  });

  test('serves every dossier as the canonical one, whichever date format and markup it comes in', async () => {
    const served = await listAll();
    expect(served).toHaveLength(COUNT);
    served.forEach((d, index) => {
      const canonical = sim.dossiers[index] as OneStopSimulator['dossiers'][number];
      expect([d.MaHoSo, d.MaTTHC, d.TenTTHC, d.KenhThucHien, d.ChuHoSo, d.SoGiayToChuHoSo, d.SoDienThoai, d.Email, d.TrichYeuHoSo, d.DonViXuLy, d.LoaiDoiTuong]).toEqual([
        canonical.code, canonical.procedureCode, canonical.procedureName, String(canonical.channel), canonical.applicant.fullName, canonical.applicant.identityNumber,
        canonical.applicant.phone, canonical.applicant.email ?? '', canonical.summary, canonical.agencyCode, String(canonical.applicantType),
      ]);
      expect(SOAP_STATUS_TABLE[d.TrangThaiHoSo]).toBe(canonical.status);
      expect(d.DinhDanhCHS.DinhDanh).toEqual([{ LoaiDinhDanh: '1', SoDinhDanh: canonical.applicant.identityNumber }]);
      expect([soapDate(d.NgayNopHoSo), soapDate(d.NgayTiepNhan), soapDate(d.NgayHenTra), soapDate(d.NgayKetThucXuLy), soapDate(d.NgayTra)]).toEqual([
        instant(canonical.submittedAt), instant(canonical.receivedAt), instant(canonical.appointmentAt), instant(canonical.finishedAt), instant(canonical.returnedAt),
      ]);
      const fees = d.DanhSachLePhi === '' ? [] : d.DanhSachLePhi.LePhi;
      expect(fees.map((fee: Node) => [fee.MaPhiLePhi, Number(fee.Gia)])).toEqual(canonical.fees.map((fee) => [fee.code, fee.amount]));
      const results = d.DanhSachGiayToKetQua === '' ? [] : d.DanhSachGiayToKetQua.GiayToKetQua;
      expect(results.map((paper: Node) => paper.TenGiayTo)).toEqual(canonical.resultPapers.map((paper) => paper.name));
      expect(d.TaiLieuNop.TepDinhKem.map((file: Node) => file.DuongDanTaiTepTin)).toEqual(canonical.submittedPapers.map((paper) => paper.url));
    });
    expect(served.some((d) => d.NgayTra === '')).toBe(true);
  });

  test('counts each operation by name', async () => {
    sim.resetStats();
    await soap('LayDanhSachHoSo', { tuNgay: '20260101', denNgay: '20260102' });
    await soap('LayHoSo', { maHoSo: sim.dossiers[0]?.code as string });
    await soap('LayTienDoXuLy', { maHoSo: sim.dossiers[0]?.code as string });
    await soap('LayTienDoXuLy', { maHoSo: 'nope' });
    expect(sim.stats.byOperation).toEqual({ LayDanhSachHoSo: 1, LayHoSo: 1, LayTienDoXuLy: 2 });
  });
});
