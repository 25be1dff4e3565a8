import { foldText, type FoldedText } from './fold-text';
import { maskName } from './mask-name';
import type { PersonalData } from './personal-data';

/**
 * Runs of digits that may be an ID or phone number: digits with up to three spaces, or one
 * of `. , / _ - ( )` with a space either side, between them (`0010 8900 1234`,
 * `0912.345.678`, `038/148/711/649`, `0381_4871_1649`, `(093) 396 6837`), after an
 * optional international prefix (`+84 `, `(+84) `), even glued to a word (`ĐT0912345678`).
 * Never a piece of a dotted code (`1.001612.000.00.00.H56`, `000.00.41.H56-240315-0001`):
 * a run neither starts nor ends next to a digit, nor starts across one dot or dash from a
 * letter or digit, nor ends before a dot or dash and a digit or a code's last group
 * (`.H56`), nor starts right after that group's letter; a file's extension (`.pdf`) is
 * no such group.
 */
const DIGIT_RUN = /(?<!\p{N}|[\p{L}\p{N}][.-]|\.\p{L})(?:\(?\+84\)?[\s.-]{0,2})?\d(?:(?:\s{0,3}|\s?[.,/_()-]\s?)\d)*(?!\p{N}|[.-]\p{N}|[.-]\p{L}\p{N})/gu;

/** Dates and date ranges (`15/03/2024`, `15.03.2024 - 20.03.2024`): digits, but nobody's number. */
const DATES_ONLY = /^\d{1,2}([./-])\d{1,2}\1\d{4}(?:\s?[-–]\s?\d{1,2}([./-])\d{1,2}\2\d{4})*$/;

/** Fewest digits of a run that is masked: a 9-digit CMND; CCCD 12, mobile 10, landline 11. */
const MIN_PERSONAL_DIGITS = 9;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** An address written to dodge filters: `oanh [at] gmail [dot] com`, `oanh(at)gmail(dot)com`. */
const SPELLED_EMAIL = /[\p{L}\p{N}._%+-]+\s*[[(]\s*(?:at|@)\s*[\])]\s*[\p{L}\p{N}-]+(?:\s*(?:[[(]\s*dot\s*[\])]|\.)\s*[\p{L}\p{N}-]+)+/gu;

/** Words before a given name that say it is a person's (ông Oanh, chị Ngọc Oanh). */
const HONORIFIC = '(?:ong|ba|anh|chi|co|chu|bac|em|chau|cu|ngai|mr|mrs|ms|miss)';

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
 *   by initials (`N*** M*** T***`); parts of it too (`Ngọc Oanh`, `ông Oanh`, see `findName`);
 * - every run of 9 or more digits, however grouped (see `DIGIT_RUN`) and with or without
 *   `+84` (ID and phone numbers), kept to its first and last two digits (`09******78`);
 *   dates and date ranges excepted;
 * - every email address (`l***@yahoo.com.vn`), and one spelled out (`oanh [at] gmail [dot] com` → `o***`).
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
    if (digits.length >= MIN_PERSONAL_DIGITS && !DATES_ONLY.test(match[0].trim())) {
      found.push({ ...span(folded, match.index, match[0].length), text: `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}` });
    }
  }
  for (const match of folded.text.matchAll(EMAIL)) {
    const at = span(folded, match.index, match[0].length);
    const original = value.slice(at.start, at.end);
    found.push({ ...at, text: `${[...original][0]}***${original.slice(original.lastIndexOf('@'))}` });
  }
  for (const match of folded.text.matchAll(SPELLED_EMAIL)) {
    const at = span(folded, match.index, match[0].length);
    found.push({ ...at, text: `${[...value.slice(at.start, at.end)][0]}***` });
  }
  return replace(value, found);
}

/**
 * The applicant's name, whole or in part: the whole name; any two or more of its words in
 * their order (`Ngọc Oanh`, `Thu Ngọc Oanh`); the given name alone after a form of address
 * (`ông Oanh`, `chị Oanh`). Each word is matched whole, so a longer name that only begins
 * like the applicant's is left.
 */
function findName(folded: FoldedText, value: string, name: string): Replacement[] {
  const words = foldText(name).text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.join('').length < 2) return [];
  const patterns: string[] = [];
  for (let from = 0; from < words.length; from += 1) {
    for (let to = words.length; to - from >= Math.min(2, words.length); to -= 1) {
      patterns.push(words.slice(from, to).map(escapeRegExp).join('[^\\p{L}\\p{N}]{0,3}'));
    }
  }
  const found: Replacement[] = [];
  // Longest first: where two parts overlap, `replace` keeps the one that starts first and is longer.
  for (const words of patterns) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'gu');
    for (const match of folded.text.matchAll(pattern)) {
      const at = span(folded, match.index, match[0].length);
      found.push({ ...at, text: maskName(value.slice(at.start, at.end)) });
    }
  }
  if (words.length > 1) {
    const given = new RegExp(`(?<![\\p{L}\\p{N}])(${HONORIFIC}[^\\p{L}\\p{N}]{1,3})(${escapeRegExp(words[words.length - 1]!)})(?![\\p{L}\\p{N}])`, 'gu');
    for (const match of folded.text.matchAll(given)) {
      const at = span(folded, match.index + match[1]!.length, match[2]!.length);
      found.push({ ...at, text: maskName(value.slice(at.start, at.end)) });
    }
  }
  return found;
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
