/**
 * Records under the portal's keys, written by hand (not by the gateway's mapper), that the
 * simulator must accept: a returned birth registration and its processing steps.
 */
export function validDossier(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
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
    Email: '',
    SoDienThoai: '0912345678',
    TrichYeuHoSo: 'Đăng ký khai sinh cho con thứ hai',
    NgayNopHoSo: '20240315080000',
    NgayTiepNhan: '20240315094510',
    NgayHenTra: '20240318170000',
    TrangThaiHoSo: '10',
    NgayKetThucXuLy: '20240318101500',
    NgayTra: '20240318153000',
    NgayTuChoi: '',
    DonViXuLy: '000.00.20.H56',
    TaiLieuNop: [{ TenTepDinhKem: 'to-khai.pdf', IsDeleted: 'False', MaThanhPhanHoSo: 'TP01', DuongDanTaiTepTin: 'https://dichvucong.thanhhoa.gov.vn/files/to-khai.pdf' }],
    DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí đăng ký khai sinh', MaPhiLePhi: 'LP01', Gia: '8000', LoaiPhiLePhi: '2' }],
    DanhSachGiayToKetQua: [{ TenGiayTo: 'Giấy khai sinh', MaGiayToKetQua: 'KQ.G15.000001', DuongDanTepTinKetQua: '' }],
    ...overrides,
  };
}

export function validStep(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MaHoSo: '000.00.20.H56-240315-0001',
    NguoiXuLy: 'Lê Thị Bình',
    ChucDanh: 'Công chức tư pháp - hộ tịch',
    ThoiDiemXuLy: '20240315094510',
    PhongBanXuLy: 'Bộ phận một cửa',
    NoiDungXuLy: 'Tiếp nhận hồ sơ',
    TrangThai: '2',
    NgayBatDau: '20240315083000',
    NgayKetThucTheoQuyDinh: '20240315170000',
    ...overrides,
  };
}
