import { isCalendarDate } from './vietnam-time';

/**
 * Writes an ISO date (`yyyy-MM-dd`, nothing else) as edXML's `yyyy/MM/dd`. Returns
 * undefined when the value is not exactly that form or not a calendar date.
 */
export function formatEdxmlDate(isoDate: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  return `${match[1]}/${match[2]}/${match[3]}`;
}
