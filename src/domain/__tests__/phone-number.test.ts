import { toInternationalPhone } from '../phone-number';

describe('toInternationalPhone', () => {
  it.each([
    ['0912345678', '84912345678'],
    ['+84912345678', '84912345678'],
    ['84912345678', '84912345678'],
    ['+84 912 345 678', '84912345678'],
    ['(+84) 0912.345.678', '84912345678'],
    ['84-912-345-678', '84912345678'],
    ['0084912345678', '84912345678'],
    [' 0386 123 456 ', '84386123456'],
    ['0845123456', '84845123456'],
    ['845123456', '84845123456'],
    ['０９１２３４５６７８', '84912345678'],
  ])('writes %j as %j', (raw, expected) => {
    expect(toInternationalPhone(raw)).toBe(expected);
  });

  it.each([
    ['01662345678', '84362345678'],
    ['0120 123 4567', '84701234567'],
    ['+84 127 123 4567', '84811234567'],
    ['01991234567', '84591234567'],
  ])('renumbers the pre-2018 11-digit mobile %j as %j', (raw, expected) => {
    expect(toInternationalPhone(raw)).toBe(expected);
  });

  it.each([null, undefined, '', '02438253456', '0912 345 67', '09123456789', '0112345678', 'không có', '0912345678 / 0987654321', '+1 415 555 0100'])(
    'answers null for %j, which neither channel can reach',
    (raw) => {
      expect(toInternationalPhone(raw)).toBeNull();
    },
  );
});
