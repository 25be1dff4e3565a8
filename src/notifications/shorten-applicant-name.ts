import type { ApplicantKind } from '../domain';
import { truncateGraphemes } from '../../connectors/zalo-zns';

/** Longest name a message carries: Zalo's limit for a name parameter, kept for SMS too. */
export const NAME_MAX = 30;

/** Words that start the name of an organisation, not a person. */
const ORGANISATION = /^(công ty|cty|doanh nghiệp|hộ kinh doanh|hợp tác xã|htx|chi nhánh|văn phòng|trường|trạm|bệnh viện|hội|chi hội|ủy ban|ubnd|ban|sở|phòng|trung tâm|tổ)\b/iu;

/**
 * How a message names the applicant: a person by the initials of the family and middle
 * names and the given name in full (`Nguyễn Văn An` → `N.V. An`, `Đặng Thị Mỹ Linh` →
 * `Đ.T.M. Linh`), so a message shown on a locked phone does not spell out who applied; an
 * organisation by its name shortened to 30 characters. Null or empty: `Ông/Bà`.
 */
export function shortenApplicantName(name: string | null, kind: ApplicantKind | null): string {
  const clean = (name ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (clean === '') return 'Ông/Bà';
  const words = clean.split(' ');
  const person = (kind === 'CITIZEN' || kind === null) && !ORGANISATION.test(clean) && words.length <= 6 && words.every((w) => /^\p{L}+$/u.test(w));
  if (!person || words.length === 1) return truncateGraphemes(clean, NAME_MAX);
  const given = words[words.length - 1]!;
  const initials = words.slice(0, -1).map((w) => `${firstLetter(w).toLocaleUpperCase('vi')}.`).join('');
  return truncateGraphemes(`${initials} ${given}`, NAME_MAX);
}

function firstLetter(word: string): string {
  return new Intl.Segmenter('vi', { granularity: 'grapheme' }).segment(word)[Symbol.iterator]().next().value?.segment ?? word.charAt(0);
}
