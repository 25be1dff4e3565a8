import { toGsmText } from '../to-sms-text';

describe('toGsmText', () => {
  it('writes Vietnamese without diacritics, đ as d', () => {
    expect(toGsmText('Hồ sơ của Đặng Thị Mỹ đã được tiếp nhận')).toBe('Ho so cua Dang Thi My da duoc tiep nhan');
    expect(toGsmText('Ủy ban nhân dân xã Quỳnh Lưu'.normalize('NFD'))).toBe('Uy ban nhan dan xa Quynh Luu');
  });

  it('writes typographic punctuation in ASCII and anything else outside the GSM table as ?', () => {
    expect(toGsmText('“Hẹn trả” – 20/03/2024…')).toBe('"Hen tra" - 20/03/2024...');
    expect(toGsmText('Hồ sơ 📄 ~ ^')).toBe('Ho so ? ? ?');
  });
});
