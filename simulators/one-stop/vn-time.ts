/**
 * Vietnam time (UTC+7, no daylight saving) for the one-stop simulators: the formats each
 * dialect writes, and working days as the time limits of procedures count them.
 * Instants are epoch milliseconds; "local" values are the same instant shifted by seven
 * hours so that the UTC getters read Vietnamese wall-clock time.
 */

export const VN_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * Days off on weekdays besides weekends (our reading of the announced calendars: New
 * Year, Tết, Hùng Kings, 30/4–1/5, National Day with their bridge days), `yyyy-MM-dd`.
 */
const HOLIDAYS = new Set<string>([
  '2023-01-02', '2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26', '2023-05-01', '2023-05-02',
  '2023-05-03', '2023-09-01', '2023-09-04',
  '2024-01-01', '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2024-04-18', '2024-04-29',
  '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03',
  '2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07', '2025-04-30',
  '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02',
  '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27',
  '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
  '2027-01-01', '2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-04-16', '2027-04-30',
  '2027-09-02', '2027-09-03',
]);

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The instant as a Date whose UTC fields are Vietnamese wall-clock time. */
function local(ms: number): Date {
  return new Date(ms + VN_OFFSET_MS);
}

const dayNames = new Map<number, string>();

/** `yyyy-MM-dd` of the Vietnamese calendar day the instant falls on. */
export function formatVnDate(ms: number): string {
  const index = Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
  let name = dayNames.get(index);
  if (name === undefined) {
    const d = new Date(index * DAY_MS);
    name = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    dayNames.set(index, name);
  }
  return name;
}

/** `HH:mm:ss` of Vietnamese wall-clock time. */
function formatVnClock(ms: number): string {
  const seconds = Math.floor((((ms + VN_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / 1000);
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** `yyyy-MM-ddTHH:mm:ss+07:00`, the canonical form. */
export function formatVnIso(ms: number): string {
  return `${formatVnDate(ms)}T${formatVnClock(ms)}+07:00`;
}

/** `yyyy-MM-ddTHH:mm:ss.SSS+0700`, as iGate's Java services write dates (no colon in the offset). */
export function formatIgateDate(ms: number): string {
  const d = local(ms);
  return `${formatVnDate(ms)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0700`;
}

/** `yyyyMMddHHmmss`, the national portal's format. */
export function formatCompact(ms: number): string {
  const d = local(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** `dd/MM/yyyy HH:mm:ss`, as older district systems write dates. */
export function formatSlash(ms: number): string {
  const d = local(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * The canonical ISO instant (`yyyy-MM-ddTHH:mm:ss+07:00`, as formatVnIso writes it) in
 * iGate's form, by rewriting the text: the same as formatIgateDate of the instant, without
 * parsing it. Pages carry dozens of dates per dossier.
 */
export function igateDateOfIso(iso: string): string {
  return `${iso.slice(0, 19)}.000+0700`;
}

/** The canonical ISO instant as `yyyyMMddHHmmss`, by rewriting the text (see igateDateOfIso). */
export function compactOfIso(iso: string): string {
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** The canonical ISO instant as `dd/MM/yyyy HH:mm:ss`, by rewriting the text (see igateDateOfIso). */
export function slashOfIso(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
}

/** `yyMMdd`, the date group of a dossier code. */
export function formatCodeDay(ms: number): string {
  const d = local(ms);
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** The instant of 00:00 Vietnam time on the day `ms` falls on. */
export function vnDayStart(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS;
}

/** Minutes since Vietnamese midnight. */
export function vnMinuteOfDay(ms: number): number {
  return Math.floor((ms - vnDayStart(ms)) / 60_000);
}

/** Days since 1970-01-01 on the Vietnamese calendar. */
function vnDayIndex(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

const HOLIDAY_INDEXES = new Set([...HOLIDAYS].map((day) => Date.parse(`${day}T00:00:00Z`) / DAY_MS));

/** Monday to Friday and not a public holiday, for the Vietnamese day `ms` falls on. */
export function isWorkingDay(ms: number): boolean {
  const index = vnDayIndex(ms);
  // 1970-01-01 was a Thursday: index 0 → weekday 4.
  const weekday = (index + 4) % 7;
  return weekday !== 0 && weekday !== 6 && !HOLIDAY_INDEXES.has(index);
}

/** `ms` moved by `days` working days (negative: backwards), keeping the wall-clock time. */
export function addWorkingDays(ms: number, days: number): number {
  const step = days < 0 ? -DAY_MS : DAY_MS;
  let remaining = Math.abs(days);
  let result = ms;
  while (remaining > 0) {
    result += step;
    if (isWorkingDay(result)) remaining -= 1;
  }
  return result;
}

/** The nearest working day at or before `ms` (same wall-clock time). */
export function previousWorkingDay(ms: number): number {
  let result = ms;
  while (!isWorkingDay(result)) result -= DAY_MS;
  return result;
}

/**
 * Parses a date parameter to the instant its Vietnamese day starts: `yyyyMMdd`,
 * `yyyy-MM-dd` or `dd/MM/yyyy` as `formats` allows. Null when malformed or not a real date.
 */
export function parseVnDay(text: string, formats: ReadonlyArray<'compact' | 'iso' | 'slash'>): number | null {
  const patterns: Record<'compact' | 'iso' | 'slash', RegExp> = {
    compact: /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
    iso: /^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})$/,
    slash: /^(?<d>\d{2})\/(?<m>\d{2})\/(?<y>\d{4})$/,
  };
  for (const format of formats) {
    const groups = patterns[format].exec(text.trim())?.groups;
    if (!groups) continue;
    const [y, m, d] = [Number(groups.y), Number(groups.m), Number(groups.d)];
    const utc = Date.UTC(y, m - 1, d);
    const check = new Date(utc);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
    return utc - VN_OFFSET_MS;
  }
  return null;
}
