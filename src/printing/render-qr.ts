import QRCode from 'qrcode';
import { MEDIA_TYPES, type PrintedImage } from './image';

/**
 * A QR code of `url` (qrcode, error correction M: a printed code still reads when a
 * corner is smudged), as SVG text or a PNG in base64, with the quiet zone of four modules
 * the standard asks for.
 */
export async function renderQr(url: string, format: 'SVG' | 'PNG'): Promise<PrintedImage> {
  const options = { errorCorrectionLevel: 'M' as const, margin: 4 };
  if (format === 'SVG') return { format, mediaType: MEDIA_TYPES.SVG, data: await QRCode.toString(url, { ...options, type: 'svg' }), url };
  const png = await QRCode.toBuffer(url, { ...options, type: 'png', scale: 8 });
  return { format, mediaType: MEDIA_TYPES.PNG, data: png.toString('base64'), url };
}

/** The dark modules of `url`'s QR code (error correction M), row by row, for drawing it in a sheet. */
export function qrModules(url: string): { size: number; isDark(row: number, column: number): boolean } {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  return { size: modules.size, isDark: (row, column) => Boolean(modules.get(row, column)) };
}
