import type { SimRequest } from '../kit';

/**
 * The edXML file of a `sendEdoc` call, byte for byte: the multipart part named
 * `file_doc`, as the SDK uploads it (`HttpConnection.sendPostMultipartFileDoc`), or the
 * whole body when the request is not multipart (our reading, for clients that post the
 * file itself). Returns a Vietnamese reason when a multipart body has no such part or
 * cannot be read.
 */
export function readEdocFile(req: SimRequest): Buffer | string {
  const contentType = String(req.headers['content-type'] ?? '');
  if (!/^multipart\/form-data/i.test(contentType)) return req.body;
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return 'Yêu cầu multipart thiếu boundary';
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const body = req.body;
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const headersStart = start + delimiter.length;
    if (body.subarray(headersStart, headersStart + 2).toString('latin1') === '--') break;
    const headersEnd = body.indexOf('\r\n\r\n', headersStart);
    if (headersEnd === -1) break;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd + 4);
    if (next === -1) break;
    const partHeaders = body.subarray(headersStart, headersEnd).toString('utf8');
    if (/content-disposition:[^\r\n]*\bname="?file_doc"?/i.test(partHeaders)) return body.subarray(headersEnd + 4, next);
    start = next + 2;
  }
  return 'Không tìm thấy tệp gói tin (phần file_doc) trong yêu cầu';
}
