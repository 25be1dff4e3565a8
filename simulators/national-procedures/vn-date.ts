/** Dates as the national database writes them, `dd/MM/yyyy`, handled in UTC so no time zone shifts a day. */

export function formatVnDate(date: Date): string {
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getUTCFullYear()}`;
}

export function parseVnDate(text: string): Date {
  const [dd, mm, yyyy] = text.split('/').map(Number) as [number, number, number];
  return new Date(Date.UTC(yyyy, mm - 1, dd));
}

/** `dd/MM/yyyy` → `yyyy-MM-dd`, the other format a few records use. */
export function toIsoDate(text: string): string {
  const [dd, mm, yyyy] = text.split('/') as [string, string, string];
  return `${yyyy}-${mm}-${dd}`;
}
