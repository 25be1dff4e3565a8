import Database from 'better-sqlite3';

/** A parameter of a statement run by a reader. */
export type SqliteValue = string | number | bigint | Buffer | null;

/**
 * A read-only connection to a store file, for tools that read the store as it stands
 * beside a running gateway (the bench's hand-written baseline and its counts): in WAL
 * mode a reader in another process never blocks the gateway's writes, and sees each
 * commit whole. Statements are prepared once per text.
 */
export interface SqliteReader {
  all<T>(sql: string, params?: readonly SqliteValue[]): T[];
  get<T>(sql: string, params?: readonly SqliteValue[]): T | undefined;
  close(): void;
}

/** Opens `file` (which must exist) read-only. */
export function openSqliteReader(file: string): SqliteReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const prepared = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = prepared.get(sql);
    if (!statement) prepared.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  return {
    all: <T>(sql: string, params: readonly SqliteValue[] = []) => prepare(sql).all(...params) as T[],
    get: <T>(sql: string, params: readonly SqliteValue[] = []) => prepare(sql).get(...params) as T | undefined,
    close: () => db.close(),
  };
}

/** Statements run by every SQLite connection of this process since `countSqliteStatements()` was called. */
export interface SqliteStatementCounts {
  /** `get`, `all` and `iterate`. */
  reads: number;
  /** `run`. */
  writes: number;
}

/**
 * Counts the statements every SQLite connection of this process runs, from now on: for
 * benchmarks and diagnostics ("store reads per operation"), never for a gateway in
 * service. It wraps the methods of the driver's statement class once (statements
 * prepared before or after share them); each call costs one increment.
 */
export function countSqliteStatements(): () => SqliteStatementCounts {
  const counts: SqliteStatementCounts = { reads: 0, writes: 0 };
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  for (const [method, kind] of [['get', 'reads'], ['all', 'reads'], ['iterate', 'reads'], ['run', 'writes']] as const) {
    const original = proto[method]!;
    proto[method] = function counted(this: unknown, ...args: unknown[]) {
      counts[kind] += 1;
      return original.apply(this, args);
    };
  }
  return () => ({ ...counts });
}
