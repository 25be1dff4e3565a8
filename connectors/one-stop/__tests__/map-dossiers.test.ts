import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mapIgateDossier, vietnameseName } from '../map-igate-dossier';
import { mapPortalDossier } from '../map-portal-dossier';
import { createStatusMapper } from '../map-status';

const fixture = (name: string): Record<string, unknown[]> => JSON.parse(readFileSync(path.join(__dirname, '../fixtures', name), 'utf8'));
const IGATE_TABLE = { '0': 1, '1': 2, '2': 4, '3': 5, '4': 8, '5': 9, '6': 10, '7': 7, '8': 3, '9': 6 };
const NATIONAL_TABLE = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [String(i + 1), i + 1]));

describe('mapIgateDossier (recorded iGate search page)', () => {
  const page = fixture('igate-search-page.json');
  const mapStatus = createStatusMapper(IGATE_TABLE);
  const [first, , awaiting] = page.content!.map((raw) => mapIgateDossier(raw, 'province-h56', mapStatus)!);

  it('reads nested objects, ISO dates with +0700 and the vendor channel numbering', () => {
    expect(first).toMatchObject({
      code: '000.00.02.H56-231206-0001',
      source: 'province-h56',
      receivedAt: '2023-12-06T16:02:20+07:00',
      appointmentAt: '2023-12-20T16:02:20+07:00',
      finishedAt: '2023-12-12T13:23:54+07:00',
      channel: 'IN_PERSON',
      agencyCode: '000.00.02.H56',
      status: { code: 10, vendorCode: '6' },
    });
    expect(first!.applicant).toMatchObject({ name: 'Lương Văn Chiến', idNumber: '002085785926', idKind: 'CCCD', kind: 'CITIZEN' });
    expect(first!.applicant.address).toMatch(/^Xóm 4, .+, Huyện Thường Xuân, Tỉnh Thanh Hóa$/);
  });

  it('reads tasks as steps and fees with their amounts', () => {
    expect(first!.steps).toHaveLength(4);
    expect(first!.steps![0]).toMatchObject({ handler: expect.any(String), startedAt: expect.stringMatching(/\+07:00$/) });
    expect(first!.fees[0]).toEqual({ code: '1.002138.LP01', name: 'Lệ phí tặng danh hiệu Tập thể lao động xuất sắc theo công trạng', amount: 10000, kind: 'Lệ phí' });
  });

  it('reports a vendor status the table does not map instead of guessing, and counts it', () => {
    expect(awaiting!.status).toEqual({ code: null, vendorCode: '10', vendorLabel: 'Chờ phê duyệt gia hạn' });
    expect(mapStatus.unmapped).toEqual({ '10': 1 });
  });

  it('picks the Vietnamese name whatever the order of languages', () => {
    expect(vietnameseName([{ languageId: 46, name: 'Civil status' }, { languageId: 228, name: 'Hộ tịch' }])).toBe('Hộ tịch');
    expect(vietnameseName([{ languageId: 46, name: 'Only English' }])).toBe('Only English');
    expect(vietnameseName('Hộ tịch')).toBe('Hộ tịch');
    expect(vietnameseName(undefined)).toBeNull();
  });

  it('returns null for a record without a code', () => {
    expect(mapIgateDossier({ id: 'x' }, 's', mapStatus)).toBeNull();
  });
});

describe('mapPortalDossier (recorded motcua listing)', () => {
  const page = fixture('motcua-list-page.json');
  const mapStatus = createStatusMapper(NATIONAL_TABLE);
  const first = mapPortalDossier(page.DanhSach![0], 'province-h41', mapStatus)!;

  it('reads every value from strings and yyyyMMddHHmmss dates in Vietnam time', () => {
    expect(first).toMatchObject({
      code: '000.02.53.H41-231102-0001',
      procedureCode: '1.003729',
      receivedAt: '2023-11-02T10:35:50+07:00',
      appointmentAt: '2023-11-23T10:35:50+07:00',
      returnedAt: '2023-12-06T08:18:26+07:00',
      status: { code: 10, vendorCode: '10' },
      channel: 'ONLINE',
      agencyCode: '000.02.53.H41',
    });
    expect(first.applicant).toMatchObject({ name: 'Trần Mai Oanh', idNumber: '040182017561', idKind: 'CCCD' });
    expect(first.steps).toHaveLength(4);
  });

  it('turns empty strings into null and a missing list into an empty one', () => {
    const sparse = mapPortalDossier({ MaHoSo: '000.00.41.H41-240101-0001', NgayTra: '', TrangThaiHoSo: '4', Email: '', DanhSachLePhi: '' }, 's', mapStatus)!;
    expect(sparse).toMatchObject({ returnedAt: null, applicant: { email: null }, fees: [], steps: null, status: { code: 4 } });
  });

  it('reads older systems\' dd/MM/yyyy HH:mm:ss dates as the same instants', () => {
    const old = mapPortalDossier({ MaHoSo: '000.00.41.H41-240101-0001', NgayTiepNhan: '02/11/2023 10:35:50', TrangThaiHoSo: '2' }, 's', mapStatus)!;
    expect(old.receivedAt).toBe('2023-11-02T10:35:50+07:00');
  });
});
