import type { SimRequest, SimResponse } from '../kit';
import { OAUTH_ERRORS } from './error-codes';
import type { TokenRegistry } from './token-registry';

/**
 * `POST /v4/oa/access_token` (Zalo OAuth v4 for Official Accounts), the refresh grant:
 * form fields `app_id`, `grant_type=refresh_token`, `refresh_token`, the app's secret in a
 * `secret_key` header. Answers `{access_token, refresh_token, expires_in}` with
 * `expires_in` as a string of seconds, as Zalo sends it; failures come with HTTP 200 and
 * `error`, `error_name`, `error_description`.
 */
export function handleAccessToken(req: SimRequest, { appId, secretKey, tokens }: { appId: string; secretKey: string; tokens: TokenRegistry }): SimResponse {
  const form = new URLSearchParams(req.text());
  if (req.headers.secret_key !== secretKey || form.get('app_id') !== appId) return json(OAUTH_ERRORS.INVALID_APP);
  if (form.get('grant_type') !== 'refresh_token') return json(OAUTH_ERRORS.INVALID_GRANT_TYPE);
  const pair = tokens.refresh(form.get('refresh_token') ?? '');
  if (!pair) return json(OAUTH_ERRORS.INVALID_REFRESH_TOKEN);
  return json({ access_token: pair.accessToken, refresh_token: pair.refreshToken, expires_in: String(pair.expiresInSeconds) });
}

function json(value: unknown): SimResponse {
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}
