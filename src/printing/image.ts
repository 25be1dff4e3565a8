/** Formats the gateway prints in. */
export type PrintFormat = 'SVG' | 'PNG' | 'PDF';

/**
 * A printable image or sheet: SVG as its text, PNG and PDF in base64. `url` is the link a
 * QR code carries, when it carries one.
 */
export interface PrintedImage {
  format: PrintFormat;
  mediaType: 'image/svg+xml' | 'image/png' | 'application/pdf';
  data: string;
  url: string | null;
}

export const MEDIA_TYPES = { SVG: 'image/svg+xml', PNG: 'image/png', PDF: 'application/pdf' } as const;
