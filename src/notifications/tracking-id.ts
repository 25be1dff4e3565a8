import { createHash } from 'node:crypto';

/**
 * The tracking id of one message: the same for the same dossier change (code and version)
 * and channel on every replica and after every restart, so a retried or repeated send
 * carries the id the provider saw the first time. 35 characters (Zalo takes up to 48).
 */
export function trackingIdOf(dossierCode: string, version: number, channel: string): string {
  return `lt-${createHash('sha256').update(`${dossierCode}\u0000${version}\u0000${channel}`).digest('hex').slice(0, 32)}`;
}
