import { createStore, type Store } from '../index';
import { defineAuditHeadContractTests } from './define-audit-head-contract-tests';
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

  const fresh = () => open(databases.create().uri);
  const reopen = (closed: Store) => open(uris.get(closed)!);
  defineStoreContractTests('MongoDB at MONGODB_URI (a fresh database per test)', fresh, reopen);
  defineAuditHeadContractTests('MongoDB at MONGODB_URI (a fresh database per test)', fresh, reopen);
} else {
  describe.skip('store contract: MongoDB (skipped: set MONGODB_URI=mongodb://… to run it against a real server)', () => {
    it('needs a MongoDB server', () => undefined);
  });
}
