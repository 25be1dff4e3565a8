import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { DataKeyring } from '../seal';
import type { Store, StoreRepositories } from '../store';
import { withStoreErrors } from '../with-store-errors';
import { migrateSqlite } from './migrate-sqlite';
import { openSqliteDatabase } from './open-sqlite-database';
import { sqliteRepositories } from './repositories';
import type { SqliteContext } from './sqlite-repository';
import { toStoreError } from './to-store-error';

export interface SqliteStoreOptions {
  dataDir: string;
  sqliteFile: string;
  auditRetentionDays: number;
  keyring?: DataKeyring;
  logger: Logger;
}

/**
 * Opens (creating if needed) `<dataDir>/<sqliteFile>`, migrates every repository's schema
 * and assembles the store. Failing to open or migrate rejects with STORE_UNAVAILABLE.
 */
export async function createSqliteStore({ dataDir, sqliteFile, auditRetentionDays, keyring, logger }: SqliteStoreOptions): Promise<Store> {
  const location = sqliteFile === ':memory:' ? ':memory:' : path.resolve(dataDir, sqliteFile);
  let db: Database.Database | undefined;
  try {
    if (location !== ':memory:') mkdirSync(path.dirname(location), { recursive: true });
    db = openSqliteDatabase(location);
    const migrations = Object.fromEntries(Object.entries(sqliteRepositories).map(([name, definition]) => [name, definition.migrations]));
    migrateSqlite(db, migrations, logger);
  } catch (error) {
    db?.close();
    throw toStoreError(error);
  }
  const database = db;

  const pending = new Set<Promise<unknown>>();
  const stops: Array<() => void> = [];
  const context: SqliteContext = {
    db: database,
    logger,
    auditRetentionDays,
    ...(keyring ? { keyring } : {}),
    track(work) {
      pending.add(work);
      const forget = () => pending.delete(work);
      work.then(forget, forget);
      return work;
    },
    onClose: (stop) => stops.push(stop),
  };

  const repositories = {} as Record<keyof StoreRepositories, unknown>;
  for (const [name, definition] of Object.entries(sqliteRepositories)) {
    repositories[name as keyof StoreRepositories] = withStoreErrors(definition.create(context), toStoreError, context.track);
  }

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    for (const stop of stops) stop();
    while (pending.size > 0) await Promise.allSettled([...pending]);
    try {
      database.pragma('optimize');
    } finally {
      database.close();
    }
    logger.info({ location }, 'closed SQLite store');
  }

  logger.info({ location }, 'opened SQLite store');
  return {
    kind: 'sqlite',
    location,
    ...(repositories as StoreRepositories),
    async ping() {
      try {
        database.prepare('SELECT 1').get();
      } catch (error) {
        throw toStoreError(error);
      }
    },
    close: () => (closing ??= close()),
  };
}
