/**
 * The shapes the portal accepts (our reading of docs/sources.md §2 and §4), written here
 * independently of the gateway's own code rules so the simulator cannot agree with the
 * gateway by sharing a mistake.
 */

/** `yyyyMMddHHmmss` that names a real instant: month 1–12, a day the month has, 00–23:00–59:00–59. */
export function isPortalDateTime(value: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (hour > 23 || minute > 59 || second > 59 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** An agency code `L4.L3.L2.L1`: `000.00.53.H48`, `000.00.00.G22`. */
export function isAgencyCode(value: string): boolean {
  return /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/.test(value);
}

/** A dossier code `{agency code}-{yyMMdd}-{4-digit daily sequence}` whose day is a real date: `000.00.20.H56-240315-0001`. */
export function isDossierCode(value: string): boolean {
  const match = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{2})(\d{2})(\d{2})-\d{4}$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [2000 + Number(match[2]), Number(match[3]), Number(match[4])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A national procedure code, `1.001612`. */
export function isNationalProcedureCode(value: string): boolean {
  return /^\d\.\d{6}$/.test(value);
}

/** A national dossier status, `"1"` to `"10"` (no padding, no sign). */
export function isNationalStatus(value: string): boolean {
  return /^([1-9]|10)$/.test(value);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
