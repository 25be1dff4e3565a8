import { createStore, type Store } from '../index';
import { defineStoreContractTests } from './define-store-contract-tests';
import { testDatabases } from './mongo-test-databases';

const uri = process.env.MONGODB_URI;

if (uri) {
  const databases = testDatabases(uri);
  const uris = new WeakMap<Store, string>();

  afterAll(() => databases.dropAll());

  const open = async (storeUri: string): Promise<Store> => {
    const store = await createStore({ mongodbUri: storeUri });
    uris.set(store, storeUri);
    return store;
  };

  defineStoreContractTests(
    'MongoDB at MONGODB_URI (a fresh database per test)',
    () => open(databases.create().uri),
    (closed) => open(uris.get(closed)!),
  );
} else {
  describe.skip('store contract: MongoDB (skipped: set MONGODB_URI=mongodb://… to run it against a real server)', () => {
    it('needs a MongoDB server', () => undefined);
  });
}
