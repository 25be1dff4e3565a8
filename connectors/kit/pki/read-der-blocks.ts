/** DER bytes of a certificate or CRL, in a buffer of their own (as WebCrypto-based libraries take them). */
export type Der = Uint8Array<ArrayBuffer>;

/** PEM labels the gateway reads, by what the file should hold. */
const LABELS = {
  certificate: ['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE'],
  crl: ['X509 CRL'],
} as const;

/**
 * The DER blocks of a certificate or CRL file as CAs publish them: one or more PEM blocks
 * (`-----BEGIN CERTIFICATE-----`, `-----BEGIN X509 CRL-----`, text around them ignored), or
 * the DER bytes themselves. Blocks of other labels (a private key beside a certificate)
 * are skipped, never returned.
 * @throws Error naming `what` when a PEM block is not base64 or the file holds no block of the kind asked for.
 */
export function readDerBlocks(bytes: Uint8Array, kind: keyof typeof LABELS, what: string): Der[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (!text.includes('-----BEGIN ')) {
    if (bytes.length === 0) throw new Error(`${what} is empty`);
    // DER: a SEQUENCE (0x30) is how every certificate and CRL starts.
    if (bytes[0] !== 0x30) throw new Error(`${what} is neither PEM nor DER (it starts with byte 0x${bytes[0]!.toString(16).padStart(2, '0')})`);
    return [Uint8Array.from(bytes)];
  }
  const blocks: Der[] = [];
  const pattern = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (const match of text.matchAll(pattern)) {
    if (!(LABELS[kind] as readonly string[]).includes(match[1]!)) continue;
    const base64 = match[2]!.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) throw new Error(`${what} has a ${match[1]} block that is not base64`);
    blocks.push(Uint8Array.from(Buffer.from(base64, 'base64')));
  }
  if (blocks.length === 0) throw new Error(`${what} holds no ${LABELS[kind][0]} block`);
  return blocks;
}
