import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mapProcedure } from '../map-procedure';
import { mapAgency, mapProcedureSummary, mapSector } from '../map-directory';

const fixture = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/lay-thu-tuc-khai-sinh.json'), 'utf8')) as { result: unknown[] };
const record = mapProcedure(fixture.result[0])!;

describe('mapProcedure', () => {
  it('reads the code and trims the name', () => {
    expect(record.code).toBe('1.001612');
    expect(record.name).toBe('Đăng ký khai sinh');
    expect(record.typeCode).toBe(1);
    expect(record.published).toBe(true);
    expect(record.decision).toEqual({ id: '6789', text: '1872/QĐ-BTP ngày 04/09/2020' });
  });

  it('turns empty strings into null', () => {
    expect(record.requirements).toBeNull();
    expect(record.description).toBeNull();
    expect(record.competentAgencyDescription).toBeNull();
    expect(record.steps[0]!.case).toBeNull();
  });

  it('keeps known levels and drops a level code outside the national table', () => {
    expect(record.levels).toEqual(['COMMUNE']);
  });

  it('reads numbers that arrive as strings, with an empty time limit as null', () => {
    const [inPerson, online, unknown] = record.channels;
    expect(inPerson).toMatchObject({ channel: 'IN_PERSON', channelCode: 1 });
    expect(inPerson!.timeLimits[0]).toMatchObject({ duration: 0.5, unit: 'Ngày làm việc' });
    expect(inPerson!.timeLimits[0]!.fees[0]).toMatchObject({ code: 'LP01', amount: 0, currency: 'Đồng' });
    expect(online!.timeLimits[0]!.duration).toBeNull();
    expect(online!.timeLimits[0]!.fees[0]!.amount).toBe(8000);
    expect(unknown).toEqual({ channel: null, channelCode: 7, timeLimits: [] });
  });

  it('drops empty steps but keeps their order', () => {
    expect(record.steps[0]!.steps).toEqual(['Bước 1: Nộp hồ sơ tại Bộ phận Một cửa', 'Bước 2: Công chức tư pháp - hộ tịch kiểm tra hồ sơ']);
  });

  it('reads required papers per case with counts as numbers', () => {
    expect(record.requiredPapers).toHaveLength(1);
    expect(record.requiredPapers[0]!.case).toBe('Trường hợp đăng ký khai sinh đúng hạn');
    expect(record.requiredPapers[0]!.papers[0]).toEqual({
      code: 'GT01',
      name: 'Tờ khai đăng ký khai sinh',
      formName: 'Mẫu TK khai sinh.docx',
      formUrl: 'https://csdl.dichvucong.gov.vn/web/jsp/download_file.jsp?ma=3fc',
      originals: 1,
      copies: 0,
      replacedByResultCode: null,
    });
    expect(record.requiredPapers[0]!.papers[1]).toMatchObject({ copies: null, replacedByResultCode: 'KQ-CS' });
  });

  it('accepts a lone object where a list was promised', () => {
    expect(record.results).toEqual([{ code: 'KQ01', name: 'Giấy khai sinh', fileName: null, url: null }]);
  });

  it('reads legal basis dates in both formats and rejects impossible dates', () => {
    expect(record.legalBasis[0]).toMatchObject({ number: '60/2014/QH13', issuedOn: '2014-11-20', effectiveOn: '2016-01-01', issuer: 'Quốc hội' });
    expect(record.legalBasis[1]).toMatchObject({ number: '123/2015/NĐ-CP', issuedOn: null, effectiveOn: null });
  });

  it('treats missing, null and empty-string lists as empty, drops references without a code and duplicates', () => {
    expect(record.implementingAgencies).toEqual([{ code: '000.00.00.H41', name: 'UBND tỉnh Nghệ An' }]);
    expect(record.competentAgencies).toEqual([]);
    expect(record.authorizedAgencies).toEqual([]);
    expect(record.coordinatingAgencies).toEqual([]);
    expect(record.relatedProcedures).toEqual([{ code: '2.000477', name: 'Cấp bản sao Trích lục hộ tịch' }]);
    expect(record.interconnectedProcedures).toEqual([]);
  });

  it('returns null for a record without a procedure code, and for things that are not records', () => {
    expect(mapProcedure({ MATTHC: '  ', TENTTHC: 'x' })).toBeNull();
    expect(mapProcedure(null)).toBeNull();
    expect(mapProcedure('1.001612')).toBeNull();
    expect(mapProcedure([{ MATTHC: '1.001612' }])).toBeNull();
  });

  it('falls back to the code when the name is empty', () => {
    expect(mapProcedure({ MATTHC: '1.000001', TENTTHC: '' })!.name).toBe('1.000001');
  });
});

describe('directory mappers', () => {
  it('maps an agency with its level, taking the level from the code when CAPDONVI is missing', () => {
    expect(mapAgency({ MADONVI: '000.00.53.H48', TENDONVI: 'UBND huyện Sơn Tịnh', CAPDONVI: '2' })).toEqual({ code: '000.00.53.H48', name: 'UBND huyện Sơn Tịnh', level: 'DISTRICT' });
    expect(mapAgency({ MADONVI: '000.00.00.G22', TENDONVI: 'Văn phòng Chính phủ', CAPDONVI: '' })!.level).toBe('CENTRAL');
    expect(mapAgency({ MADONVI: '', TENDONVI: 'x' })).toBeNull();
  });

  it('maps sectors and procedure summaries', () => {
    expect(mapSector({ MALINHVUC: 'G12-HT01', TENLINHVUC: ' Hộ tịch ' })).toEqual({ code: 'G12-HT01', name: 'Hộ tịch' });
    expect(mapSector({ TENLINHVUC: 'x' })).toBeNull();
    expect(mapProcedureSummary({ MATTHC: '1.001612', TENTTHC: 'Đăng ký khai sinh' })).toEqual({ code: '1.001612', name: 'Đăng ký khai sinh' });
  });
});
