const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** An instant as the day it falls on in Vietnam time (UTC+7), `dd/MM/yyyy`; null for null or an unreadable instant. */
export function formatVietnamDate(instant: string | null): string | null {
  if (instant === null) return null;
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return null;
  const day = new Date(ms + VIETNAM_OFFSET_MS);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(day.getUTCDate())}/${pad(day.getUTCMonth() + 1)}/${day.getUTCFullYear()}`;
}
