import { addWorkingDays, compactOfIso, formatCompact, formatIgateDate, formatSlash, formatVnIso, igateDateOfIso, parseVnDay, slashOfIso } from '../vn-time';

const at = (iso: string): number => Date.parse(iso);

describe('Vietnam time', () => {
  test('writes one instant in each dialect format, in UTC+7 whatever the machine zone', () => {
    const instant = at('2024-03-14T23:05:09Z');
    expect(formatVnIso(instant)).toBe('2024-03-15T06:05:09+07:00');
    expect(formatIgateDate(instant)).toBe('2024-03-15T06:05:09.000+0700');
    expect(formatCompact(instant)).toBe('20240315060509');
    expect(formatSlash(instant)).toBe('15/03/2024 06:05:09');
  });

  test('rewrites a canonical ISO instant into each dialect format exactly as formatting the instant does', () => {
    for (const instant of [at('2024-03-14T23:05:09Z'), at('2025-12-31T16:59:59Z'), at('2026-01-01T00:00:00+07:00'), at('2023-11-02T07:30:00+07:00')]) {
      const iso = formatVnIso(instant);
      expect([igateDateOfIso(iso), compactOfIso(iso), slashOfIso(iso)]).toEqual([formatIgateDate(instant), formatCompact(instant), formatSlash(instant)]);
    }
  });

  test('counts working days past weekends and Tết, keeping the time of day', () => {
    // Friday 2 February 2024 + 5 working days: 5, 6, 7 February, Tết (8–14 February), 15, 16 February.
    expect(formatVnIso(addWorkingDays(at('2024-02-02T08:00:00+07:00'), 5))).toBe('2024-02-16T08:00:00+07:00');
    // Friday 25 April 2025 + 3: 28, 29 April, then 30 April – 2 May off, then Monday 5 May.
    expect(formatVnIso(addWorkingDays(at('2025-04-25T16:30:00+07:00'), 3))).toBe('2025-05-05T16:30:00+07:00');
    expect(formatVnIso(addWorkingDays(at('2024-03-18T09:00:00+07:00'), -1))).toBe('2024-03-15T09:00:00+07:00');
  });

  test('reads date parameters only in the formats allowed, and only real dates', () => {
    expect(parseVnDay('20240315', ['compact'])).toBe(at('2024-03-15T00:00:00+07:00'));
    expect(parseVnDay('15/03/2024', ['compact', 'slash'])).toBe(at('2024-03-15T00:00:00+07:00'));
    expect(parseVnDay('2024-03-15', ['compact'])).toBeNull();
    expect(parseVnDay('20240230', ['compact'])).toBeNull();
  });
});
