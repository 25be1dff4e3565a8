import { readText } from '../kit';

/**
 * A personal identification number (CCCD: 12 digits, CMND: 9) as text. Both may start
 * with zeros — every CCCD does, its first three digits being a province code from 001 to
 * 096 — which a source that sends the number as a JSON number has dropped: a number of
 * 10 or 11 digits gets its zeros back to 12, one of 8 digits its zero back to 9. Text is
 * taken as it is (trimmed).
 */
export function readIdentityNumber(value: unknown): string | null {
  if (typeof value !== 'number') return readText(value);
  if (!Number.isSafeInteger(value) || value <= 0) return null;
  const digits = String(value);
  if (digits.length === 10 || digits.length === 11) return digits.padStart(12, '0');
  if (digits.length === 8) return digits.padStart(9, '0');
  return digits;
}
