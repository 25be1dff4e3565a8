import { GatewayError, isGatewayError, type ErrorCode, type GatewayErrorExtensions } from '../../src/errors';

/**
 * What a message channel's failed send tells whoever retries it, carried in the error's
 * extensions: `retryable` (trying again later may succeed), `outcomeUnknown` (the provider
 * may have taken the message before the answer was lost: a retry must reuse the same
 * tracking id), and `retryAfterMs` when the provider said how long to wait.
 */
export interface SendFailureFacts {
  retryable: boolean;
  outcomeUnknown?: boolean;
  retryAfterMs?: number;
}

/** A catalogue error of a channel's send, with the facts a retry needs. */
export function sendFailure(code: ErrorCode, message: string, extensions: GatewayErrorExtensions & SendFailureFacts, cause?: unknown): GatewayError {
  return new GatewayError(code, message, extensions, cause);
}

/**
 * A failure of the transport (the kit's HTTP client: unreachable, timed out, reset, body
 * not readable) as a send failure: always retryable, and of unknown outcome unless the
 * connection was refused before anything was sent. Errors that already carry the facts
 * pass unchanged.
 */
export function asSendFailure(err: unknown, source: string): GatewayError {
  if (isGatewayError(err) && typeof err.extensions.retryable === 'boolean') return err;
  if (!isGatewayError(err)) return sendFailure('UPSTREAM_UNAVAILABLE', `${source} could not be reached`, { source, retryable: true, outcomeUnknown: true }, err);
  const refused = (err.originalError as { code?: unknown } | undefined)?.code === 'ECONNREFUSED';
  const { code: _code, ...extensions } = err.extensions;
  return sendFailure(err.code, err.message, { ...extensions, source, retryable: true, outcomeUnknown: !refused }, err.originalError ?? err);
}

/** True when a channel's send failed in a way a later retry may fix. */
export function isRetryableSendFailure(err: unknown): boolean {
  return isGatewayError(err) && err.extensions.retryable === true;
}
