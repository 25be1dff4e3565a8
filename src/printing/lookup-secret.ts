import { createHmac, timingSafeEqual } from 'node:crypto';

/** 16 base64url characters: 96 bits, beyond guessing at any rate the public lookup allows. */
const SECRET_LENGTH = 16;

/**
 * The per-dossier secret of the public status lookup: HMAC-SHA256 of the dossier code
 * under the server's lookup key, base64url, cut to 16 characters. Nothing is stored per
 * dossier (the secret is recomputed from the code), a code alone cannot be turned into a
 * link without the key, and changing the key invalidates every printed link at once.
 */
export function lookupSecretOf(dossierCode: string, key: Buffer): string {
  return createHmac('sha256', key).update(`lienthong/lookup/v1\u0000${dossierCode}`, 'utf8').digest('base64url').slice(0, SECRET_LENGTH);
}

/** True when `given` is the dossier's secret; compared in constant time, so timing tells nothing of it. */
export function isLookupSecret(dossierCode: string, given: unknown, key: Buffer): boolean {
  if (typeof given !== 'string' || given.length !== SECRET_LENGTH) return false;
  return timingSafeEqual(Buffer.from(lookupSecretOf(dossierCode, key)), Buffer.from(given));
}
