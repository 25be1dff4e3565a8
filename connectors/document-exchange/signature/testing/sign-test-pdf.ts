import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import signpdf from '@signpdf/signpdf';
import PDFDocument from 'pdfkit';
import type { TestIdentity } from '../../../kit/pki/testing/create-test-pki';

/** A one-page PDF made with pdfkit, uncompressed so its text can be found and changed in tests. */
export function makeTestPdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const document = new PDFDocument({ compress: false, info: { CreationDate: new Date('2026-01-01T00:00:00Z') } });
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
    document.text(text);
    document.end();
  });
}

/**
 * Signs a PDF as a USB-token signing tool does (adbe.pkcs7.detached over the byte range,
 * RSA with SHA-256, signingTime attribute) with @signpdf and the identity's PKCS#12.
 */
export async function signTestPdf(pdf: Buffer, identity: TestIdentity, { signingTime = new Date() }: { signingTime?: Date } = {}): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({ pdfBuffer: pdf, reason: 'Ký số văn bản', contactInfo: 'vanthu@example.gov.vn', name: 'Văn thư', location: 'Việt Nam', signingTime });
  return signpdf.sign(withPlaceholder, new P12Signer(identity.pkcs12('test'), { passphrase: 'test' }), signingTime);
}

/** Appends an incremental update (a new object, xref section and trailer) after what was signed, as an editor saving changes would. */
export function appendIncrementalUpdate(pdf: Buffer, note: string): Buffer {
  const text = pdf.toString('latin1');
  const previousXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1] ?? 0);
  const size = Number([...text.matchAll(/\/Size\s+(\d+)/g)].pop()?.[1] ?? 1);
  const object = `${size} 0 obj\n(${note})\nendobj\n`;
  const objectOffset = pdf.length;
  const xrefOffset = objectOffset + object.length;
  const rootRef = [...text.matchAll(/\/Root\s+(\d+\s+\d+\s+R)/g)].pop()?.[1] ?? '1 0 R';
  const update = `${object}xref\n${size} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${rootRef} /Prev ${previousXref} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}
