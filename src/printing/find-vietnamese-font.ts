import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { GatewayError } from '../errors';

/**
 * Where distributions install a TrueType font with Vietnamese glyphs: DejaVu Sans (Debian
 * and Ubuntu `fonts-dejavu-core`, Fedora, Alpine `font-dejavu`, Arch), then Noto Sans.
 * pdfkit's fourteen standard fonts cover Latin-1 only: `ệ`, `ư`, `đ` come out wrong.
 */
export const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/noto/NotoSans-Regular.ttf',
];

/** Every letter of Vietnamese, lower and upper case: a font for the sheets must draw each. */
export const VIETNAMESE_LETTERS = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';

/**
 * The font file PDF sheets are set in: the configured one, else the first of
 * `FONT_CANDIDATES` on this machine, else null (PDF sheets are then refused; SVG sheets
 * need no font file). A configured file that is missing, unreadable, or lacks a Vietnamese
 * letter stops start-up with CONFIG_INVALID naming the letter.
 */
export function findVietnameseFont(configured: string | undefined, candidates: readonly string[] = FONT_CANDIDATES): string | null {
  if (configured !== undefined) {
    if (!existsSync(configured)) throw new GatewayError('CONFIG_INVALID', `printing.fontFile ${configured} does not exist`);
    const missing = missingLetter(configured);
    if (missing !== null) throw new GatewayError('CONFIG_INVALID', `printing.fontFile ${configured} has no glyph for "${missing}": a PDF sheet would print Vietnamese wrong`);
    return configured;
  }
  return candidates.find((file) => existsSync(file) && missingLetter(file) === null) ?? null;
}

/** The first Vietnamese letter the font cannot draw, or null when it draws all. */
function missingLetter(file: string): string | null {
  let font: { hasGlyphForCodePoint?: (codePoint: number) => boolean } | undefined;
  try {
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.font(file);
    // pdfkit keeps the fontkit font of an embedded TrueType font here; it is how glyph coverage can be asked.
    font = (doc as unknown as { _font?: { font?: typeof font } })._font?.font;
  } catch (err) {
    throw new GatewayError('CONFIG_INVALID', `the font ${file} cannot be read: ${(err as Error).message}`);
  }
  if (typeof font?.hasGlyphForCodePoint !== 'function') return null;
  for (const letter of VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.toLocaleUpperCase('vi')) {
    if (!font.hasGlyphForCodePoint(letter.codePointAt(0)!)) return letter;
  }
  return null;
}
