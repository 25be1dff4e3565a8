import { readAmount, readCount, readDate, readList, readNumber, readText } from '../read-values';

describe('read-values', () => {
  it('reads text as null when empty, whitespace, missing or not a scalar', () => {
    expect(readText('  Hộ tịch\t')).toBe('Hộ tịch');
    expect(readText('')).toBeNull();
    expect(readText(' \r\n')).toBeNull();
    expect(readText(undefined)).toBeNull();
    expect(readText({ a: 1 })).toBeNull();
    expect(readText(5)).toBe('5');
  });

  it('reads numbers from strings, with a decimal comma, and nothing else', () => {
    expect(readNumber('5')).toBe(5);
    expect(readNumber(' 0.5 ')).toBe(0.5);
    expect(readNumber('1,5')).toBe(1.5);
    expect(readNumber('')).toBeNull();
    expect(readNumber('năm')).toBeNull();
    expect(readNumber('5 ngày')).toBeNull();
    expect(readNumber(Number.NaN)).toBeNull();
    expect(readNumber(7)).toBe(7);
  });

  it('reads counts with or without thousands separators, and nothing with a fraction', () => {
    expect(readCount('1.234')).toBe(1234);
    expect(readCount('1,234')).toBe(1234);
    expect(readCount(' 1 234 567 ')).toBe(1234567);
    expect(readCount('42')).toBe(42);
    expect(readCount(42)).toBe(42);
    expect(readCount('1,5')).toBeNull();
    expect(readCount('12.34')).toBeNull();
    expect(readCount(-1)).toBeNull();
    expect(readCount(2.5)).toBeNull();
    expect(readCount('')).toBeNull();
    expect(readCount('ba')).toBeNull();
  });

  it('reads amounts with thousands separators and a currency word', () => {
    expect(readAmount('50000')).toBe(50000);
    expect(readAmount('50.000')).toBe(50000);
    expect(readAmount('1,000,000 đồng')).toBe(1000000);
    expect(readAmount('8.000 VNĐ')).toBe(8000);
    expect(readAmount('0')).toBe(0);
    expect(readAmount('')).toBeNull();
    expect(readAmount('miễn phí')).toBeNull();
  });

  it('reads lists from arrays, lone objects and nothing', () => {
    expect(readList([1, 2])).toEqual([1, 2]);
    expect(readList({ a: 1 })).toEqual([{ a: 1 }]);
    expect(readList(null)).toEqual([]);
    expect(readList('')).toEqual([]);
  });

  it('reads dates in Vietnamese and ISO forms and refuses impossible ones', () => {
    expect(readDate('20/11/2014')).toBe('2014-11-20');
    expect(readDate('1/7/2016')).toBe('2016-07-01');
    expect(readDate('2016-01-01')).toBe('2016-01-01');
    expect(readDate('2016/01/01')).toBe('2016-01-01');
    expect(readDate('2016-01-01T08:00:00+07:00')).toBe('2016-01-01');
    expect(readDate('31/02/2015')).toBeNull();
    expect(readDate('hôm qua')).toBeNull();
  });
});
