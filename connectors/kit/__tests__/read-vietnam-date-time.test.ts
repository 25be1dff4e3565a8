import { formatVietnamDateTime, isVietnamDateOnly, readVietnamDateTime } from '../read-vietnam-date-time';

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

  it('reads iGate\'s UTC with milliseconds as Vietnam time, a UTC date picked in a browser landing on midnight', () => {
    expect(readVietnamDateTime('1994-10-23T17:00:00.000+0000')).toBe('1994-10-24T00:00:00+07:00');
    expect(readVietnamDateTime('2022-09-21T02:15:30.000Z')).toBe('2022-09-21T09:15:30+07:00');
    expect(readVietnamDateTime('2022-09-21T02:15:30.5+00:00')).toBe('2022-09-21T09:15:30+07:00');
  });

  it('reads an offset written with hours only, and refuses one no zone has', () => {
    expect(readVietnamDateTime('2024-03-15T08:30:00+07')).toBe('2024-03-15T08:30:00+07:00');
    expect(readVietnamDateTime('2024-03-15T08:30:00+1500')).toBeNull();
  });

  it('reads year-first dates with slashes (edXML style) and day-first dates with dashes or dots', () => {
    expect(readVietnamDateTime('2024/03/15 08:30:00')).toBe('2024-03-15T08:30:00+07:00');
    expect(readVietnamDateTime('2024/03/15')).toBe('2024-03-15T00:00:00+07:00');
    expect(readVietnamDateTime('15-03-2024')).toBe('2024-03-15T00:00:00+07:00');
    expect(readVietnamDateTime('15.03.2024 8:05')).toBe('2024-03-15T08:05:00+07:00');
    expect(readVietnamDateTime('15/03-2024')).toBeNull();
    expect(readVietnamDateTime('2024-03/15')).toBeNull();
  });

  it('reads the compact format sent as a JSON number, and 13-digit numbers as epoch milliseconds', () => {
    expect(readVietnamDateTime(20240315083000)).toBe('2024-03-15T08:30:00+07:00');
    expect(readVietnamDateTime(20240315)).toBe('2024-03-15T00:00:00+07:00');
    // 2024-01-01 is day 19723 since 1970 (54 years, 13 of them leap); 15 March is 74 days on: 19797 × 86400 s, plus 01:30 UTC.
    expect(readVietnamDateTime(1_710_466_200_000)).toBe('2024-03-15T08:30:00+07:00');
    expect(readVietnamDateTime(12345)).toBeNull();
    expect(readVietnamDateTime(Number.NaN)).toBeNull();
  });

  it('tells a date-only value, whatever shape it came in, by its midnight in Vietnam', () => {
    for (const dateOnly of ['20240315', '15/03/2024', '2024-03-15', '2024-03-14T17:00:00.000+0000']) {
      expect(isVietnamDateOnly(readVietnamDateTime(dateOnly)!)).toBe(true);
    }
    expect(isVietnamDateOnly(readVietnamDateTime('20240315083000')!)).toBe(false);
    expect(isVietnamDateOnly(readVietnamDateTime('2024-03-15T00:00:00Z')!)).toBe(false);
  });
});
