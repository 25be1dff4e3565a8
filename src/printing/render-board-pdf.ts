import PDFDocument from 'pdfkit';
import { GatewayError } from '../errors';
import { MEDIA_TYPES, type PrintedImage } from './image';
import { BOARD_HINT, BOARD_TITLE, type ProcedureBoard } from './procedure-board';
import { qrModules } from './render-qr';

const MARGIN = 36;
const COLUMNS = 3;
const QR_SIZE = 96;
const CELL_HEIGHT = QR_SIZE + 70;

/**
 * An agency's procedure board as an A4 PDF (pdfkit): the title and the agency's name on
 * the first page, then the grid of three columns over as many pages as it takes, each cell
 * the procedure's QR code drawn as vector squares (sharp at any print size), its name
 * (wrapped, cut with `…` past four lines) and its code. Set in `fontFile`, embedded and
 * subset, since the standard PDF fonts cannot draw Vietnamese.
 */
export async function renderBoardPdf(board: ProcedureBoard, fontFile: string | null): Promise<PrintedImage> {
  if (fontFile === null) {
    throw new GatewayError('BAD_USER_INPUT', 'PDF sheets need a font with Vietnamese glyphs and none is installed (set printing.fontFile, or install fonts-dejavu-core); ask for format SVG');
  }
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${BOARD_TITLE} – ${board.agencyName}`, Author: 'lienthong' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('vi', fontFile);
  const width = doc.page.width - 2 * MARGIN;
  const cellWidth = width / COLUMNS;
  doc.font('vi').fontSize(16).text(BOARD_TITLE, MARGIN, MARGIN, { width, align: 'center' });
  doc.fontSize(13).text(board.agencyName, { width, align: 'center' });
  doc.fontSize(8).fillColor('#444444').text(BOARD_HINT, { width, align: 'center' }).fillColor('#000000');
  let top = doc.y + 16;
  board.procedures.forEach((procedure, i) => {
    const column = i % COLUMNS;
    if (column === 0 && i > 0) top += CELL_HEIGHT;
    if (column === 0 && top + CELL_HEIGHT > doc.page.height - MARGIN) {
      doc.addPage();
      top = MARGIN;
    }
    const x = MARGIN + column * cellWidth;
    drawQr(doc, procedure.url, x + (cellWidth - QR_SIZE) / 2, top);
    doc.fontSize(8).text(procedure.name, x + 4, top + QR_SIZE + 4, { width: cellWidth - 8, height: 42, align: 'center', ellipsis: '…' });
    doc.fontSize(7).fillColor('#444444').text(procedure.code, x + 4, top + QR_SIZE + 50, { width: cellWidth - 8, align: 'center', lineBreak: false }).fillColor('#000000');
  });
  doc.end();
  const pdf = await done;
  return { format: 'PDF', mediaType: MEDIA_TYPES.PDF, data: pdf.toString('base64'), url: null };
}

/** A QR code as filled squares, one rectangle per run of dark modules in a row. */
function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number): void {
  const qr = qrModules(url);
  const margin = 2;
  const module = QR_SIZE / (qr.size + 2 * margin);
  for (let row = 0; row < qr.size; row++) {
    for (let column = 0; column < qr.size; ) {
      if (!qr.isDark(row, column)) {
        column++;
        continue;
      }
      let end = column;
      while (end < qr.size && qr.isDark(row, end)) end++;
      doc.rect(x + (column + margin) * module, y + (row + margin) * module, (end - column) * module, module);
      column = end;
    }
  }
  doc.fill('#000000');
}
