import { foldText, type FoldedText } from './fold-text';
import { maskName } from './mask-name';
import type { PersonalData } from './personal-data';

/**
 * Runs of digits that may be an ID or phone number: digits with at most two spaces, dots
 * or dashes between them (`0010 8900 1234`, `0912.345.678`, `0912-345-678`), after an
 * optional international prefix (`+84 `, `(+84) `), even glued to a word (`ĐT0912345678`).
 * Never a piece of a dotted code (`1.001612.000.00.00.H56`, `000.00.41.H56-240315-0001`):
 * a run neither starts nor ends next to a digit, nor across one dot or dash from a letter
 * or digit, nor right after the letter of a code's last group (`.H56`).
 */
const DIGIT_RUN = /(?<!\p{N}|[\p{L}\p{N}][.-]|\.\p{L})(?:\(?\+84\)?[\s.-]{0,2})?\d(?:[\s.-]{0,2}\d)*(?!\p{N}|[.-][\p{L}\p{N}])/gu;

/** Fewest digits of a run that is masked: a 9-digit CMND; CCCD 12, mobile 10, landline 11. */
const MIN_PERSONAL_DIGITS = 9;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** A span of the original text and what replaces it. */
interface Replacement {
  start: number;
  end: number;
  text: string;
}

/**
 * Masks the personal data in free text (a dossier's summary, a processing step, a file
 * name), whatever way it was typed:
 * - the names in `owner` (the record's applicant), matched without regard to case,
 *   diacritics (đ too), Unicode form (NFC or NFD), full-width letters, or how the words
 *   are separated (`NGUYEN  MINH TAM`, `Nguyen_Minh_Tam`, `nguyenminhtam`), and replaced
 *   by initials (`N*** M*** T***`);
 * - every run of 9 or more digits, written with spaces, dots or dashes or not and with
 *   or without `+84` (ID and phone numbers), kept to its first and last two digits
 *   (`09******78`);
 * - every email address (`l***@yahoo.com.vn`).
 *
 * Names not given in `owner` cannot be recognised (a spouse, a neighbour): free text
 * naming other people stays as written. Returns `value` itself when nothing was found.
 */
export function maskFreeText(value: string, owner: PersonalData | null): string {
  const folded = foldText(value);
  const found: Replacement[] = [];
  for (const name of owner?.names ?? []) found.push(...findName(folded, value, name));
  for (const match of folded.text.matchAll(DIGIT_RUN)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length >= MIN_PERSONAL_DIGITS) {
      found.push({ ...span(folded, match.index, match[0].length), text: `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}` });
    }
  }
  for (const match of folded.text.matchAll(EMAIL)) {
    const at = span(folded, match.index, match[0].length);
    const original = value.slice(at.start, at.end);
    found.push({ ...at, text: `${[...original][0]}***${original.slice(original.lastIndexOf('@'))}` });
  }
  return replace(value, found);
}

function findName(folded: FoldedText, value: string, name: string): Replacement[] {
  const words = foldText(name).text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.join('').length < 2) return [];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join('[^\\p{L}\\p{N}]{0,3}')}(?![\\p{L}\\p{N}])`, 'gu');
  return [...folded.text.matchAll(pattern)].map((match) => {
    const at = span(folded, match.index, match[0].length);
    return { ...at, text: maskName(value.slice(at.start, at.end)) };
  });
}

/** The span of the original that the folded characters [index, index + length) came from. */
function span(folded: FoldedText, index: number, length: number): { start: number; end: number } {
  return { start: folded.start[index]!, end: folded.end[index + length - 1]! };
}

/** Applies replacements; of two that overlap, the one starting first (then the longer) wins. */
function replace(value: string, found: Replacement[]): string {
  if (found.length === 0) return value;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  let text = '';
  let position = 0;
  for (const each of found) {
    if (each.start < position) continue;
    text += value.slice(position, each.start) + each.text;
    position = each.end;
  }
  return text + value.slice(position);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
