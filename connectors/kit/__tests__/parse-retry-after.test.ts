import { parseRetryAfter } from '../parse-retry-after';

const now = Date.parse('2025-03-15T01:30:00Z');

describe('parseRetryAfter', () => {
  it('reads a whole number of seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date in each of the three forms RFC 9110 allows, as the time left until it', () => {
    expect(parseRetryAfter('Sat, 15 Mar 2025 01:30:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Saturday, 15-Mar-25 01:30:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Sat Mar 15 01:30:09 2025', now)).toBe(9000);
  });

  it('reads a date already past as no wait at all', () => {
    expect(parseRetryAfter('Sat, 15 Mar 2025 01:29:00 GMT', now)).toBe(0);
  });

  it('reads nothing from an absent header or one that is neither form', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('2025-03-15', now)).toBeNull();
  });
});
