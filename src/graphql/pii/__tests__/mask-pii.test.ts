import { isCitizenRole } from '../is-citizen-role';
import { maskPii } from '../mask-pii';

describe('maskPii', () => {
  it('masks an ID number to its first four and last two digits, however it was grouped', () => {
    expect(maskPii('ID_NUMBER', '001089001234')).toBe('0010******34');
    expect(maskPii('ID_NUMBER', '0010 8900 1234')).toBe('0010******34');
    expect(maskPii('ID_NUMBER', '001.089.001.234')).toBe('0010******34');
    expect(maskPii('ID_NUMBER', '172345678')).toBe('1723***78');
    expect(maskPii('ID_NUMBER', '12345')).toBe('*****');
  });

  it('masks a phone number to its first three and last two characters, however it was grouped', () => {
    expect(maskPii('PHONE', '0912345678')).toBe('091*****78');
    expect(maskPii('PHONE', '0912-345-678')).toBe('091*****78');
    expect(maskPii('PHONE', '(+84) 912 345 678')).toBe('+84*******78');
  });

  it('masks a name to initials whatever its Unicode form, keeping their diacritics', () => {
    expect(maskPii('NAME', 'Nguyễn  Minh Tâm')).toBe('N*** M*** T***');
    expect(maskPii('NAME', 'Đỗ Ánh'.normalize('NFD'))).toBe('Đ*** Á***');
  });

  it('masks an email to its first character and domain, an address to its last two parts, and withholds a file link', () => {
    expect(maskPii('EMAIL', ' lan.tran@yahoo.com.vn ')).toBe('l***@yahoo.com.vn');
    expect(maskPii('EMAIL', 'not-an-email')).toBe('***');
    expect(maskPii('ADDRESS', 'Số 12 Lê Lợi, phường Lam Sơn, thành phố Thanh Hóa, tỉnh Thanh Hóa')).toBe('***, thành phố Thanh Hóa, tỉnh Thanh Hóa');
    expect(maskPii('ADDRESS', 'tỉnh Thanh Hóa')).toBe('***');
    expect(maskPii('FILE_LINK', 'https://motcua.thanhhoa.gov.vn/files/cccd.jpg')).toBeNull();
  });
});

describe('isCitizenRole', () => {
  it('recognises the roles one-stop systems give a citizen, however they are typed', () => {
    for (const role of ['Người nộp hồ sơ', 'NGƯỜI NỘP HỒ SƠ', 'nguoi nop ho so', 'Chủ hồ sơ', 'Công dân', 'Tổ chức, cá nhân', 'Tổ chức/Cá nhân', 'Người được ủy quyền', 'Người  đại diện'.normalize('NFD'), 'Người được ủy quyền nộp hồ sơ', 'Công dân nộp trực tuyến', 'Người nộp hồ sơ (qua bưu chính)']) {
      expect({ role, citizen: isCitizenRole(role) }).toEqual({ role, citizen: true });
    }
  });

  it('does not take an officer\'s position for a citizen\'s', () => {
    for (const role of ['Chuyên viên', 'Phó Chủ tịch UBND', 'Cán bộ một cửa', 'Trưởng phòng Tư pháp', 'Cán bộ tiếp nhận hồ sơ của công dân', 'Người phụ trách', '', null]) {
      expect({ role, citizen: isCitizenRole(role) }).toEqual({ role, citizen: false });
    }
  });
});
