import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { DataKeyring } from '../seal';

/** One step of a repository's schema. Steps run once, in order, each recorded in `schema_migration`. */
export interface SqliteMigration {
  name: string;
  sql: string;
}

/** What a SQLite repository gets to work with. */
export interface SqliteContext {
  db: Database.Database;
  logger: Logger;
  auditRetentionDays: number;
  /** Seals and opens personal data at rest; absent when none is configured. */
  keyring?: DataKeyring;
  /** Registers background work (the retention purge) that `Store.close()` must wait for; repository calls are tracked already. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Registers something to stop (a timer) when the store starts closing. */
  onClose(stop: () => void): void;
}

/**
 * How a repository lives in SQLite: its own ordered migrations (version n is
 * `migrations[n - 1]`; never edit or reorder a released step, append a new one) and a
 * factory. Adding a repository is one file exporting one of these, listed in
 * `repositories.ts`.
 */
export interface SqliteRepositoryDefinition<R> {
  migrations: readonly SqliteMigration[];
  create(context: SqliteContext): R;
}
