import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { createPrinting } from '../create-printing';
import { isLookupSecret, lookupSecretOf } from '../lookup-secret';
import { decodeCode128Png, decodeCode128Svg } from './decode-code128';

const key = Buffer.alloc(32, 7);
const printing = createPrinting({ procedurePageUrl: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}', publicBaseUrl: 'https://motcua.nghean.gov.vn/', lookupKey: key, fontFile: () => null });

/** The text of the QR code in a base64 PNG, read with jsQR as a phone camera would. */
function readQr(base64: string): string | null {
  const image = PNG.sync.read(Buffer.from(base64, 'base64'));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('procedure QR codes', () => {
  it('carry the national portal\'s page of the procedure, read back from the PNG', async () => {
    const image = await printing.procedureQr('1.001612', 'PNG');
    expect(image).toMatchObject({ format: 'PNG', mediaType: 'image/png', url: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001612' });
    expect(readQr(image.data)).toBe('https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001612');
  });

  it('follow the configured pattern, with the code escaped', async () => {
    const other = createPrinting({ procedurePageUrl: 'https://csdl.dichvucong.gov.vn/web/jsp/download_file.jsp?ma={code}&v=2', publicBaseUrl: 'https://x', lookupKey: key, fontFile: () => null });
    const image = await other.procedureQr('1.003560.000.00.00.H56', 'PNG');
    expect(readQr(image.data)).toBe('https://csdl.dichvucong.gov.vn/web/jsp/download_file.jsp?ma=1.003560.000.00.00.H56&v=2');
    expect(other.procedureUrl('a b&c')).toBe('https://csdl.dichvucong.gov.vn/web/jsp/download_file.jsp?ma=a%20b%26c&v=2');
  });

  it('come as SVG text too', async () => {
    const image = await printing.procedureQr('1.001612', 'SVG');
    expect(image).toMatchObject({ format: 'SVG', mediaType: 'image/svg+xml' });
    expect(image.data).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
  });
});

describe('dossier receipts', () => {
  const code = '000.00.06.H41-240315-0001';

  it('carry a QR code of the citizen\'s status link with the dossier\'s secret', async () => {
    const receipt = printing.receipt(code);
    const secret = lookupSecretOf(code, key);
    expect(receipt.lookupUrl).toBe(`https://motcua.nghean.gov.vn/tra-cuu/000.00.06.H41-240315-0001?k=${secret}`);
    const qr = await receipt.qrCode('PNG');
    expect(readQr(qr.data)).toBe(receipt.lookupUrl);
    expect(qr.url).toBe(receipt.lookupUrl);
  });

  it('carry a Code 128 barcode a scanner reads back as the dossier code', async () => {
    const barcode = await printing.receipt(code).barcode('PNG');
    expect(barcode).toMatchObject({ format: 'PNG', mediaType: 'image/png', url: null });
    expect(decodeCode128Png(Buffer.from(barcode.data, 'base64'))).toBe(code);
    const other = await printing.receipt('000.00.53.H48-991231-12345').barcode('PNG');
    expect(decodeCode128Png(Buffer.from(other.data, 'base64'))).toBe('000.00.53.H48-991231-12345');
  });

  it('draw the barcode as SVG whose bars read back as the dossier code, with the code printed under them', async () => {
    const svg = (await printing.receipt(code).barcode('SVG')).data;
    expect(svg).toMatch(/^<svg viewBox="0 0 \d+ \d+" xmlns="http:\/\/www.w3.org\/2000\/svg">/);
    expect(decodeCode128Svg(svg)).toBe(code);
    // bwip-js draws the human-readable line as glyph outlines (a path without a stroke), below the bars' lower end.
    const barsEnd = Math.max(...[...svg.matchAll(/M\d+ (\d+)L/g)].map((m) => Number(m[1])));
    const text = /<path d="M[\d.]+ ([\d.]+)/.exec(svg);
    expect(text).not.toBeNull();
    expect(Number(text![1])).toBeGreaterThan(barsEnd);
  });
});

describe('lookup secrets', () => {
  it('are 16 base64url characters, the same for the same code and key, different for another code or key', () => {
    const secret = lookupSecretOf('000.00.06.H41-240315-0001', key);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(lookupSecretOf('000.00.06.H41-240315-0001', key)).toBe(secret);
    expect(lookupSecretOf('000.00.06.H41-240315-0002', key)).not.toBe(secret);
    expect(lookupSecretOf('000.00.06.H41-240315-0001', Buffer.alloc(32, 8))).not.toBe(secret);
  });

  it('are checked against the code they were made for only', () => {
    const secret = lookupSecretOf('000.00.06.H41-240315-0001', key);
    expect(isLookupSecret('000.00.06.H41-240315-0001', secret, key)).toBe(true);
    expect(isLookupSecret('000.00.06.H41-240315-0002', secret, key)).toBe(false);
    expect(isLookupSecret('000.00.06.H41-240315-0001', secret.slice(0, 15), key)).toBe(false);
    expect(isLookupSecret('000.00.06.H41-240315-0001', undefined, key)).toBe(false);
    expect(isLookupSecret('000.00.06.H41-240315-0001', ['x'], key)).toBe(false);
  });
});
