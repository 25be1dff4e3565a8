import bwipjs from 'bwip-js';
import { MEDIA_TYPES, type PrintedImage } from './image';

/**
 * A Code 128 barcode of `text` (bwip-js), with the text printed under the bars, as SVG or
 * a PNG in base64: what a receipt (giấy biên nhận) carries so a desk scanner reads the
 * dossier code back. Code 128 takes ASCII only; dossier codes are.
 */
export async function renderCode128(text: string, format: 'SVG' | 'PNG'): Promise<PrintedImage> {
  const options = { bcid: 'code128', text, includetext: true, textxalign: 'center' as const, scale: 2, height: 12, paddingwidth: 10, paddingheight: 4, backgroundcolor: 'FFFFFF' };
  if (format === 'SVG') return { format, mediaType: MEDIA_TYPES.SVG, data: bwipjs.toSVG(options), url: null };
  const png = await bwipjs.toBuffer(options);
  return { format, mediaType: MEDIA_TYPES.PNG, data: png.toString('base64'), url: null };
}
