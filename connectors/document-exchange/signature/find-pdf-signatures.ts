/** One signature field of a PDF: the bytes it signs and the CMS it carries. */
export interface PdfSignatureField {
  /** `/ByteRange [a b c d]`: the signed bytes are [a, a+b) and [c, c+d). */
  byteRange: [number, number, number, number];
  /** The decoded `/Contents` (CMS, DER, with the placeholder's zero padding). */
  contents: Buffer;
  /** `/SubFilter`, e.g. `adbe.pkcs7.detached`; null when absent. */
  subFilter: string | null;
  /** `/M` as the signer's software wrote it (a PDF date), null when absent. */
  claimedTime: string | null;
  /** Where the field's own problem lies, when its byte range is not a usable one (then `contents` may be empty). */
  problem?: string;
}

/** True when the bytes are a PDF file (by its header). */
export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-');
}

/**
 * The signature fields of a PDF, in file order, found by their `/ByteRange` (ISO 32000-1
 * §12.8.1). A byte range is usable only when it starts at 0, leaves out exactly one hole,
 * and that hole is exactly the field's `/Contents <hex>` string: anything else (a range
 * past the end, a hole around other bytes) is reported as the field's `problem`, since
 * it is how signature-wrapping attacks on PDFs work.
 *
 * Reads the file as Latin-1 text, no PDF parser: signature dictionaries are never in
 * compressed object streams (their `/Contents` must be a literal hole in the file).
 */
export function findPdfSignatures(pdf: Buffer): PdfSignatureField[] {
  const text = pdf.toString('latin1');
  const fields: PdfSignatureField[] = [];
  for (const match of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
    const [a, b, c, d] = byteRange;
    const objectStart = text.lastIndexOf(' obj', match.index);
    const objectEnd = text.indexOf('endobj', match.index);
    const dictionary = text.slice(objectStart === -1 ? Math.max(0, match.index - 4096) : objectStart, objectEnd === -1 ? match.index + 4096 : objectEnd);
    const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(dictionary)?.[1] ?? null;
    const claimedTime = /\/M\s*\((D:[^)]*)\)/.exec(dictionary)?.[1] ?? null;
    const field = { byteRange, subFilter, claimedTime, contents: Buffer.alloc(0) };
    if (a !== 0 || b <= 0 || c <= b || d < 0 || c + d > pdf.length) {
      fields.push({ ...field, problem: `its /ByteRange [${byteRange.join(' ')}] does not fit a file of ${pdf.length} bytes` });
      continue;
    }
    const hole = text.slice(b, c);
    if (!/^<[0-9A-Fa-f\s]*>$/.test(hole) || !/\/Contents\s*$/.test(text.slice(Math.max(0, b - 64), b))) {
      fields.push({ ...field, problem: 'the bytes its /ByteRange leaves out are not exactly its /Contents string' });
      continue;
    }
    fields.push({ ...field, contents: Buffer.from(hole.slice(1, -1).replace(/\s+/g, ''), 'hex') });
  }
  return fields;
}

/** A PDF date `D:YYYYMMDDHHmmSSOHH'mm'` (ISO 32000-1 §7.9.4) as a Date; null when it is not one. */
export function parsePdfDate(value: string | null): Date | null {
  const m = value && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+-Z])(\d{2})?'?(\d{2})?'?)?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const offset = !sign || sign === 'Z' ? 'Z' : `${sign}${oh}:${om}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}
