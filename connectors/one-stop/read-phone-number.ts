import { readText } from '../kit';

/**
 * A Vietnamese phone number in the national 0-prefixed form: `+84912345678` and
 * `84912345678` become `0912345678`, and a 9-digit JSON number (its leading 0 dropped by
 * the source) gets it back. Anything else is kept as written (trimmed).
 */
export function readPhoneNumber(value: unknown): string | null {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value <= 0) return null;
    const digits = String(value);
    return digits.length === 9 ? `0${digits}` : digits.length === 11 && digits.startsWith('84') ? `0${digits.slice(2)}` : digits;
  }
  const text = readText(value);
  if (text === null) return null;
  const compact = text.replace(/[\s.-]/g, '');
  if (/^\+84\d{9}$/.test(compact)) return `0${compact.slice(3)}`;
  if (/^84\d{9}$/.test(compact)) return `0${compact.slice(2)}`;
  return text;
}
