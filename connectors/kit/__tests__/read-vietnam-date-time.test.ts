import { formatVietnamDateTime, readVietnamDateTime } from '../read-vietnam-date-time';

describe('readVietnamDateTime', () => {
  it('reads the national portal format as Vietnam time', () => {
    expect(readVietnamDateTime('20240315083000')).toBe('2024-03-15T08:30:00+07:00');
    expect(readVietnamDateTime('20240315')).toBe('2024-03-15T00:00:00+07:00');
  });

  it('reads ISO with +0700, +07:00 and Z as the same instant', () => {
    expect(readVietnamDateTime('2024-03-15T08:30:00+0700')).toBe('2024-03-15T08:30:00+07:00');
    expect(readVietnamDateTime('2024-03-15T08:30:00.123+07:00')).toBe('2024-03-15T08:30:00+07:00');
    expect(readVietnamDateTime('2024-03-15T01:30:00Z')).toBe('2024-03-15T08:30:00+07:00');
    expect(readVietnamDateTime('2024-03-14T20:30:00-05:00')).toBe('2024-03-15T08:30:00+07:00');
  });

  it('reads older systems\' dd/MM/yyyy HH:mm:ss as Vietnam time', () => {
    expect(readVietnamDateTime('15/03/2024 08:30:00')).toBe('2024-03-15T08:30:00+07:00');
    expect(readVietnamDateTime('5/3/2024 8:30')).toBe('2024-03-05T08:30:00+07:00');
    expect(readVietnamDateTime('15/03/2024')).toBe('2024-03-15T00:00:00+07:00');
  });

  it('crosses midnight correctly when converting from UTC', () => {
    expect(readVietnamDateTime('2024-12-31T20:00:00Z')).toBe('2025-01-01T03:00:00+07:00');
  });

  it('round-trips its own output without drift', () => {
    for (const input of ['20240315083000', '2024-03-15T01:30:00Z', '31/12/2023 23:59:59']) {
      const once = readVietnamDateTime(input)!;
      expect(readVietnamDateTime(once)).toBe(once);
      expect(formatVietnamDateTime(new Date(once))).toBe(once);
    }
  });

  it('answers null for empty, impossible or foreign values', () => {
    expect(readVietnamDateTime('')).toBeNull();
    expect(readVietnamDateTime(null)).toBeNull();
    expect(readVietnamDateTime('20240230120000')).toBeNull();
    expect(readVietnamDateTime('20240315256000')).toBeNull();
    expect(readVietnamDateTime('hôm nay')).toBeNull();
  });
});
