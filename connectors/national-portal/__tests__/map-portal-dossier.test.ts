import { toNationalProcedureCode } from '../../../src/domain';
import { formatPortalDateTime } from '../format-portal-date-time';
import { mapPortalDossier, type PortalDossierMapping } from '../map-portal-dossier';
import { sampleDossier } from './sample-dossier';

function mapped(result: PortalDossierMapping): Extract<PortalDossierMapping, { ok: true }> {
  if (!result.ok) throw new Error(`expected a mapping, got the refusal ${JSON.stringify(result.refusal)}`);
  return result;
}

describe('formatPortalDateTime', () => {
  it('writes an instant as yyyyMMddHHmmss in Vietnam time, whatever offset it came in', () => {
    expect(formatPortalDateTime('2024-03-15T08:30:00+07:00')).toBe('20240315083000');
    expect(formatPortalDateTime('2024-03-15T01:30:00Z')).toBe('20240315083000');
    expect(formatPortalDateTime('2024-03-14T20:30:00-05:00')).toBe('20240315083000');
    expect(formatPortalDateTime('2024-03-15T01:30:00.999+0000')).toBe('20240315083000');
    // Late on New Year's Eve in UTC is already the new year in Vietnam.
    expect(formatPortalDateTime('2023-12-31T17:30:00Z')).toBe('20240101003000');
    // A leap day.
    expect(formatPortalDateTime('2024-02-28T20:00:00Z')).toBe('20240229030000');
  });

  it('answers null for what is not a real instant', () => {
    expect(formatPortalDateTime('2024-02-30T08:00:00+07:00')).toBeNull();
    expect(formatPortalDateTime('hôm qua')).toBeNull();
    expect(formatPortalDateTime('')).toBeNull();
  });
});

describe('mapPortalDossier', () => {
  const nationalProcedureCode = toNationalProcedureCode('1.001612.000.00.00.H56');

  it('maps a returned dossier to the portal record, every value a string and every date in Vietnam time', () => {
    const { dossier } = mapped(mapPortalDossier({ dossier: sampleDossier(), nationalProcedureCode }));
    expect(dossier).toEqual({
      MaHoSo: '000.00.20.H56-240315-0001',
      MaTTHC: '1.001612',
      TenTTHC: 'Đăng ký khai sinh',
      MaLinhVuc: 'G15-TP07',
      TenLinhVuc: 'Hộ tịch',
      KenhThucHien: '2',
      SoBienNhan: '000.00.20.H56-240315-0001',
      ChuHoSo: 'Nguyễn Văn An',
      SoGiayToChuHoSo: '038088240353',
      LoaiDoiTuong: '1',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '038088240353' }],
      Email: 'an.nv@example.vn',
      SoDienThoai: '0912345678',
      TrichYeuHoSo: 'Đăng ký khai sinh cho con thứ hai',
      NgayNopHoSo: '20240315010500',
      NgayTiepNhan: '20240315094510',
      NgayHenTra: '20240318170000',
      TrangThaiHoSo: '10',
      NgayKetThucXuLy: '20240318101500',
      NgayTra: '20240318232000',
      NgayTuChoi: '',
      DonViXuLy: '000.00.20.H56',
      TaiLieuNop: [
        { TenTepDinhKem: 'to-khai-dang-ky-khai-sinh.pdf', IsDeleted: 'False', MaThanhPhanHoSo: 'TP01', DuongDanTaiTepTin: 'https://dichvucong.thanhhoa.gov.vn/files/2024/03/to-khai.pdf' },
      ],
      DanhSachLePhi: [
        { TenPhiLePhi: 'Lệ phí đăng ký khai sinh', MaPhiLePhi: 'LP01', Gia: '8000', LoaiPhiLePhi: '2' },
        { TenPhiLePhi: 'Phí cấp bản sao trích lục', MaPhiLePhi: '', Gia: '3000', LoaiPhiLePhi: '1' },
      ],
      DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh (bản chính)', MaGiayToKetQua: 'KQ.G15.000001', DuongDanTepTinKetQua: 'https://dichvucong.thanhhoa.gov.vn/files/2024/03/ket-qua.pdf' }],
    });
  });

  it('maps the steps the portal can take and lists what it left out, with the reason', () => {
    const { steps, omitted } = mapped(mapPortalDossier({ dossier: sampleDossier(), nationalProcedureCode }));
    expect(steps).toEqual([
      {
        MaHoSo: '000.00.20.H56-240315-0001',
        NguoiXuLy: 'Nguyễn Văn An',
        ChucDanh: 'Người nộp hồ sơ',
        ThoiDiemXuLy: '20240315010500',
        PhongBanXuLy: 'Cổng Dịch vụ công',
        NoiDungXuLy: 'Nộp hồ sơ trực tuyến',
        TrangThai: '1',
        NgayBatDau: '20240315010500',
        NgayKetThucTheoQuyDinh: '',
      },
      {
        MaHoSo: '000.00.20.H56-240315-0001',
        NguoiXuLy: 'Lê Thị Bình',
        ChucDanh: 'Công chức tư pháp - hộ tịch',
        ThoiDiemXuLy: '20240315094510',
        PhongBanXuLy: 'Bộ phận một cửa',
        NoiDungXuLy: 'Tiếp nhận hồ sơ',
        TrangThai: '2',
        NgayBatDau: '20240315083000',
        NgayKetThucTheoQuyDinh: '20240315170000',
      },
      // Still open: handled "at" its start.
      {
        MaHoSo: '000.00.20.H56-240315-0001',
        NguoiXuLy: 'Lê Thị Bình',
        ChucDanh: '',
        ThoiDiemXuLy: '20240318101500',
        PhongBanXuLy: 'Bộ phận một cửa',
        NoiDungXuLy: 'Trả kết quả',
        TrangThai: '10',
        NgayBatDau: '20240318101500',
        NgayKetThucTheoQuyDinh: '20240318170000',
      },
    ]);
    expect(omitted).toEqual([
      { path: 'TaiLieuNop[1]', reason: 'no link to the file (DuongDanTaiTepTin), which the portal requires' },
      { path: 'DanhSachLePhi[2]', reason: 'amount null is not a whole number of đồng (Gia)' },
      { path: 'steps[2]', reason: 'status "Đang xử lý" is not a national status 1–10 (TrangThai)' },
      { path: 'steps[4]', reason: 'no handler (NguoiXuLy), which the portal requires' },
    ]);
  });

  it('prefers the national catalogue’s procedure name and sector when it is given', () => {
    const { dossier } = mapped(
      mapPortalDossier({
        dossier: sampleDossier({ procedureName: 'Đăng ký khai sinh (cấp xã, tỉnh Thanh Hóa)', sector: { code: 'H56-HT', name: 'Hộ tịch (tỉnh)' } }),
        nationalProcedureCode,
        procedure: { name: 'Đăng ký khai sinh', sectors: [{ code: 'G15-TP07', name: 'Hộ tịch' }] },
      }),
    );
    expect(dossier).toMatchObject({ TenTTHC: 'Đăng ký khai sinh', MaLinhVuc: 'G15-TP07', TenLinhVuc: 'Hộ tịch' });
  });

  it('sends a 9-digit old ID as a CMND (LoaiDinhDanh 2), reading the kind from its length when the source gave none', () => {
    const base = sampleDossier();
    const { dossier } = mapped(mapPortalDossier({ dossier: { ...base, applicant: { ...base.applicant, idNumber: '172345678', idKind: null } }, nationalProcedureCode }));
    expect(dossier.DinhDanhCHS).toEqual([{ LoaiDinhDanh: '2', SoDinhDanh: '172345678' }]);
    expect(dossier.SoGiayToChuHoSo).toBe('172345678');
  });

  it('refuses a citizen whose ID is neither a 12-digit CCCD nor a 9-digit CMND', () => {
    const base = sampleDossier();
    const result = mapPortalDossier({ dossier: { ...base, applicant: { ...base.applicant, idNumber: '17234567', idKind: 'CCCD' } }, nationalProcedureCode });
    expect(result).toEqual({
      ok: false,
      refusal: { reason: 'VALUE_INVALID', field: 'DinhDanhCHS', message: 'the applicant is a citizen and ID number "17234567" is neither a 12-digit CCCD nor a 9-digit CMND (the source says CCCD)' },
    });
  });

  it('pushes a business by its tax code without a personal identifier, saying so', () => {
    const base = sampleDossier();
    const { dossier, omitted } = mapped(
      mapPortalDossier({ dossier: { ...base, applicant: { ...base.applicant, kind: 'BUSINESS', name: 'Công ty TNHH Hoằng Đạo', idNumber: '2801234567', idKind: null } }, nationalProcedureCode }),
    );
    expect(dossier).toMatchObject({ LoaiDoiTuong: '2', SoGiayToChuHoSo: '2801234567', DinhDanhCHS: [] });
    expect(omitted).toContainEqual({ path: 'DinhDanhCHS', reason: 'ID number "2801234567" is neither a 12-digit CCCD nor a 9-digit CMND' });
  });

  it('writes missing optional values as empty strings', () => {
    const base = sampleDossier();
    const { dossier } = mapped(
      mapPortalDossier({
        dossier: { ...base, channel: null, receiptNumber: null, summary: null, appointmentAt: null, applicant: { ...base.applicant, email: null, phone: null, name: null }, fees: [], submittedPapers: [], resultPapers: [] },
        nationalProcedureCode,
      }),
    );
    expect(dossier).toMatchObject({ KenhThucHien: '', SoBienNhan: '', TrichYeuHoSo: '', NgayHenTra: '', Email: '', SoDienThoai: '', ChuHoSo: '', TaiLieuNop: [], DanhSachLePhi: [], DanhSachGiayToKetQua: [] });
  });

  it('sends a newly registered dossier without a reception date, and a refused one with its refusal date', () => {
    const fresh = mapped(mapPortalDossier({ dossier: sampleDossier({ status: { code: 1, vendorCode: '0', vendorLabel: null }, receivedAt: null, appointmentAt: null, finishedAt: null, returnedAt: null }), nationalProcedureCode }));
    expect(fresh.dossier).toMatchObject({ TrangThaiHoSo: '1', NgayTiepNhan: '', NgayKetThucXuLy: '', NgayTra: '', NgayTuChoi: '' });
    const refused = mapped(mapPortalDossier({ dossier: sampleDossier({ status: { code: 3, vendorCode: '8', vendorLabel: null }, receivedAt: null, appointmentAt: null, returnedAt: null, finishedAt: '2024-03-15T03:00:00Z' }), nationalProcedureCode }));
    expect(refused.dossier).toMatchObject({ TrangThaiHoSo: '3', NgayTiepNhan: '', NgayTuChoi: '20240315100000', NgayKetThucXuLy: '20240315100000' });
  });

  it('says steps were not sent when they were not read from the province yet', () => {
    const { steps, omitted } = mapped(mapPortalDossier({ dossier: sampleDossier({ steps: null }), nationalProcedureCode }));
    expect(steps).toEqual([]);
    expect(omitted).toContainEqual({ path: 'steps', reason: 'not read from the province yet' });
  });

  it.each([
    ['an unmapped status', { status: { code: null, vendorCode: '99', vendorLabel: 'Chờ phê duyệt' } }, '1.001612', 'STATUS_UNMAPPED', 'TrangThaiHoSo'],
    ['an unknown national procedure code', {}, null, 'PROCEDURE_UNMAPPED', 'MaTTHC'],
    ['a dossier code of another shape', { code: 'HS-2024-000123' }, '1.001612', 'DOSSIER_CODE_INVALID', 'MaHoSo'],
    ['a dossier code naming no real day', { code: '000.00.20.H56-240230-0001' }, '1.001612', 'DOSSIER_CODE_INVALID', 'MaHoSo'],
    ['a returned dossier without its return time', { returnedAt: null }, '1.001612', 'VALUE_MISSING', 'NgayTra'],
    ['a processed dossier without its end of processing', { status: { code: 9, vendorCode: '5', vendorLabel: null }, finishedAt: null, returnedAt: null }, '1.001612', 'VALUE_MISSING', 'NgayKetThucXuLy'],
    ['an accepted dossier without its reception time', { status: { code: 2, vendorCode: '1', vendorLabel: null }, receivedAt: null }, '1.001612', 'VALUE_MISSING', 'NgayTiepNhan'],
    ['a refused dossier without its refusal time', { status: { code: 3, vendorCode: '8', vendorLabel: null }, finishedAt: null }, '1.001612', 'VALUE_MISSING', 'NgayTuChoi'],
    ['no sector', { sector: null }, '1.001612', 'VALUE_MISSING', 'MaLinhVuc'],
    ['no processing agency', { agencyCode: null }, '1.001612', 'VALUE_MISSING', 'DonViXuLy'],
    ['a processing agency that is not an agency code', { agencyCode: 'UBND xã Hoằng Đạo' }, '1.001612', 'VALUE_INVALID', 'DonViXuLy'],
    ['an instant that is not one', { appointmentAt: '18/03/2024 25:00' }, '1.001612', 'VALUE_INVALID', 'NgayHenTra'],
  ] as const)('refuses %s with a coded reason instead of throwing', (_case, overrides, code, reason, field) => {
    const result = mapPortalDossier({ dossier: sampleDossier(overrides as never), nationalProcedureCode: code });
    expect(result).toMatchObject({ ok: false, refusal: { reason, field } });
  });

  it('refuses an applicant of unknown kind, which the portal requires', () => {
    const base = sampleDossier();
    expect(mapPortalDossier({ dossier: { ...base, applicant: { ...base.applicant, kind: null } }, nationalProcedureCode })).toMatchObject({
      ok: false,
      refusal: { reason: 'VALUE_MISSING', field: 'LoaiDoiTuong' },
    });
  });
});
