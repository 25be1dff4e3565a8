import { generateAgencies } from '../../national-procedures/generate-agencies';
import type { RawAgency } from '../../national-procedures/types';
import { SAMPLE_PROCEDURES } from '../sample-procedures';

export const SEED = 20240315;
export const AGENCIES: readonly RawAgency[] = generateAgencies(SEED);
export const PROCEDURES = SAMPLE_PROCEDURES;
export const CREDENTIALS = { username: 'lienthong', password: 'demo-secret' };

/** `yyyyMMddHHmmss` in Vietnam time → epoch ms, written independently of the simulator's own helpers. */
export function parseCompact(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) throw new Error(`not yyyyMMddHHmmss: "${text}"`);
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
}

/** `dd/MM/yyyy HH:mm:ss` in Vietnam time → epoch ms. */
export function parseSlash(text: string): number {
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`not dd/MM/yyyy HH:mm:ss: "${text}"`);
  return Date.parse(`${m[3]}-${m[2]}-${m[1]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
}

/** iGate's `yyyy-MM-ddTHH:mm:ss.SSS+0700` → epoch ms. */
export function parseIgate(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0700$/.test(text)) throw new Error(`not yyyy-MM-ddTHH:mm:ss.SSS+0700: "${text}"`);
  return Date.parse(`${text.slice(0, -5)}+07:00`);
}

/** The canonical ISO instant as epoch ms, null kept. */
export function instant(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}

/** The Vietnamese calendar day `yyyyMMdd` of an ISO instant. */
export function vnDay(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/** True when `code` is `ancestor` or below it: every non-zero group of the ancestor is shared. */
export function isUnder(code: string, ancestor: string): boolean {
  const groups = code.split('.');
  return ancestor.split('.').every((group, index) => /^0+$/.test(group) || groups[index] === group);
}
