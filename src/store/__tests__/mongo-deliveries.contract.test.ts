import { createStore } from '../index';
import { defineDeliveryContractTests } from './define-delivery-contract-tests';
import { testDatabases } from './mongo-test-databases';

const uri = process.env.MONGODB_URI;

if (uri) {
  const databases = testDatabases(uri);
  afterAll(() => databases.dropAll());
  // Planning and settling are transactions, as dossier writes are: the suite needs a replica set (a standalone server refuses them with CONFIG_INVALID).
  defineDeliveryContractTests('MongoDB', (keyring) => createStore({ mongodbUri: databases.create().uri, dataKeyring: keyring }));
} else {
  describe.skip('delivery store contract: MongoDB (skipped: set MONGODB_URI to a replica set, e.g. mongodb://localhost:27017/?replicaSet=rs0, to run it against a real server)', () => {
    it('needs a MongoDB replica set', () => undefined);
  });
}
