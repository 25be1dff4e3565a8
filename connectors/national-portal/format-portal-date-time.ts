import { readVietnamDateTime } from '../kit';

/**
 * An instant as the portal takes it: `yyyyMMddHHmmss` in Vietnam time (UTC+7), e.g.
 * `2024-03-15T01:30:00Z` → `20240315083000`. Reads ISO 8601 with any offset (or `Z`, or
 * none, taken as Vietnam time) and the other forms `readVietnamDateTime` reads; null when
 * `iso` is not a real instant. Seconds are kept, fractions dropped.
 */
export function formatPortalDateTime(iso: string): string | null {
  const vietnam = readVietnamDateTime(iso);
  return vietnam === null ? null : vietnam.slice(0, 19).replace(/[-T:]/g, '');
}
