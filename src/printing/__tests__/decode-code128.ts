import { PNG } from 'pngjs';

/**
 * Bar and space widths of the 107 Code 128 symbols (ISO/IEC 15417, table 1), in modules:
 * values 0–102, then Start A, Start B, Start C; Stop has seven elements. Written out here,
 * apart from bwip-js, so the test reads bars as a scanner does.
 */
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232',
];
const STOP = '2331112';

/**
 * Decodes the Code 128 barcode of a PNG the way a scanner would: one row across the bars,
 * run lengths turned into module widths, symbols looked up, the checksum verified, code
 * sets A, B and C followed. Throws when anything does not add up.
 */
export function decodeCode128Png(png: Buffer): string {
  const image = PNG.sync.read(png);
  const y = Math.floor(image.height * 0.3);
  const dark: boolean[] = [];
  for (let x = 0; x < image.width; x++) dark.push(image.data[(y * image.width + x) * 4]! < 128);
  return decodeRuns(runsOf(dark));
}

/**
 * Decodes the bars of a bwip-js SVG: each bar is a vertical line `M{x} {y1}L{x} {y2}` in a
 * path whose `stroke-width` is the bar's width; the bars are laid side by side on a row of
 * unit-wide cells and read like the PNG.
 */
export function decodeCode128Svg(svg: string): string {
  const bars: Array<[number, number]> = [];
  for (const path of svg.matchAll(/<path stroke="#000000" stroke-width="(\d+(?:\.\d+)?)" d="([^"]+)"/g)) {
    const width = Number(path[1]);
    for (const move of path[2]!.matchAll(/M(\d+(?:\.\d+)?) /g)) bars.push([Number(move[1]) - width / 2, width]);
  }
  if (bars.length === 0) throw new Error('no bars in the SVG');
  const end = Math.max(...bars.map(([x, w]) => x + w));
  const dark = new Array<boolean>(Math.ceil(end)).fill(false);
  for (const [x, w] of bars) for (let i = Math.round(x); i < Math.round(x + w); i++) dark[i] = true;
  return decodeRuns(runsOf(dark));
}

function runsOf(dark: boolean[]): number[] {
  const first = dark.indexOf(true);
  const last = dark.lastIndexOf(true);
  const runs: number[] = [];
  for (let x = first; x <= last; ) {
    let end = x;
    while (end <= last && dark[end] === dark[x]) end++;
    runs.push(end - x);
    x = end;
  }
  return runs;
}

function decodeRuns(runs: number[]): string {
  // A symbol is six runs over 11 modules; the start symbol gives the module width.
  const module = runs.slice(0, 6).reduce((a, b) => a + b, 0) / 11;
  const widths = runs.map((r) => String(Math.round(r / module))).join('');
  const values: number[] = [];
  let at = 0;
  while (at < widths.length) {
    if (widths.slice(at) === STOP) break;
    const value = PATTERNS.indexOf(widths.slice(at, at + 6));
    if (value === -1) throw new Error(`no Code 128 symbol ${widths.slice(at, at + 6)} at element ${at}`);
    values.push(value);
    at += 6;
  }
  if (widths.slice(at) !== STOP) throw new Error('no stop symbol');
  const [start, ...rest] = values;
  const check = rest.pop()!;
  const sum = rest.reduce((total, v, i) => total + v * (i + 1), start!);
  if (sum % 103 !== check) throw new Error(`checksum ${check} does not match ${sum % 103}`);
  let set: 'A' | 'B' | 'C' = start === 103 ? 'A' : start === 104 ? 'B' : 'C';
  let text = '';
  for (const v of rest) {
    if (set === 'C') {
      if (v < 100) text += String(v).padStart(2, '0');
      else set = v === 100 ? 'B' : 'A';
    } else if (v === 99) set = 'C';
    else if (v === 100 && set === 'A') set = 'B';
    else if (v === 101 && set === 'B') set = 'A';
    else if (v < 96) text += set === 'B' ? String.fromCharCode(v + 32) : String.fromCharCode(v < 64 ? v + 32 : v - 64);
    else throw new Error(`function symbol ${v} not expected in a dossier code`);
  }
  return text;
}
