import { isCalendarDate, pad } from './vietnam-time';

/** `yyyy/MM/dd` (the standard's form) or `yyyy-MM-dd`, one-digit month and day allowed. */
const YEAR_FIRST = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T].*)?$/;
/** `dd/MM/yyyy`, as some SDKs write dates. */
const DAY_FIRST = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[ T].*)?$/;

/**
 * Reads an edXML date (`PromulgationDate`, `DueDate`) as ISO `yyyy-MM-dd`. Lenient with
 * what real messages carry: `yyyy/MM/dd` as QCVN 102:2016 writes it, `yyyy-MM-dd`,
 * `dd/MM/yyyy`, and a trailing time, which is dropped. Returns undefined for anything
 * else, including dates that are not on the calendar (`2014/02/30`).
 */
export function parseEdxmlDate(text: string): string | undefined {
  const value = text.trim();
  const yearFirst = YEAR_FIRST.exec(value);
  const dayFirst = yearFirst ? null : DAY_FIRST.exec(value);
  const [year, month, day] = yearFirst
    ? [Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3])]
    : dayFirst
      ? [Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1])]
      : [NaN, NaN, NaN];
  if (!isCalendarDate(year, month, day)) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}
