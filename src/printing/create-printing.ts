import type { PrintedImage } from './image';
import { createImageCache } from './image-cache';
import { isLookupSecret } from './lookup-secret';
import { lookupUrlOf } from './lookup-url';
import type { PrintingOptions } from './printing-options';
import type { ProcedureBoard } from './procedure-board';
import { procedurePageUrl } from './procedure-page-url';
import { renderBoardPdf } from './render-board-pdf';
import { renderBoardSvg } from './render-board-svg';
import { renderCode128 } from './render-code128';
import { renderQr } from './render-qr';

/** A dossier's receipt codes: the Code 128 barcode of its code and the QR code of its status link. */
export interface DossierReceipt {
  dossierCode: string;
  lookupUrl: string;
  barcode(format: 'SVG' | 'PNG'): Promise<PrintedImage>;
  qrCode(format: 'SVG' | 'PNG'): Promise<PrintedImage>;
}

/** Everything the gateway prints, configured once. */
export interface Printing {
  /** The national portal's page of a procedure, where its QR code leads. */
  procedureUrl(code: string): string;
  /** The QR code of a procedure's page. */
  procedureQr(code: string, format: 'SVG' | 'PNG'): Promise<PrintedImage>;
  /** An agency's procedure board (the procedures' links are made here). */
  procedureBoard(board: { agencyCode: string; agencyName: string; procedures: ReadonlyArray<{ code: string; name: string }> }, format: 'SVG' | 'PDF'): Promise<PrintedImage>;
  receipt(dossierCode: string): DossierReceipt;
  /** True when `secret` is the dossier's lookup secret. */
  isLookupSecret(dossierCode: string, secret: unknown): boolean;
}

export function createPrinting(options: PrintingOptions): Printing {
  const procedureUrl = (code: string): string => procedurePageUrl(code, options.procedurePageUrl);
  const cached = createImageCache();
  const qr = (url: string, format: 'SVG' | 'PNG') => cached(`qr:${format}:${url}`, () => renderQr(url, format));
  return {
    procedureUrl,
    procedureQr: (code, format) => qr(procedureUrl(code), format),
    async procedureBoard({ agencyCode, agencyName, procedures }, format) {
      const board: ProcedureBoard = { agencyCode, agencyName, procedures: procedures.map((p) => ({ ...p, url: procedureUrl(p.code) })) };
      return format === 'SVG' ? renderBoardSvg(board) : renderBoardPdf(board, options.fontFile());
    },
    receipt(dossierCode) {
      const lookupUrl = lookupUrlOf(dossierCode, options);
      return { dossierCode, lookupUrl, barcode: (format) => cached(`code128:${format}:${dossierCode}`, () => renderCode128(dossierCode, format)), qrCode: (format) => qr(lookupUrl, format) };
    },
    isLookupSecret: (dossierCode, secret) => isLookupSecret(dossierCode, secret, options.lookupKey),
  };
}
