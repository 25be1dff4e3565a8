import path from 'node:path';
import jsQR from 'jsqr';
import { inflateSync } from 'node:zlib';
import { isGatewayError } from '../../errors';
import { createPrinting } from '../create-printing';
import { findVietnameseFont, FONT_CANDIDATES } from '../find-vietnamese-font';
import { wrap } from '../render-board-svg';

const font = findVietnameseFont(undefined);
const printing = (fontFile: string | null = font) => createPrinting({ procedurePageUrl: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}', publicBaseUrl: 'https://x', lookupKey: Buffer.alloc(32, 1), fontFile: () => fontFile });
const board = {
  agencyCode: '000.06.00.H41',
  agencyName: 'UBND xã Thanh Thái – huyện Thanh Chương',
  procedures: [
    { code: '1.001612', name: 'Đăng ký khai sinh' },
    { code: '1.000894', name: 'Đăng ký kết hôn' },
    { code: '2.000986', name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận & <xác nhận>' },
    { code: '1.004227', name: 'Thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân' },
    { code: '2.000815', name: 'Cấp bản sao trích lục & <bản chính>' },
  ],
};

/** Every Unicode character the PDF's fonts map glyphs to (their ToUnicode CMaps), read from the inflated streams. */
function mappedCharacters(pdf: Buffer): Set<string> {
  const text = pdf.toString('latin1');
  const chars = new Set<string>();
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, text.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue;
    }
    if (!content.includes('begincmap')) continue;
    for (const array of content.matchAll(/\[([^\]]*)\]/g)) {
      for (const hex of array[1]!.matchAll(/<([0-9a-f]+)>/gi)) chars.add(Buffer.from(hex[1]!, 'hex').swap16().toString('utf16le'));
    }
  }
  return chars;
}

/** Paints the rectangles of an SVG path `M{x} {y}h{w}v1h-{w}z…` on a white bitmap and reads it with jsQR. */
function readSvgQrPath(d: string): string | null {
  const cells = [...d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])] as const);
  const size = Math.max(...cells.map(([x, , w]) => x + w)) + 4;
  const scale = 4;
  const pixels = new Uint8ClampedArray(size * scale * size * scale * 4).fill(255);
  for (const [x, y, w] of cells) {
    for (let py = y * scale; py < (y + 1) * scale; py++) {
      for (let px = x * scale; px < (x + w) * scale; px++) pixels.fill(0, (py * size * scale + px) * 4, (py * size * scale + px) * 4 + 3);
    }
  }
  return jsQR(pixels, size * scale, size * scale)?.data ?? null;
}

describe('the procedure board', () => {
  it('is an SVG sheet with the agency, one QR code per procedure, and names escaped and wrapped', async () => {
    const sheet = await printing().procedureBoard(board, 'SVG');
    expect(sheet).toMatchObject({ format: 'SVG', mediaType: 'image/svg+xml', url: null });
    expect(sheet.data).toContain('>DANH MỤC THỦ TỤC HÀNH CHÍNH</text>');
    expect(sheet.data).toContain('>UBND xã Thanh Thái – huyện Thanh Chương</text>');
    expect(sheet.data.match(/<g data-code="/g)).toHaveLength(5);
    expect(sheet.data.match(/<path transform=/g)).toHaveLength(5);
    expect(sheet.data).toContain('>Đăng ký khai sinh</text>');
    expect(sheet.data).not.toContain('<bản chính>');
    expect(sheet.data).toContain('>Cấp bản sao trích lục &amp; &lt;bản</text>');
    expect(sheet.data).toContain('>chính&gt;</text>');
    expect(sheet.data).toContain('>1.004227</text>');
    const paths = [...sheet.data.matchAll(/<path transform="[^"]+" d="([^"]+)"/g)].map((m) => m[1]!);
    expect(readSvgQrPath(paths[0]!)).toBe('https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001612');
    expect(readSvgQrPath(paths[3]!)).toBe('https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.004227');
  });

  it('is an A4 PDF set in an embedded font that draws every Vietnamese letter of the sheet', async () => {
    expect(font).not.toBeNull();
    const sheet = await printing().procedureBoard(board, 'PDF');
    expect(sheet).toMatchObject({ format: 'PDF', mediaType: 'application/pdf' });
    const pdf = Buffer.from(sheet.data, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const mapped = mappedCharacters(pdf);
    for (const char of new Set([...`${board.agencyName}DANH MỤC THỦ TỤC HÀNH CHÍNHĐăng ký khai sinhĐăng ký kết hôn`.replace(/\s/g, '')])) {
      expect({ char, mapped: mapped.has(char) }).toEqual({ char, mapped: true });
    }
  });

  it('is refused as PDF with a clear error when no font with Vietnamese glyphs is there', async () => {
    const err = await printing(null).procedureBoard(board, 'PDF').catch((e: unknown) => e);
    expect(isGatewayError(err) && err.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((err as Error).message).toMatch(/font with Vietnamese glyphs.*format SVG/);
  });

  it('wraps a name into at most four lines, the last cut with an ellipsis', () => {
    expect(wrap('Đăng ký khai sinh', 30, 4)).toEqual(['Đăng ký khai sinh']);
    expect(wrap(board.procedures[2]!.name, 30, 4)).toEqual(['Chứng thực bản sao từ bản', 'chính giấy tờ, văn bản do cơ', 'quan tổ chức có thẩm quyền của', 'Việt Nam cấp hoặc chứng nhận…']);
  });
});

describe('findVietnameseFont', () => {
  it('finds DejaVu Sans or Noto Sans where the system installed them', () => {
    expect(FONT_CANDIDATES).toContain(font);
  });

  it('refuses a configured font without Vietnamese glyphs, naming a letter it lacks', () => {
    const ocr = path.join(__dirname, '../../../node_modules/bwip-js/fonts/OCRB7.ttf');
    expect(() => findVietnameseFont(ocr)).toThrow(/has no glyph for "[^"]+"/);
    expect(() => findVietnameseFont('/nonexistent/font.ttf')).toThrow(/does not exist/);
  });
});
