import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { GatewayError } from '../errors';
import { redactMongodbUri } from './redact-mongodb-uri';
import { checkKeyring, type DataKeyring } from './seal';
import type { Store, StoreOptions } from './store';

const storeOptionsSchema = z.strictObject({
  mongodbUri: z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// connection string').optional(),
  dataDir: z.string().min(1).optional(),
  sqliteFile: z
    .string()
    .min(1)
    .refine((file) => file === ':memory:' || !/[\\/]/.test(file), 'must be a file name (put its directory in dataDir) or ":memory:"')
    .optional(),
  auditRetentionDays: z.number().int().min(1).max(36500).optional(),
  dataKeyring: z.custom<DataKeyring>((value) => (value as DataKeyring | null)?.keys instanceof Map, 'must be a DataKeyring').optional(),
  logger: z.custom<Logger>((value) => typeof (value as Logger | null)?.info === 'function', 'must be a pino logger').optional(),
});

/**
 * Opens the gateway's store: MongoDB when `mongodbUri` is given, otherwise an SQLite file
 * under `dataDir`. Options are checked first (CONFIG_INVALID, naming the bad option); a
 * database that cannot be opened or migrated is STORE_UNAVAILABLE. mongoose is only
 * loaded when MongoDB is chosen.
 */
export async function createStore(options: StoreOptions = {}): Promise<Store> {
  const parsed = storeOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const shown = options.mongodbUri === undefined ? options : { ...options, mongodbUri: redactMongodbUri(options.mongodbUri) };
    const { logger: _logger, ...received } = shown;
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`).join('; ');
    throw new GatewayError('CONFIG_INVALID', `Invalid store options: ${problems}. Received: ${JSON.stringify(received)}`);
  }
  const {
    mongodbUri,
    dataDir = './data',
    sqliteFile = 'lienthong.db',
    auditRetentionDays = 365,
    logger = pino({ enabled: false }),
  } = parsed.data;
  const keyring = parsed.data.dataKeyring ? checkKeyring(parsed.data.dataKeyring) : undefined;
  const storeLogger = logger.child({ component: 'store' });

  if (mongodbUri !== undefined) {
    const { createMongoStore } = await import('./mongo');
    return createMongoStore({ uri: mongodbUri, auditRetentionDays, keyring, logger: storeLogger });
  }
  const { createSqliteStore } = await import('./sqlite');
  return createSqliteStore({ dataDir, sqliteFile, auditRetentionDays, keyring, logger: storeLogger });
}
