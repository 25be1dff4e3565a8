import { MOTCUA_STATUS_TABLE, startOneStopSimulator, type OneStopSimulator } from '../index';
import { AGENCIES, CREDENTIALS, instant, isUnder, parseCompact, PROCEDURES, SEED, vnDay } from './helpers';

const COUNT = 300;
const BASIC = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;

type Record_ = Record<string, any>;
let sim: OneStopSimulator;

async function call(path: string, authorization: string | null = BASIC): Promise<Response> {
  return fetch(`${sim.url}${path}`, { headers: authorization === null ? {} : { authorization } });
}

async function list(query: string): Promise<{ TongSo: string; DanhSach: Record_[] }> {
  const res = await call(`/api/hoso?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { TongSo: string; DanhSach: Record_[] };
}

async function listAll(query: string): Promise<Record_[]> {
  const all: Record_[] = [];
  for (let page = 1; ; page++) {
    const { DanhSach } = await list(`${query}&trang=${page}&soLuong=100`);
    all.push(...DanhSach);
    if (DanhSach.length < 100) return all;
  }
}

/** Where listings place a dossier: its reception day, or its submission day when never received. */
const listedDay = (dossier: OneStopSimulator['dossiers'][number]): string => vnDay(dossier.receivedAt ?? dossier.submittedAt);

beforeAll(async () => {
  sim = await startOneStopSimulator({ dialect: 'motcua', provinceCode: 'H41', agencies: AGENCIES, procedures: PROCEDURES, seed: SEED, dossiers: COUNT });
});
afterAll(() => sim.close());

describe('motcua dialect', () => {
  test('refuses a missing or wrong Basic credential with 401', async () => {
    expect((await call('/api/hoso', null)).status).toBe(401);
    const wrong = await call('/api/hoso', `Basic ${Buffer.from('lienthong:wrong').toString('base64')}`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await call('/api/hoso')).status).toBe(200);
  });

  test('pages with 1-based trang and soLuong, TongSo a string, every dossier once', async () => {
    const first = await list('trang=1&soLuong=40');
    expect(first.TongSo).toBe(String(COUNT));
    expect(first.DanhSach).toHaveLength(40);
    expect(first.DanhSach[0]?.MaHoSo).toBe(sim.dossiers[0]?.code);
    const codes: string[] = [];
    for (let page = 1; page <= Math.ceil(COUNT / 40); page++) codes.push(...(await list(`trang=${page}&soLuong=40`)).DanhSach.map((dossier) => dossier.MaHoSo as string));
    expect(codes).toEqual(sim.dossiers.map((dossier) => dossier.code));
    expect((await list(`trang=${Math.ceil(COUNT / 40) + 1}&soLuong=40`)).DanhSach).toEqual([]);
  });

  test('cuts soLuong above 100 to 100 without saying so', async () => {
    const page = await list('trang=1&soLuong=250');
    expect(page.DanhSach).toHaveLength(100);
    expect(page.TongSo).toBe(String(COUNT));
  });

  test('filters on the reception day (submission day when never received) from tuNgay to denNgay inclusive', async () => {
    const found = await listAll('tuNgay=20260101&denNgay=20260630');
    const expected = sim.dossiers.filter((dossier) => listedDay(dossier) >= '20260101' && listedDay(dossier) <= '20260630');
    expect(expected.length).toBeGreaterThan(10);
    expect(found.map((dossier) => dossier.MaHoSo)).toEqual(expected.map((dossier) => dossier.code));
    const day = listedDay(sim.dossiers[50] as OneStopSimulator['dossiers'][number]);
    const oneDay = await listAll(`tuNgay=${day}&denNgay=${day}`);
    expect(oneDay.map((dossier) => dossier.MaHoSo)).toEqual(sim.dossiers.filter((dossier) => listedDay(dossier) === day).map((dossier) => dossier.code));
    const never = sim.dossiers.find((dossier) => dossier.receivedAt === null);
    expect(never).toBeDefined();
    const hers = await listAll(`tuNgay=${listedDay(never!)}&denNgay=${listedDay(never!)}`);
    expect(hers.find((dossier) => dossier.MaHoSo === never?.code)?.NgayTiepNhan).toBe('');
  });

  test('filters on maDonVi with its subordinates', async () => {
    const district = sim.dossiers.find((dossier) => dossier.agencyLevel === 3)?.agencyCode.replace(/^\d{3}\.\d{2}/, '000.00') as string;
    const found = await listAll(`maDonVi=${district}`);
    const expected = sim.dossiers.filter((dossier) => isUnder(dossier.agencyCode, district));
    expect(expected.some((dossier) => dossier.agencyCode !== district)).toBe(true);
    expect(found.map((dossier) => dossier.MaHoSo)).toEqual(expected.map((dossier) => dossier.code));
  });

  test('rejects malformed dates, pages and agency codes with 400', async () => {
    for (const query of ['tuNgay=2026-01-01', 'denNgay=20261345', 'trang=0', 'soLuong=abc', 'maDonVi=H41', 'tuNgay=20260301&denNgay=20260201']) {
      const res = await call(`/api/hoso?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(((await res.json()) as { MaLoi: string }).MaLoi).toBe('400');
    }
  });

  test('serves one dossier under HoSo by its MaHoSo, and 404 for an unknown one', async () => {
    const code = sim.dossiers[123]?.code as string;
    const res = await call(`/api/hoso/${encodeURIComponent(code)}`);
    expect(res.status).toBe(200);
    const { HoSo } = (await res.json()) as { HoSo: Record_ };
    expect(HoSo.MaHoSo).toBe(code);
    expect((await call(`/api/hoso/${code}`)).status).toBe(200);
    const unknown = await call('/api/hoso/000.00.41.H41-990101-0001');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { ThongBao: string }).ThongBao).toMatch(/990101/);
  });

  test('serves every value as a string and every dossier as the canonical one', async () => {
    const served = await listAll('');
    expect(served).toHaveLength(COUNT);
    const strings = (value: unknown): boolean =>
      typeof value === 'string' || (Array.isArray(value) ? value.every(strings) : typeof value === 'object' && value !== null && Object.values(value).every(strings));
    const compact = (text: string): number | null => (text === '' ? null : parseCompact(text));
    served.forEach((d, index) => {
      const canonical = sim.dossiers[index] as OneStopSimulator['dossiers'][number];
      expect(strings(d)).toBe(true);
      expect([d.MaHoSo, d.MaTTHC, d.TenTTHC, d.MaLinhVuc, d.KenhThucHien, d.ChuHoSo, d.SoGiayToChuHoSo, d.LoaiDoiTuong, d.SoDienThoai, d.Email, d.TrichYeuHoSo, d.DonViXuLy]).toEqual([
        canonical.code, canonical.procedureCode, canonical.procedureName, canonical.sectorCode, String(canonical.channel), canonical.applicant.fullName,
        canonical.applicant.identityNumber, String(canonical.applicantType), canonical.applicant.phone, canonical.applicant.email ?? '', canonical.summary, canonical.agencyCode,
      ]);
      expect(MOTCUA_STATUS_TABLE[d.TrangThaiHoSo]).toBe(canonical.status);
      expect(d.DinhDanhCHS).toEqual([{ LoaiDinhDanh: '1', SoDinhDanh: canonical.applicant.identityNumber }]);
      expect([compact(d.NgayNopHoSo), compact(d.NgayTiepNhan), compact(d.NgayHenTra), compact(d.NgayKetThucXuLy), compact(d.NgayTra)]).toEqual([
        instant(canonical.submittedAt), instant(canonical.receivedAt), instant(canonical.appointmentAt), instant(canonical.finishedAt), instant(canonical.returnedAt),
      ]);
      expect(d.QuaTrinhXuLy.map((step: Record_) => [step.MaHoSo, step.NguoiXuLy, step.ChucDanh, step.PhongBanXuLy, step.NoiDungXuLy, step.TrangThai, compact(step.NgayBatDau), compact(step.NgayKetThucTheoQuyDinh)])).toEqual(
        canonical.steps.map((step) => [canonical.code, step.handler, step.position, step.department, step.content, step.status, instant(step.start), instant(step.deadlineByRule)]),
      );
      expect(d.DanhSachLePhi.map((fee: Record_) => [fee.MaPhiLePhi, fee.TenPhiLePhi, Number(fee.Gia), Number(fee.LoaiPhiLePhi)])).toEqual(canonical.fees.map((fee) => [fee.code, fee.name, fee.amount, fee.kind]));
      expect(d.TaiLieuNop.map((file: Record_) => [file.MaThanhPhanHoSo, file.TenTepDinhKem, file.DuongDanTaiTepTin])).toEqual(canonical.submittedPapers.map((paper) => [paper.code, paper.fileName, paper.url]));
      expect(d.DanhSachGiayToKetQua.map((paper: Record_) => [paper.MaThanhPhanHoSo, paper.TenGiayTo, paper.DuongDanTepTinKetQua])).toEqual(canonical.resultPapers.map((paper) => [paper.code, paper.name, paper.url]));
    });
    expect(served.some((d) => d.NgayTra === '')).toBe(true);
  });

  test('counts list and get calls', async () => {
    sim.resetStats();
    await list('soLuong=1');
    await call(`/api/hoso/${encodeURIComponent(sim.dossiers[0]?.code as string)}`);
    await call('/api/hoso', null);
    expect(sim.stats.byOperation).toEqual({ list: 2, get: 1 });
  });
});
