import type { JWK } from 'jose';
import { GatewayError } from '../errors';

/** Members that only a private or secret key has (RFC 7518 §6). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
const KEY_TYPES = ['RSA', 'EC', 'OKP'];

/**
 * Checks a configured key set before any token is verified with it: a JWK Set (RFC 7517
 * §5) of RSA, EC or OKP public keys. A private or secret key in the set is refused: it
 * would mean the signing key was published with the verifying one. Throws CONFIG_INVALID,
 * naming `origin` (the file or "auth.jwks.keys") and the offending key.
 */
export function checkPublicKeySet(value: unknown, origin: string): { keys: JWK[] } {
  const invalid = (what: string): GatewayError =>
    new GatewayError('CONFIG_INVALID', `The key set in ${origin} ${what}; expected a JWK Set of public keys: {"keys": [{"kty": "RSA" | "EC" | "OKP", "kid": ..., ...}]}.`);
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { keys?: unknown }).keys)) throw invalid('has no "keys" array');
  const keys = (value as { keys: unknown[] }).keys;
  if (keys.length === 0) throw invalid('is empty');
  keys.forEach((key, index) => {
    const label = `key ${index}${typeof (key as JWK | null)?.kid === 'string' ? ` (kid "${(key as JWK).kid}")` : ''}`;
    if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid(`has ${label} that is not an object`);
    const kty = (key as JWK).kty;
    if (typeof kty !== 'string' || !KEY_TYPES.includes(kty)) throw invalid(`has ${label} of kty ${JSON.stringify(kty)}`);
    const secret = PRIVATE_MEMBERS.filter((member) => member in key);
    if (secret.length > 0) throw invalid(`has ${label} with private members (${secret.join(', ')}): publish public keys only`);
  });
  return { keys: keys as JWK[] };
}
