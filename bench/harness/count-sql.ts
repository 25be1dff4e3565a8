import Database from 'better-sqlite3';

/** Statements run on every better-sqlite3 database of this process since `countSql()` was called. */
export interface SqlCounts {
  /** `get`, `all` and `iterate`: reads. */
  reads: number;
  /** `run`: writes (and pragmas run as statements). */
  writes: number;
}

/**
 * Counts the SQL statements this process runs, for the bench's "store reads per
 * operation": wraps the methods of better-sqlite3's Statement class once (every
 * statement, prepared before or after, shares them). Bench processes only.
 */
export function countSql(): () => SqlCounts {
  const counts: SqlCounts = { reads: 0, writes: 0 };
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
