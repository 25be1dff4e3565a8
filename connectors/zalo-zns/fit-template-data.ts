const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });
const ELLIPSIS = '…';

/**
 * `text` in composed form (NFC) and at most `max` characters (code points), cut between
 * graphemes so a letter never loses its diacritics (`ệ` written `e` + two combining marks
 * stays whole), with `…` marking a cut. Zalo counts a parameter's length in characters:
 * Vietnamese in NFC is one code point per letter, so a decomposed name that fits the limit
 * composed is never cut.
 */
export function truncateGraphemes(text: string, max: number): string {
  const composed = text.normalize('NFC').trim();
  if ([...composed].length <= max) return composed;
  let out = '';
  let length = 0;
  for (const { segment } of graphemes.segment(composed)) {
    const size = [...segment].length;
    if (length + size > max - 1) break;
    out += segment;
    length += size;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** Template data with every declared parameter shortened to its limit; undeclared ones pass unchanged (Zalo refuses them, as it should). */
export function fitTemplateData(data: Readonly<Record<string, string>>, limits: Readonly<Record<string, number>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(data)) {
    const max = limits?.[name];
    out[name] = max === undefined ? value.normalize('NFC') : truncateGraphemes(value, max);
  }
  return out;
}
