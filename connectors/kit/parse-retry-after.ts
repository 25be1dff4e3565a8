/**
 * How long a `Retry-After` header asks the client to wait, in milliseconds (RFC 9110
 * §10.2.3): a whole number of seconds, or an HTTP-date (a date already past means 0).
 * Null when the header is absent or is neither.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names its weekday and zone (IMF-fixdate, or the obsolete RFC 850 and asctime forms).
  if (!/^[A-Za-z]{3}/.test(text)) return null;
  // asctime dates carry no zone; HTTP-dates are always GMT.
  const at = Date.parse(/GMT|UTC|[+-]\d{4}$/.test(text) ? text : `${text} GMT`);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
