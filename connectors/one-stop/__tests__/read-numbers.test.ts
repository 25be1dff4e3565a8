import { readIdentityNumber } from '../read-identity-number';
import { readPhoneNumber } from '../read-phone-number';

describe('readIdentityNumber', () => {
  it('gives a CCCD or CMND sent as a JSON number its leading zeros back', () => {
    expect(readIdentityNumber(40182017561)).toBe('040182017561'); // 11 digits: one zero lost
    expect(readIdentityNumber(1094001234)).toBe('001094001234'); // Hà Nội (001): two zeros lost
    expect(readIdentityNumber(12345678)).toBe('012345678'); // 8 digits: a CMND's zero lost
    expect(readIdentityNumber(123456789012)).toBe('123456789012');
  });

  it('takes text as written, and nothing for what is not a positive integer', () => {
    expect(readIdentityNumber(' 051094001234 ')).toBe('051094001234');
    expect(readIdentityNumber('')).toBeNull();
    expect(readIdentityNumber(0)).toBeNull();
    expect(readIdentityNumber(1.5)).toBeNull();
    expect(readIdentityNumber(null)).toBeNull();
  });
});

describe('readPhoneNumber', () => {
  it('writes international and number-typed forms in the national 0-prefixed form', () => {
    expect(readPhoneNumber('+84912345678')).toBe('0912345678');
    expect(readPhoneNumber(' +84 912 345 678 ')).toBe('0912345678');
    expect(readPhoneNumber('84.912.345.678')).toBe('0912345678');
    expect(readPhoneNumber(912345678)).toBe('0912345678');
    expect(readPhoneNumber(84912345678)).toBe('0912345678');
  });

  it('keeps anything else as written', () => {
    expect(readPhoneNumber('0238 3840418')).toBe('0238 3840418');
    expect(readPhoneNumber('0912345678')).toBe('0912345678');
    expect(readPhoneNumber('')).toBeNull();
  });
});
