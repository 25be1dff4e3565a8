import type { DossierRecord } from '../../domain';

/** A dossier record as the store holds it, for the notification tests. */
export function dossierRecord(overrides: Partial<DossierRecord> = {}, applicant: Partial<DossierRecord['applicant']> = {}): DossierRecord {
  return {
    code: '000.00.06.H41-240315-0001',
    source: 'province-h41',
    procedureCode: '1.001612',
    procedureName: 'Đăng ký khai sinh',
    sector: { code: 'HT', name: 'Hộ tịch' },
    applicant: { name: 'Nguyễn Văn An', kind: 'CITIZEN', idNumber: '040090001234', idKind: 'CCCD', phone: '0912 345 678', email: 'an.nv@example.vn', address: 'Xóm 3, xã Thanh Thái, huyện Thanh Chương, tỉnh Nghệ An', ...applicant },
    agencyCode: '000.06.00.H41',
    agencyName: 'UBND xã Thanh Thái',
    channel: 'ONLINE',
    status: { code: 2, vendorCode: '2', vendorLabel: null },
    receiptNumber: null,
    summary: null,
    submittedAt: '2024-03-15T08:30:00+07:00',
    receivedAt: '2024-03-15T09:00:00+07:00',
    // 17:00 UTC on the 19th is already the 20th in Vietnam.
    appointmentAt: '2024-03-19T17:00:00.000Z',
    finishedAt: null,
    returnedAt: null,
    updatedAt: '2024-03-15T09:00:00+07:00',
    steps: [],
    fees: [],
    submittedPapers: [],
    resultPapers: [],
    ...overrides,
  };
}
