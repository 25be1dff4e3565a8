import { XmlReadError } from './xml-read-error';

/**
 * The text of an XML document sent as bytes. Only UTF-8 is read (the one encoding every
 * source here declares): a UTF-16 byte order mark, bytes that are not UTF-8, or an
 * encoding declaration naming anything else are refused, never guessed at. A UTF-8 byte
 * order mark is dropped. A declaration of "utf-16" on bytes that are UTF-8 is the one
 * misdeclaration read anyway: it is what .NET writes through a StringWriter, and real
 * UTF-16 bytes could never have been read as its ASCII text.
 * @throws XmlReadError ENCODING
 */
export function decodeXmlBytes(bytes: Buffer): string {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new XmlReadError('ENCODING', 'the document is UTF-16 (it starts with a UTF-16 byte order mark); only UTF-8 is read');
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new XmlReadError('ENCODING', 'the document is not valid UTF-8');
  }
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(xml.slice(0, 200))?.[1];
  // .NET services that write XML through a StringWriter declare "utf-16" and send UTF-8:
  // bytes that really were UTF-16 could not have decoded as this ASCII declaration.
  if (declared !== undefined && !/^utf-?8$/i.test(declared) && !/^utf-?16$/i.test(declared)) {
    throw new XmlReadError('ENCODING', `the document declares encoding ${JSON.stringify(declared)}; only UTF-8 is read`);
  }
  return xml;
}
