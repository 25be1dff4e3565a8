export { createSqliteStore } from './create-sqlite-store';
export type { SqliteStoreOptions } from './create-sqlite-store';
