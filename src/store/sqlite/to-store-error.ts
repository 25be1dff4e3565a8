import { GatewayError, isGatewayError } from '../../errors';

// SQLite result codes that mean the file cannot be used right now (locked, disk full or
// failing, unreadable) rather than a bad statement or a constraint: https://sqlite.org/rescode.html
const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL|NOMEM|PERM|AUTH)/;

/**
 * The one place the SQLite adapter turns better-sqlite3 failures into catalogue errors:
 * an unusable database becomes STORE_UNAVAILABLE (the audit writer retries those);
 * anything else (a constraint, a misuse) is returned unchanged.
 */
export function toStoreError(error: unknown): unknown {
  if (isGatewayError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  // Not `instanceof`: the addon's errors may come from another realm (as under jest).
  const message = (error as { message?: unknown } | null)?.message;
  const closed = typeof message === 'string' && /database connection is not open/i.test(message);
  const fileSystem = typeof code === 'string' && /^E(ACCES|PERM|ROFS|NOSPC|NOTDIR)$/.test(code);
  if ((typeof code === 'string' && UNAVAILABLE_CODES.test(code)) || closed || fileSystem) {
    return new GatewayError('STORE_UNAVAILABLE', `The SQLite store cannot be used: ${String(message ?? error)}`, { store: 'sqlite' }, error);
  }
  return error;
}
