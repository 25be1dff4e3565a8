import { formatAgencyCode, parentAgencyCode } from '../agency-code';

describe('agency codes', () => {
  it('writes the four groups right to left with zeros for absent levels', () => {
    expect(formatAgencyCode('G22')).toBe('000.00.00.G22');
    expect(formatAgencyCode('H48', 53)).toBe('000.00.53.H48');
    expect(formatAgencyCode('H41', 43, 5)).toBe('000.05.43.H41');
    expect(formatAgencyCode('H41', 43, 5, 12)).toBe('012.05.43.H41');
  });

  it('finds the parent by zeroing the lowest non-zero group', () => {
    expect(parentAgencyCode('012.05.43.H41')).toBe('000.05.43.H41');
    expect(parentAgencyCode('000.05.43.H41')).toBe('000.00.43.H41');
    expect(parentAgencyCode('000.00.53.H48')).toBe('000.00.00.H48');
  });

  it('answers null for a level-1 unit and for text that is not an agency code', () => {
    expect(parentAgencyCode('000.00.00.G22')).toBeNull();
    expect(parentAgencyCode('1.001612')).toBeNull();
    expect(parentAgencyCode('000.00.53.h48')).toBeNull();
  });
});
