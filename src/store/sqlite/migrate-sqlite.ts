import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { GatewayError } from '../../errors';
import type { SqliteMigration } from './sqlite-repository';

/**
 * Brings every repository's schema to the newest version this build knows, in one
 * IMMEDIATE transaction (so two processes starting on the same file never both migrate),
 * recording each step in `schema_migration`. A file migrated by a newer build is refused
 * with STORE_UNAVAILABLE rather than written by code that does not know its schema.
 */
export function migrateSqlite(db: Database.Database, migrations: Record<string, readonly SqliteMigration[]>, logger: Logger): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    repository TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL,
    PRIMARY KEY (repository, version)
  ) STRICT`);
  const currentVersion = db.prepare<[string], { version: number | null }>('SELECT MAX(version) AS version FROM schema_migration WHERE repository = ?');
  const record = db.prepare('INSERT INTO schema_migration (repository, version, name, applied_at) VALUES (?, ?, ?, ?)');

  db.transaction(() => {
    for (const [repository, steps] of Object.entries(migrations)) {
      const current = currentVersion.get(repository)?.version ?? 0;
      if (current > steps.length) {
        throw new GatewayError(
          'STORE_UNAVAILABLE',
          `The SQLite schema of "${repository}" is at version ${current}, but this build only knows versions up to ${steps.length}; ` +
            'it was written by a newer lienthong. Run that version, or restore a backup.',
          { store: 'sqlite' },
        );
      }
      steps.slice(current).forEach((step, index) => {
        const version = current + index + 1;
        db.exec(step.sql);
        record.run(repository, version, step.name, Date.now());
        logger.info({ repository, version, migration: step.name }, 'applied SQLite migration');
      });
    }
  }).immediate();
}
