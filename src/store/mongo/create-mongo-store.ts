import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { GatewayError } from '../../errors';
import { redactMongodbUri } from '../redact-mongodb-uri';
import type { DataKeyring } from '../seal';
import type { Store, StoreRepositories } from '../store';
import { withStoreErrors } from '../with-store-errors';
import type { MongoContext } from './mongo-repository';
import { mongoRepositories } from './repositories';
import { toStoreError } from './to-store-error';

export interface MongoStoreOptions {
  uri: string;
  auditRetentionDays: number;
  keyring?: DataKeyring;
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
 * `close()` waits for the repository calls in flight, then closes the connection.
 */
export async function createMongoStore({ uri, auditRetentionDays, keyring, logger }: MongoStoreOptions): Promise<Store> {
  const location = redactMongodbUri(uri);
  const connection = mongoose.createConnection(uri, {
    sanitizeFilter: true,
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: 10_000,
  });
  const repositories = {} as Record<keyof StoreRepositories, unknown>;
  let closed = false;
  const mapError = (error: unknown) => toStoreError(error, { closed });
  const pending = new Set<Promise<unknown>>();
  const track = <R>(work: Promise<R>): Promise<R> => {
    pending.add(work);
    const forget = () => pending.delete(work);
    work.then(forget, forget);
    return work;
  };
  try {
    await connection.asPromise();
    const hello = (await connection.db!.admin().command({ hello: 1 })) as { setName?: string; msg?: string };
    const context: MongoContext = { connection, logger, ...(keyring ? { keyring } : {}), supportsTransactions: typeof hello.setName === 'string' || hello.msg === 'isdbgrid' };
    for (const [name, definition] of Object.entries(mongoRepositories)) {
      const models = definition.defineModels(connection, { auditRetentionDays });
      for (const model of Object.values(models)) {
        await model.createCollection();
        const dropped = await model.syncIndexes();
        if (dropped.length > 0) logger.info({ collection: model.collection.collectionName, dropped }, 'replaced MongoDB indexes');
      }
      repositories[name as keyof StoreRepositories] = withStoreErrors(definition.create(models, context), mapError, track);
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
        if (closed || !connection.db) throw new GatewayError('STORE_UNAVAILABLE', 'The MongoDB store is not connected.', { store: 'mongodb' });
        await connection.db.admin().command({ ping: 1 });
      } catch (error) {
        throw mapError(error);
      }
    },
    close: () =>
      (closing ??= (async () => {
        while (pending.size > 0) await Promise.allSettled([...pending]);
        closed = true;
        await connection.close();
        logger.info({ location }, 'closed MongoDB store');
      })()),
  };
}
