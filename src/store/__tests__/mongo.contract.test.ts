import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { createStore, type Store } from '../index';
import { defineAuditHeadContractTests } from './define-audit-head-contract-tests';
import { defineStoreContractTests } from './define-store-contract-tests';

const uri = process.env.MONGODB_URI;

/** The URI with its database replaced by `name`, so every test gets an empty database. */
function withDatabase(base: string, name: string): string {
  const [address = '', query] = base.split('?');
  const schemeEnd = address.indexOf('://') + 3;
  const slash = address.indexOf('/', schemeEnd);
  const hosts = slash === -1 ? address : address.slice(0, slash);
  return `${hosts}/${name}${query === undefined ? '' : `?${query}`}`;
}

if (uri) {
  const databases: string[] = [];
  const uris = new WeakMap<Store, string>();

  afterAll(async () => {
    const connection = await mongoose.createConnection(uri).asPromise();
    try {
      for (const name of databases) await connection.useDb(name).dropDatabase();
    } finally {
      await connection.close();
    }
  });

  const open = async (storeUri: string): Promise<Store> => {
    const store = await createStore({ mongodbUri: storeUri });
    uris.set(store, storeUri);
    return store;
  };

  const fresh = () => {
    const name = `lienthong_test_${randomUUID().slice(0, 8)}`;
    databases.push(name);
    return open(withDatabase(uri, name));
  };
  const reopen = (closed: Store) => open(uris.get(closed)!);
  defineStoreContractTests('MongoDB at MONGODB_URI (a fresh database per test)', fresh, reopen);
  defineAuditHeadContractTests('MongoDB at MONGODB_URI (a fresh database per test)', fresh, reopen);
} else {
  describe.skip('store contract: MongoDB (skipped: set MONGODB_URI=mongodb://… to run it against a real server)', () => {
    it('needs a MongoDB server', () => undefined);
  });
}
