import { GatewayError, isGatewayError } from '../../errors';

const UNAVAILABLE_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

// Server codes for "not now" (https://www.mongodb.com/docs/manual/reference/error-codes/):
// HostUnreachable, HostNotFound, NetworkTimeout, ShutdownInProgress, PrimarySteppedDown,
// SocketException, NotWritablePrimary, InterruptedAtShutdown, InterruptedDueToReplStateChange,
// NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary, ExceededTimeLimit.
const UNAVAILABLE_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436, 262]);

/**
 * The one place the MongoDB adapter turns driver and mongoose failures into catalogue
 * errors: an unreachable, stepping-down or closed server becomes STORE_UNAVAILABLE (the
 * audit writer retries those); anything else (validation, a duplicate key) is returned
 * unchanged. Once the store is closed, every failure is STORE_UNAVAILABLE, whatever shape
 * the driver gives it.
 */
export function toStoreError(error: unknown, { closed = false }: { closed?: boolean } = {}): unknown {
  if (isGatewayError(error)) return error;
  if (closed) return new GatewayError('STORE_UNAVAILABLE', 'The MongoDB store is closed.', { store: 'mongodb' }, error);
  if (typeof error !== 'object' || error === null) return error;
  const { name, message, code, errorLabels } = error as { name?: unknown; message?: unknown; code?: unknown; errorLabels?: unknown };
  const labels = Array.isArray(errorLabels) ? errorLabels : [];
  const unavailable =
    (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) ||
    (typeof code === 'number' && UNAVAILABLE_CODES.has(code)) ||
    labels.includes('RetryableWriteError') ||
    labels.includes('TransientTransactionError') ||
    (name === 'MongooseError' && /initial connection|connection .*closed|not connected/i.test(String(message)));
  return unavailable ? new GatewayError('STORE_UNAVAILABLE', `The MongoDB store cannot be used: ${String(message)}`, { store: 'mongodb' }, error) : error;
}
