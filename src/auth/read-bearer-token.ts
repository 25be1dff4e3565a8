import { authRefusal } from './auth-refusal';

/**
 * Longest token read, in characters. Real access tokens are a few kilobytes; Node refuses
 * request headers over 16 KiB by default, so this only matters when that is raised.
 */
export const MAX_TOKEN_LENGTH = 16_384;

/** A JWS in compact form: three base64url parts; the signature may be empty (`alg: none`, refused later). */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * The JWT of an `Authorization: Bearer <token>` header (RFC 6750 §2.1; the scheme is
 * case-insensitive, RFC 9110 §11.1), or null when there is no header or it is blank.
 * Anything else throws UNAUTHENTICATED with TOKEN_MALFORMED: another scheme, no token,
 * a token over MAX_TOKEN_LENGTH or not in compact JWS form. Messages describe the header,
 * never repeat it.
 */
export function readBearerToken(authorizationHeader: string | undefined): string | null {
  if (authorizationHeader === undefined || authorizationHeader.trim() === '') return null;
  const header = authorizationHeader.trim();
  const space = header.indexOf(' ');
  const scheme = space === -1 ? header : header.slice(0, space);
  if (scheme.toLowerCase() !== 'bearer') {
    const shown = /^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(scheme) ? `the ${scheme} scheme` : 'another scheme';
    throw authRefusal('TOKEN_MALFORMED', `The Authorization header must be "Bearer <JWT>"; it uses ${shown}.`);
  }
  const token = space === -1 ? '' : header.slice(space + 1).trimStart();
  if (token === '') throw authRefusal('TOKEN_MALFORMED', 'The Authorization header has the Bearer scheme but no token after it.');
  if (token.length > MAX_TOKEN_LENGTH) {
    throw authRefusal('TOKEN_MALFORMED', `The bearer token is ${token.length} characters long; at most ${MAX_TOKEN_LENGTH} are accepted.`);
  }
  if (!COMPACT_JWS.test(token)) {
    throw authRefusal('TOKEN_MALFORMED', 'The bearer token is not a JWT in compact form: three base64url parts separated by dots.');
  }
  return token;
}
