import type { Connection, Model } from 'mongoose';
import type { Logger } from 'pino';
import type { DataKeyring } from '../seal';

export interface MongoModelOptions {
  auditRetentionDays: number;
}

/** What a MongoDB repository gets to work with once its models exist and are indexed. */
export interface MongoContext {
  connection: Connection;
  logger: Logger;
  /** True on a replica set or sharded cluster; a standalone server has no transactions. */
  supportsTransactions: boolean;
  /** Seals and opens personal data at rest; absent when none is configured. */
  keyring?: DataKeyring;
}

/**
 * How a repository lives in MongoDB: its models (schemas with validation and every index
 * its queries need, compiled on the store's own connection; testable without a server)
 * and a factory. The store creates each model's collection and syncs its indexes before
 * `create` runs. Adding a repository is one file exporting one of these, listed in
 * `repositories.ts`.
 */
export interface MongoRepositoryDefinition<R, M extends Record<string, Model<any>>> {
  defineModels(connection: Connection, options: MongoModelOptions): M;
  create(models: M, context: MongoContext): R;
}
