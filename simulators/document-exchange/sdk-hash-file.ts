import { createHash } from 'node:crypto';

/**
 * The SHA-256 of a file in both hex forms a `hash-file` header may carry: the SDK's own
 * (`KnobstickServiceImp.createContentHA256` writes each byte with
 * `Integer.toHexString`, so bytes below 0x10 lose their leading zero) and the usual
 * zero-padded one.
 */
export function sdkHashFileForms(bytes: Buffer): [sdk: string, padded: string] {
  const digest = createHash('sha256').update(bytes).digest();
  return [[...digest].map((b) => b.toString(16)).join(''), digest.toString('hex')];
}
