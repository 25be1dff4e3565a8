import { maskFreeText } from '../mask-free-text';

const tam = { names: ['Nguyễn Minh Tâm'] };

describe('maskFreeText: the applicant\'s name however it was typed', () => {
  it.each([
    ['as registered', 'Đăng ký khai sinh - Nguyễn Minh Tâm', 'Đăng ký khai sinh - N*** M*** T***'],
    ['in upper case', 'ĐĂNG KÝ KHAI SINH - NGUYỄN MINH TÂM', 'ĐĂNG KÝ KHAI SINH - N*** M*** T***'],
    ['without diacritics', 'Dang ky khai sinh - nguyen minh tam', 'Dang ky khai sinh - n*** m*** t***'],
    ['with doubled spaces, a tab and a no-break space', 'Nộp thay cho Nguyễn  Minh\u00a0\tTâm.', 'Nộp thay cho N*** M*** T***.'],
    ['glued in a file name', 'CCCD_Nguyen_Minh_Tam.pdf', 'CCCD_N*** M*** T***.pdf'],
    ['without separators', 'scan-nguyenminhtam.jpg', 'scan-n***.jpg'],
    ['in full-width letters', 'Ｎｇｕｙｅｎ Ｍｉｎｈ Ｔａｍ', 'Ｎ*** Ｍ*** Ｔ***'],
  ])('masks it %s', (_how, text, expected) => {
    expect(maskFreeText(text, tam)).toBe(expected);
  });

  it('masks it in decomposed (NFD) text, leaving the rest of the text as it came', () => {
    const text = 'Đăng ký khai sinh - Nguyễn Minh Tâm'.normalize('NFD');
    expect(maskFreeText(text, tam)).toBe(`${'Đăng ký khai sinh - '.normalize('NFD')}N*** M*** T***`);
  });

  it('matches a name written in NFD against text in NFC, and đ against d', () => {
    expect(maskFreeText('Hồ sơ của ĐỖ ĐỨC ANH', { names: ['Đỗ Đức Anh'.normalize('NFD')] })).toBe('Hồ sơ của Đ*** Đ*** A***');
    expect(maskFreeText('ho so cua do duc anh', { names: ['Đỗ Đức Anh'] })).toBe('ho so cua d*** d*** a***');
  });

  it('leaves a longer name that only begins like the applicant\'s', () => {
    expect(maskFreeText('Ủy quyền cho Lê Anh', { names: ['Lê An'] })).toBe('Ủy quyền cho Lê Anh');
    expect(maskFreeText('Ủy quyền cho Lê An.', { names: ['Lê An'] })).toBe('Ủy quyền cho L*** A***.');
  });

  it('masks two or more of its words in their order, and the given name after a form of address', () => {
    const oanh = { names: ['Ngô Thu Ngọc Oanh'] };
    expect(maskFreeText('Gửi anh Ngọc Oanh', oanh)).toBe('Gửi anh N*** O***');
    expect(maskFreeText('Đã báo ông Oanh, chị OANH và cháu oanh', oanh)).toBe('Đã báo ông O***, chị O*** và cháu o***');
    expect(maskFreeText('Hồ sơ Thu Ngọc Oanh Ngô', oanh)).toBe('Hồ sơ T*** N*** O*** Ngô');
    // A word alone, without a form of address, is no one's name: Oanh may be a place, Thu a season.
    expect(maskFreeText('Mùa thu ở Oanh', oanh)).toBe('Mùa thu ở Oanh');
  });

  it('masks every occurrence, and ignores a blank or one-letter name', () => {
    expect(maskFreeText('Nguyễn Minh Tâm và NGUYEN MINH TAM', tam)).toBe('N*** M*** T*** và N*** M*** T***');
    expect(maskFreeText('A B C', { names: [' ', 'A'] })).toBe('A B C');
  });
});

describe('maskFreeText: ID and phone numbers however they were grouped', () => {
  it.each([
    ['a CCCD', 'CCCD 001089001234 cấp ngày', 'CCCD 00********34 cấp ngày'],
    ['a CCCD in groups of four', 'CCCD 0010 8900 1234 cấp ngày', 'CCCD 00********34 cấp ngày'],
    ['a CCCD with dots', 'số 001.089.001.234', 'số 00********34'],
    ['a CCCD with dashes', 'số 001-089-001-234', 'số 00********34'],
    ['a 9-digit CMND', 'CMND: 172 345 678', 'CMND: 17*****78'],
    ['a mobile number with spaces', 'SĐT 0912 345 678.', 'SĐT 09******78.'],
    ['a mobile number with dots', 'gọi 0912.345.678 giờ hành chính', 'gọi 09******78 giờ hành chính'],
    ['a mobile number glued to a word', 'ĐT0912345678', 'ĐT09******78'],
    ['a +84 number', 'liên hệ +84 912 345 678', 'liên hệ 84*******78'],
    ['a (+84) number with dashes', 'liên hệ (+84) 912-345-678', 'liên hệ 84*******78'],
    ['full-width digits', 'SĐT ０９１２３４５６７８', 'SĐT 09******78'],
    ['a CCCD with three spaces between groups', 'CCCD 0381   4871   1649', 'CCCD 03********49'],
    ['a CCCD with slashes', 'số 038/148/711/649', 'số 03********49'],
    ['a CCCD with commas', 'số 038,148,711,649', 'số 03********49'],
    ['a CCCD with underscores', 'CCCD_0381_4871_1649.pdf', 'CCCD_03********49.pdf'],
    ['a number with its area code in brackets', 'gọi (093) 396 6837', 'gọi (09******37'],
  ])('masks %s', (_what, text, expected) => {
    expect(maskFreeText(text, null)).toBe(expected);
  });

  it.each([
    ['a dossier code', 'Chuyển hồ sơ 000.00.41.H56-240315-0001 về phòng'],
    ['a local procedure code', 'Thủ tục 1.001612.000.00.00.H56'],
    ['dates and a plot number', 'Ngày 15.03.2024, thửa đất số 123, tờ bản đồ số 45, diện tích 120,5 m²'],
    ['an amount under 9 digits', 'Lệ phí 1.500.000 đồng'],
    ['a date range', 'Nghỉ từ 15/03/2024 - 20/03/2024 và 01.04.2024–05.04.2024'],
  ])('leaves %s alone', (_what, text) => {
    expect(maskFreeText(text, null)).toBe(text);
  });
});

describe('maskFreeText: email addresses', () => {
  it('keeps the first character and the domain', () => {
    expect(maskFreeText('Gửi kết quả qua nguyenminhtam88@gmail.com nhé', tam)).toBe('Gửi kết quả qua n***@gmail.com nhé');
    expect(maskFreeText('Email: Tam.Nguyen@Thanhhoa.gov.vn', null)).toBe('Email: T***@Thanhhoa.gov.vn');
  });

  it('masks one spelled out to dodge filters', () => {
    expect(maskFreeText('liên hệ oanhnt839 [at] gmail [dot] com nhé', null)).toBe('liên hệ o*** nhé');
    expect(maskFreeText('mail: oanh(at)yahoo.com.vn', null)).toBe('mail: o***');
  });
});

describe('maskFreeText: text with nothing personal', () => {
  it('gives the same string back', () => {
    const text = 'Thẩm định hồ sơ, đề xuất giải quyết';
    expect(maskFreeText(text, tam)).toBe(text);
  });
});
