import type { DossierRecord } from '../../../src/domain';

/**
 * A dossier of the unified model as a province's connector gives it: a birth registration
 * in Thanh Hóa, returned, with instants written in several offsets (as sources write
 * them), a local variant procedure code, a fee the portal cannot take, a paper without a
 * link and steps of every kind. `overrides` replace top-level fields.
 */
export function sampleDossier(overrides: Partial<DossierRecord> = {}): DossierRecord {
  return {
    code: '000.00.20.H56-240315-0001',
    source: 'province-h56',
    procedureCode: '1.001612.000.00.00.H56',
    procedureName: 'Đăng ký khai sinh',
    sector: { code: 'G15-TP07', name: 'Hộ tịch' },
    applicant: {
      name: 'Nguyễn Văn An',
      kind: 'CITIZEN',
      idNumber: '038088240353',
      idKind: 'CCCD',
      phone: '0912345678',
      email: 'an.nv@example.vn',
      address: 'Thôn Đông Hòa, xã Hoằng Đạo, huyện Hoằng Hóa, tỉnh Thanh Hóa',
    },
    agencyCode: '000.00.20.H56',
    agencyName: 'UBND xã Hoằng Đạo',
    channel: 'ONLINE',
    status: { code: 10, vendorCode: '6', vendorLabel: 'Đã trả kết quả' },
    receiptNumber: '000.00.20.H56-240315-0001',
    summary: 'Đăng ký khai sinh cho con thứ hai',
    // 18:05 UTC on the 14th is 01:05 on the 15th in Vietnam.
    submittedAt: '2024-03-14T18:05:00Z',
    receivedAt: '2024-03-15T02:45:10.000+0000',
    appointmentAt: '2024-03-18T05:00:00-05:00',
    finishedAt: '2024-03-18T10:15:00+07:00',
    returnedAt: '2024-03-18T16:20:00Z',
    updatedAt: '2024-03-18T16:20:00Z',
    steps: [
      {
        handler: 'Nguyễn Văn An',
        position: 'Người nộp hồ sơ',
        department: 'Cổng Dịch vụ công',
        content: 'Nộp hồ sơ trực tuyến',
        status: '1',
        startedAt: '2024-03-14T18:05:00Z',
        finishedAt: '2024-03-14T18:05:00Z',
        dueAt: null,
      },
      {
        handler: 'Lê Thị Bình',
        position: 'Công chức tư pháp - hộ tịch',
        department: 'Bộ phận một cửa',
        content: 'Tiếp nhận hồ sơ',
        status: '2',
        startedAt: '2024-03-15T08:30:00+07:00',
        finishedAt: '2024-03-15T09:45:10+07:00',
        dueAt: '2024-03-15T17:00:00+07:00',
      },
      {
        handler: 'Trần Văn Cường',
        position: 'Chủ tịch UBND xã',
        department: null,
        content: 'Ký giấy khai sinh',
        status: 'Đang xử lý',
        startedAt: '2024-03-15T09:45:10+07:00',
        finishedAt: '2024-03-18T10:15:00+07:00',
        dueAt: null,
      },
      {
        handler: 'Lê Thị Bình',
        position: null,
        department: 'Bộ phận một cửa',
        content: 'Trả kết quả',
        status: '10',
        startedAt: '2024-03-18T10:15:00+07:00',
        finishedAt: null,
        dueAt: '2024-03-18T17:00:00+07:00',
      },
      { handler: null, position: null, department: null, content: 'Lưu hồ sơ', status: '10', startedAt: '2024-03-18T16:20:00Z', finishedAt: null, dueAt: null },
    ],
    fees: [
      { code: 'LP01', name: 'Lệ phí đăng ký khai sinh', amount: 8000, kind: 'Lệ phí' },
      { code: null, name: 'Phí cấp bản sao trích lục', amount: 3000, kind: '1' },
      { code: 'LP02', name: 'Lệ phí chưa định giá', amount: null, kind: null },
    ],
    submittedPapers: [
      { code: 'TP01', name: 'Tờ khai đăng ký khai sinh', fileName: 'to-khai-dang-ky-khai-sinh.pdf', url: 'https://dichvucong.thanhhoa.gov.vn/files/2024/03/to-khai.pdf' },
      { code: 'TP02', name: 'Giấy chứng sinh', fileName: null, url: null },
    ],
    resultPapers: [{ code: 'KQ.G15.000001', name: 'Giấy khai sinh (bản chính)', fileName: 'giay-khai-sinh.pdf', url: 'https://dichvucong.thanhhoa.gov.vn/files/2024/03/ket-qua.pdf' }],
    ...overrides,
  };
}
