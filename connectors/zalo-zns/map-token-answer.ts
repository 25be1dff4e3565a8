import { readNumber, readObject, readText } from '../kit';
import { readCode } from './map-send-answer';

/** What a token refresh answered. */
export type ZaloTokenAnswer =
  | { kind: 'tokens'; accessToken: string; refreshToken: string; expiresInSeconds: number | null }
  | { kind: 'error'; code: number | null; description: string };

/**
 * Reads a Zalo OAuth v4 answer: `{access_token, refresh_token, expires_in}` (`expires_in`
 * a string of seconds, as Zalo sends it) or, with HTTP 200 too, `{error, error_name,
 * error_description}`. An answer without both tokens is an error: a refresh that returns
 * no new refresh token would leave the old one, already spent, in the store.
 */
export function mapTokenAnswer(raw: unknown): ZaloTokenAnswer {
  const body = readObject(raw);
  const accessToken = readText(body.access_token);
  const refreshToken = readText(body.refresh_token);
  const code = readCode(body.error);
  if (accessToken !== null && refreshToken !== null && (code === null || code === 0)) {
    const expires = readNumber(body.expires_in);
    return { kind: 'tokens', accessToken, refreshToken, expiresInSeconds: expires !== null && expires > 0 ? expires : null };
  }
  const description = readText(body.error_description) ?? readText(body.error_name) ?? readText(body.message) ?? 'no access_token and refresh_token in the answer';
  return { kind: 'error', code, description };
}
