/**
 * A text folded for matching personal data however it was typed, with the way back to
 * the original: every character of `text` remembers the span of the original it came from.
 */
export interface FoldedText {
  /**
   * Lower case, without diacritics (`Nguyễn Đức` → `nguyen duc`, đ and Đ included), with
   * compatibility forms decomposed (full-width `０９１` → `091`). Composed (NFC) and
   * decomposed (NFD) input fold to the same text. Everything else is kept as it was,
   * spaces and punctuation included.
   */
  text: string;
  /** For each character of `text`, where the original character it came from starts. */
  start: number[];
  /** For each character of `text`, where that original character ends, combining marks after it included. */
  end: number[];
}

const MARK = /\p{M}/u;
const MARKS = /\p{M}/gu;

/** Folds `value` (see {@link FoldedText}); a combining mark of the original folds to nothing. */
export function foldText(value: string): FoldedText {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let index = 0; index < value.length; ) {
    const codePoint = value.codePointAt(index)!;
    const character = String.fromCodePoint(codePoint);
    const next = index + character.length;
    if (MARK.test(character)) {
      if (end.length > 0 && end[end.length - 1] === index) end[end.length - 1] = next;
    } else {
      const folded = fold(character);
      text += folded;
      // One entry per UTF-16 code unit, the unit regular expressions index by.
      for (let unit = 0; unit < folded.length; unit += 1) {
        start.push(index);
        end.push(next);
      }
    }
    index = next;
  }
  return { text, start, end };
}

/** The folded form of a whole string, when the way back is not needed. */
export function foldedForm(value: string): string {
  return fold(value);
}

function fold(value: string): string {
  return value.normalize('NFKD').toLowerCase().normalize('NFKD').replace(MARKS, '').replace(/đ/g, 'd');
}
