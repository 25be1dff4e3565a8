import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { redactMongodbUri } from '../redact-mongodb-uri';
import type { Store, StoreRepositories } from '../store';
import { withStoreErrors } from '../with-store-errors';
import type { MongoContext } from './mongo-repository';
import { mongoRepositories } from './repositories';
import { toStoreError } from './to-store-error';

export interface MongoStoreOptions {
  uri: string;
  auditRetentionDays: number;
  logger: Logger;
}

/**
 * Connects with a connection of its own (never mongoose's global default, so the gateway
 * can hold several and close this one cleanly), with:
 * - sanitizeFilter: a value that looks like an operator is compared with `$eq`, never run;
 * - bufferCommands off: while the server is away, calls fail at once with
 *   STORE_UNAVAILABLE (the audit writer retries) instead of queueing in memory;
 * - autoIndex off: the store creates every collection and syncs its indexes (including a
 *   changed TTL) before the store is returned, so queries never run unindexed.
 * Writes use the server's default write concern (majority, journaled, on a replica set).
 */
export async function createMongoStore({ uri, auditRetentionDays, logger }: MongoStoreOptions): Promise<Store> {
  const location = redactMongodbUri(uri);
  const connection = mongoose.createConnection(uri, {
    sanitizeFilter: true,
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: 10_000,
  });
  const repositories = {} as Record<keyof StoreRepositories, unknown>;
  try {
    await connection.asPromise();
    const hello = (await connection.db!.admin().command({ hello: 1 })) as { setName?: string; msg?: string };
    const context: MongoContext = { connection, logger, supportsTransactions: typeof hello.setName === 'string' || hello.msg === 'isdbgrid' };
    for (const [name, definition] of Object.entries(mongoRepositories)) {
      const models = definition.defineModels(connection, { auditRetentionDays });
      for (const model of Object.values(models)) {
        await model.createCollection();
        const dropped = await model.syncIndexes();
        if (dropped.length > 0) logger.info({ collection: model.collection.collectionName, dropped }, 'replaced MongoDB indexes');
      }
      repositories[name as keyof StoreRepositories] = withStoreErrors(definition.create(models, context), toStoreError);
    }
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw toStoreError(error);
  }

  let closing: Promise<void> | undefined;
  logger.info({ location }, 'opened MongoDB store');
  return {
    kind: 'mongodb',
    location,
    ...(repositories as StoreRepositories),
    async ping() {
      try {
        await connection.db!.admin().command({ ping: 1 });
      } catch (error) {
        throw toStoreError(error);
      }
    },
    close: () =>
      (closing ??= connection.close().then(() => {
        logger.info({ location }, 'closed MongoDB store');
      })),
  };
}
