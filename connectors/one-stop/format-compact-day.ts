/** A day as `yyyyMMdd` in Vietnam time (UTC+7), the one-stop systems' date parameter. */
export function formatCompactDay(date: Date): string {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}
