import { toGsmText } from '../../../connectors/sms-brandname';
import { formatVietnamDate } from '../format-vietnam-date';
import { shortenApplicantName } from '../shorten-applicant-name';
import { smsText, STATUS_TEMPLATES, znsTemplateData, type MessageFacts } from '../templates';

const facts: MessageFacts = { dossierCode: '000.00.06.H41-240315-0001', applicantName: 'N.V. An', appointmentDate: '20/03/2024', agencyName: 'UBND xã Thanh Thái' };
const head = 'UBND xã Thanh Thái: Hồ sơ 000.00.06.H41-240315-0001 của N.V. An';

describe('status message templates', () => {
  it.each([
    [1, `${head} đã được đăng ký, đang chờ tiếp nhận.`],
    [2, `${head} đã được tiếp nhận. Hẹn trả kết quả ngày 20/03/2024.`],
    [3, `${head} không được tiếp nhận. Vui lòng liên hệ bộ phận một cửa.`],
    [4, `${head} đang được xử lý. Hẹn trả kết quả ngày 20/03/2024.`],
    [5, `${head} cần bổ sung giấy tờ. Vui lòng liên hệ bộ phận một cửa.`],
    [6, `${head} cần thực hiện nghĩa vụ tài chính (nộp phí, lệ phí).`],
    [7, `${head} đã được rút theo yêu cầu của ông/bà.`],
    [8, `${head} đã dừng xử lý. Vui lòng liên hệ bộ phận một cửa.`],
    [9, `${head} đã có kết quả. Mời ông/bà đến nhận kết quả.`],
    [10, `${head} đã được trả kết quả. Cảm ơn ông/bà.`],
  ])('writes the SMS of status %i', (status, expected) => {
    const text = smsText(STATUS_TEMPLATES[status]!, facts);
    expect(text).toBe(expected);
    expect(toGsmText(text).length).toBeLessThanOrEqual(160);
  });

  it('sends the SMS without diacritics as the carrier receives it', () => {
    expect(toGsmText(smsText(STATUS_TEMPLATES[2]!, facts))).toBe('UBND xa Thanh Thai: Ho so 000.00.06.H41-240315-0001 cua N.V. An da duoc tiep nhan. Hen tra ket qua ngay 20/03/2024.');
  });

  it('leaves the appointment out when the dossier has none', () => {
    expect(smsText(STATUS_TEMPLATES[4]!, { ...facts, appointmentDate: null })).toBe(`${head} đang được xử lý.`);
    expect(znsTemplateData(STATUS_TEMPLATES[4]!, { ...facts, appointmentDate: null }).appointment_date).toBe('Chưa xác định');
  });

  it('shortens the agency first, then the name, so code, status and date arrive whole in 160 characters', () => {
    const long: MessageFacts = {
      dossierCode: '000.00.20.H56-240315-0001',
      applicantName: shortenApplicantName('Công ty TNHH Thương mại & Dịch vụ Hoàng Long', 'BUSINESS'),
      appointmentDate: null,
      agencyName: 'Văn phòng Đăng ký đất đai chi nhánh thành phố Thanh Hóa',
    };
    const text = smsText(STATUS_TEMPLATES[6]!, long);
    expect(text).toBe('Văn phòng Đăng ký đất đai chi nhánh…: Hồ sơ 000.00.20.H56-240315-0001 của Công ty TNHH Thương mại & Dịc… cần thực hiện nghĩa vụ tài chính (nộp phí, lệ phí).');
    expect(toGsmText(text)).toHaveLength(160);
  });

  it('fills the ZNS template of a status within the declared limits', () => {
    expect(znsTemplateData(STATUS_TEMPLATES[2]!, facts)).toEqual({ customer_name: 'N.V. An', dossier_code: '000.00.06.H41-240315-0001', status: 'Được tiếp nhận', agency_name: 'UBND xã Thanh Thái', appointment_date: '20/03/2024' });
    expect(znsTemplateData(STATUS_TEMPLATES[6]!, { ...facts, agencyName: 'Văn phòng Đăng ký đất đai chi nhánh thành phố Thanh Hóa' })).toEqual({
      customer_name: 'N.V. An',
      dossier_code: '000.00.06.H41-240315-0001',
      status: 'Yêu cầu nghĩa vụ tài chính',
      agency_name: 'Văn phòng Đăng ký đất đai chi nhánh thành phố Tha…',
    });
  });

  it('says "Bộ phận một cửa" when the record names no agency', () => {
    expect(smsText(STATUS_TEMPLATES[10]!, { ...facts, agencyName: null })).toBe('Bộ phận một cửa: Hồ sơ 000.00.06.H41-240315-0001 của N.V. An đã được trả kết quả. Cảm ơn ông/bà.');
  });

  it('keeps every ZNS status within 30 characters', () => {
    for (const template of Object.values(STATUS_TEMPLATES)) expect([...template.znsStatus].length).toBeLessThanOrEqual(30);
  });
});

describe('shortenApplicantName', () => {
  it.each([
    ['Nguyễn Văn An', 'CITIZEN', 'N.V. An'],
    ['đặng thị mỹ linh', null, 'Đ.T.M. linh'],
    ['Nguyễn  Văn An'.normalize('NFD'), 'CITIZEN', 'N.V. An'],
    ['Lê', 'CITIZEN', 'Lê'],
    ['Hộ kinh doanh Nguyễn Văn Ba', null, 'Hộ kinh doanh Nguyễn Văn Ba'],
    ['Công ty Cổ phần Vật liệu xây dựng Trường Sơn', 'BUSINESS', 'Công ty Cổ phần Vật liệu xây…'],
    [null, 'CITIZEN', 'Ông/Bà'],
    ['   ', null, 'Ông/Bà'],
  ] as const)('writes %j (%s) as %j', (name, kind, expected) => {
    expect(shortenApplicantName(name, kind)).toBe(expected);
  });
});

describe('formatVietnamDate', () => {
  it('writes the day an instant falls on in Vietnam, whatever offset it was written with', () => {
    expect(formatVietnamDate('2024-03-19T17:00:00.000Z')).toBe('20/03/2024');
    expect(formatVietnamDate('2024-03-19T16:59:59Z')).toBe('19/03/2024');
    expect(formatVietnamDate('2024-12-31T23:30:00+07:00')).toBe('31/12/2024');
    expect(formatVietnamDate(null)).toBeNull();
    expect(formatVietnamDate('không rõ')).toBeNull();
  });
});
