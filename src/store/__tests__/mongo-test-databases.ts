import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';

/** The URI with its database replaced by `name`, keeping hosts and options. */
export function withDatabase(base: string, name: string): string {
  const [address = '', query] = base.split('?');
  const schemeEnd = address.indexOf('://') + 3;
  const slash = address.indexOf('/', schemeEnd);
  const hosts = slash === -1 ? address : address.slice(0, slash);
  return `${hosts}/${name}${query === undefined ? '' : `?${query}`}`;
}

/**
 * Fresh databases `lienthong_test_<random>` on the server at `uri`, each dropped by
 * `dropAll()` (call it in `afterAll`).
 */
export function testDatabases(uri: string): { create(): { name: string; uri: string }; dropAll(): Promise<void> } {
  const names: string[] = [];
  return {
    create() {
      const name = `lienthong_test_${randomUUID().slice(0, 8)}`;
      names.push(name);
      return { name, uri: withDatabase(uri, name) };
    },
    async dropAll() {
      const connection = await mongoose.createConnection(uri).asPromise();
      try {
        for (const name of names.splice(0)) await connection.useDb(name).dropDatabase();
      } finally {
        await connection.close();
      }
    },
  };
}
