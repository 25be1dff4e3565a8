import { validateDossier } from '../validate-dossier';
import { validateStep } from '../validate-step';
import { validDossier, validStep } from './portal-records';

const KNOWN = new Set(['1.001612', '2.000477']);

describe('the portal’s validation of a dossier (DongBoHoSoMC data item)', () => {
  it('accepts a complete record', () => {
    expect(validateDossier(validDossier(), KNOWN)).toBeNull();
  });

  it('accepts a newly registered dossier without a reception date and a refused one with its refusal date', () => {
    expect(validateDossier(validDossier({ TrangThaiHoSo: '1', NgayTiepNhan: '', NgayHenTra: '', NgayKetThucXuLy: '', NgayTra: '' }), KNOWN)).toBeNull();
    expect(validateDossier(validDossier({ TrangThaiHoSo: '3', NgayTiepNhan: '', NgayTuChoi: '20240315100000', NgayTra: '' }), KNOWN)).toBeNull();
  });

  it('accepts a 9-digit CMND, and an organisation without a personal identifier', () => {
    expect(validateDossier(validDossier({ DinhDanhCHS: [{ LoaiDinhDanh: '2', SoDinhDanh: '172345678' }] }), KNOWN)).toBeNull();
    expect(validateDossier(validDossier({ LoaiDoiTuong: '2', SoGiayToChuHoSo: '2801234567', DinhDanhCHS: [] }), KNOWN)).toBeNull();
  });

  it.each([
    ['a missing procedure code', { MaTTHC: undefined }, 10, 'Thiếu thông tin bắt buộc: MaTTHC'],
    ['a blank sector name', { TenLinhVuc: '   ' }, 10, 'Thiếu thông tin bắt buộc: TenLinhVuc'],
    ['a missing submission date', { NgayNopHoSo: '' }, 10, 'Thiếu thông tin bắt buộc: NgayNopHoSo'],
    ['a dossier in processing without its reception date', { TrangThaiHoSo: '4', NgayTiepNhan: '' }, 10, 'Thiếu thông tin bắt buộc: NgayTiepNhan'],
    ['a returned dossier without its return date', { NgayTra: '' }, 10, 'Thiếu thông tin bắt buộc: NgayTra'],
    ['a processed dossier without its end of processing', { TrangThaiHoSo: '9', NgayKetThucXuLy: '', NgayTra: '' }, 10, 'Thiếu thông tin bắt buộc: NgayKetThucXuLy'],
    ['a refused dossier without its refusal date', { TrangThaiHoSo: '3', NgayTuChoi: '' }, 10, 'Thiếu thông tin bắt buộc: NgayTuChoi'],
    ['a citizen without a personal identifier', { DinhDanhCHS: [] }, 10, 'Thiếu thông tin bắt buộc: DinhDanhCHS'],
    ['a paper without its link', { TaiLieuNop: [{ TenTepDinhKem: 'to-khai.pdf' }] }, 10, 'Thiếu thông tin bắt buộc: TaiLieuNop[0].DuongDanTaiTepTin'],
    ['a fee without its amount', { DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', Gia: '' }] }, 10, 'Thiếu thông tin bắt buộc: DanhSachLePhi[0].Gia'],
    ['a result paper without its name', { DanhSachGiayToKetQua: [{ MaGiayToKetQua: 'KQ.G15.000001' }] }, 10, 'Thiếu thông tin bắt buộc: DanhSachGiayToKetQua[0].TenGiayTo'],
    ['a date written as ISO', { NgayHenTra: '2024-03-18T17:00:00+07:00' }, 11, 'Trường NgayHenTra không đúng định dạng ngày giờ yyyyMMddHHmmss: "2024-03-18T17:00:00+07:00"'],
    ['a date that is no calendar day', { NgayHenTra: '20230229170000' }, 11, 'NgayHenTra'],
    ['a date with hour 24', { NgayTiepNhan: '20240315240000' }, 11, 'NgayTiepNhan'],
    ['a date one digit short', { NgayTra: '2024031815300' }, 11, 'NgayTra'],
    ['a procedure code the national catalogue does not hold', { MaTTHC: '9.999999' }, 12, 'Mã thủ tục hành chính 9.999999 không có trong CSDLQG về TTHC'],
    ['a local variant procedure code', { MaTTHC: '1.001612.000.00.00.H56' }, 12, '1.001612.000.00.00.H56'],
    ['a status above 10', { TrangThaiHoSo: '11' }, 13, 'Trạng thái không hợp lệ ở trường TrangThaiHoSo: "11" (phải từ 1 đến 10)'],
    ['a status of 0', { TrangThaiHoSo: '0' }, 13, '"0"'],
    ['a zero-padded status', { TrangThaiHoSo: '04' }, 13, '"04"'],
    ['a status written in words', { TrangThaiHoSo: 'Đang xử lý' }, 13, 'Đang xử lý'],
    ['a dossier code of another shape', { MaHoSo: 'HS-2024-000123' }, 14, 'Mã hồ sơ không đúng định dạng {mã đơn vị}-{yyMMdd}-{số thứ tự}: "HS-2024-000123"'],
    ['a dossier code naming no real day', { MaHoSo: '000.00.20.H56-240230-0001' }, 14, '240230'],
    ['a status sent as a number', { TrangThaiHoSo: 10 }, 15, 'Giá trị không hợp lệ: giá trị của trường TrangThaiHoSo phải là chuỗi, nhận được 10'],
    ['a null value', { Email: null }, 15, 'trường Email phải là chuỗi'],
    ['an amount sent as a number', { DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', Gia: 8000 }] }, 15, 'DanhSachLePhi[0].Gia phải là chuỗi'],
    ['a list sent as one object', { DinhDanhCHS: { LoaiDinhDanh: '1', SoDinhDanh: '038088240353' } }, 15, 'DinhDanhCHS phải là danh sách'],
    ['an unknown channel', { KenhThucHien: '4' }, 15, 'KenhThucHien phải là 1, 2 hoặc 3'],
    ['an unknown kind of applicant', { LoaiDoiTuong: '5' }, 15, 'LoaiDoiTuong'],
    ['a processing agency given by name', { DonViXuLy: 'UBND xã Hoằng Đạo' }, 15, 'DonViXuLy phải là mã định danh của cơ quan'],
    ['an unknown kind of identifier', { DinhDanhCHS: [{ LoaiDinhDanh: '3', SoDinhDanh: '038088240353' }] }, 15, 'LoaiDinhDanh phải là 1 (CCCD) hoặc 2 (CMND)'],
    ['a CCCD of 11 digits', { DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '03808824035' }] }, 15, 'SoDinhDanh phải có 12 chữ số'],
    ['a CMND of 12 digits', { DinhDanhCHS: [{ LoaiDinhDanh: '2', SoDinhDanh: '038088240353' }] }, 15, 'SoDinhDanh phải có 9 chữ số'],
    ['an amount with thousands separators', { DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', Gia: '8.000' }] }, 15, 'Gia phải là số tiền bằng chữ số'],
    ['an unknown kind of fee', { DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', Gia: '8000', LoaiPhiLePhi: '3' }] }, 15, 'LoaiPhiLePhi phải là 1 (phí) hoặc 2 (lệ phí)'],
  ])('refuses %s', (_case, overrides, code, message) => {
    const record = validDossier(overrides);
    for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete record[key];
    const refusal = validateDossier(record, KNOWN);
    expect(refusal?.code).toBe(code);
    expect(refusal?.message).toContain(message);
  });

  it('refuses a data item that is not an object as malformed data (16)', () => {
    expect(validateDossier('000.00.20.H56-240315-0001', KNOWN)).toEqual({ code: 16, message: 'Dữ liệu đồng bộ không hợp lệ: mỗi phần tử của data phải là một hồ sơ' });
  });
});

describe('the portal’s validation of a step (CapNhatTienDoHoSoMC data item)', () => {
  it('accepts a complete step, and one with only its required values', () => {
    expect(validateStep(validStep(), 0)).toBeNull();
    expect(validateStep({ MaHoSo: '000.00.20.H56-240315-0001', NguoiXuLy: 'Lê Thị Bình', ThoiDiemXuLy: '20240315094510', TrangThai: '2' }, 0)).toBeNull();
  });

  it.each([
    ['a step without its handler', { NguoiXuLy: '' }, 10, 'Thiếu thông tin bắt buộc: data[1].NguoiXuLy'],
    ['a step without its time', { ThoiDiemXuLy: undefined }, 10, 'data[1].ThoiDiemXuLy'],
    ['a step without a status', { TrangThai: ' ' }, 10, 'data[1].TrangThai'],
    ['a step whose status is a vendor word', { TrangThai: 'Đang xử lý' }, 13, 'Trạng thái không hợp lệ ở trường data[1].TrangThai'],
    ['a step whose deadline is not yyyyMMddHHmmss', { NgayKetThucTheoQuyDinh: '15/03/2024 17:00' }, 11, 'Trường data[1].NgayKetThucTheoQuyDinh không đúng định dạng'],
    ['a step of a malformed dossier code', { MaHoSo: '000.00.20.H56-240315-1' }, 14, 'Mã hồ sơ không đúng định dạng'],
    ['a step whose status is a number', { TrangThai: 2 }, 15, 'trường data[1].TrangThai phải là chuỗi'],
  ])('refuses %s', (_case, overrides, code, message) => {
    const step = validStep(overrides);
    for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete step[key];
    const refusal = validateStep(step, 1);
    expect(refusal?.code).toBe(code);
    expect(refusal?.message).toContain(message);
  });
});
