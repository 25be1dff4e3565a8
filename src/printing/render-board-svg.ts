import { MEDIA_TYPES, type PrintedImage } from './image';
import { BOARD_HINT, BOARD_TITLE, type ProcedureBoard } from './procedure-board';
import { qrModules } from './render-qr';

/** A4 width at 72 dpi; the sheet grows downwards with the list. */
const WIDTH = 595;
const MARGIN = 36;
const COLUMNS = 3;
const CELL_WIDTH = (WIDTH - 2 * MARGIN) / COLUMNS;
const QR_SIZE = 96;
const CELL_HEIGHT = QR_SIZE + 74;
const HEADER = 100;
/** Characters per line of a name at 9 px in a cell (measured on DejaVu Sans, the usual viewer fallback). */
const LINE_CHARS = 30;
const NAME_LINES = 4;

/**
 * An agency's procedure board as one SVG sheet: the title and the agency's name, then a
 * grid of three columns, each cell the procedure's QR code (drawn as one path of its
 * rows' runs of dark modules), its name (wrapped, at most four lines) and its code. Text is escaped for XML
 * and left as text, so the sheet is searchable and a viewer renders Vietnamese with its
 * own fonts.
 */
export function renderBoardSvg(board: ProcedureBoard): PrintedImage {
  const rows = Math.ceil(board.procedures.length / COLUMNS);
  const height = MARGIN + HEADER + Math.max(1, rows) * CELL_HEIGHT + MARGIN;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="DejaVu Sans, Noto Sans, Arial, sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="${MARGIN + 18}" font-size="18" font-weight="bold" text-anchor="middle">${escapeXml(BOARD_TITLE)}</text>`,
    `<text x="${WIDTH / 2}" y="${MARGIN + 42}" font-size="14" text-anchor="middle">${escapeXml(board.agencyName)}</text>`,
    `<text x="${WIDTH / 2}" y="${MARGIN + 62}" font-size="9" text-anchor="middle" fill="#444444">${escapeXml(BOARD_HINT)}</text>`,
  ];
  board.procedures.forEach((procedure, i) => {
    const x = MARGIN + (i % COLUMNS) * CELL_WIDTH;
    const y = MARGIN + HEADER + Math.floor(i / COLUMNS) * CELL_HEIGHT;
    const qr = qrModules(procedure.url);
    const margin = 2;
    const scale = QR_SIZE / (qr.size + 2 * margin);
    // One rectangle per run of dark modules in a row: about half the path of one per module.
    let path = '';
    for (let row = 0; row < qr.size; row++) {
      for (let column = 0; column < qr.size; ) {
        if (!qr.isDark(row, column)) {
          column++;
          continue;
        }
        let end = column;
        while (end < qr.size && qr.isDark(row, end)) end++;
        path += `M${column + margin} ${row + margin}h${end - column}v1h-${end - column}z`;
        column = end;
      }
    }
    parts.push(`<g data-code="${escapeXml(procedure.code)}">`);
    parts.push(`<path transform="translate(${round(x + (CELL_WIDTH - QR_SIZE) / 2)} ${y}) scale(${round(scale)})" d="${path}" fill="#000000" shape-rendering="crispEdges"/>`);
    wrap(procedure.name, LINE_CHARS, NAME_LINES).forEach((line, n) => {
      parts.push(`<text x="${round(x + CELL_WIDTH / 2)}" y="${y + QR_SIZE + 14 + n * 11}" font-size="9" text-anchor="middle">${escapeXml(line)}</text>`);
    });
    parts.push(`<text x="${round(x + CELL_WIDTH / 2)}" y="${y + QR_SIZE + 14 + NAME_LINES * 11 + 4}" font-size="8" text-anchor="middle" fill="#444444">${escapeXml(procedure.code)}</text>`);
    parts.push('</g>');
  });
  parts.push('</svg>');
  return { format: 'SVG', mediaType: MEDIA_TYPES.SVG, data: parts.join('\n'), url: null };
}

/** Words into lines of at most `width` characters, at most `lines` of them, the last ending in `…` when text was left out. */
export function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let current = '';
  const words = text.normalize('NFC').split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = current === '' ? word : `${current} ${word}`;
    if ([...next].length <= width || current === '') {
      current = next;
      continue;
    }
    out.push(current);
    current = word;
    if (out.length === lines) {
      out[lines - 1] = `${[...out[lines - 1]!].slice(0, width - 1).join('').trimEnd()}…`;
      return out;
    }
  }
  if (current !== '') out.push(current);
  return out;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
