export { createMongoStore } from './create-mongo-store';
export type { MongoStoreOptions } from './create-mongo-store';
