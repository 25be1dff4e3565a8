import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore } from '../index';
import { dossierWrite, testKeyring } from './define-dossier-contract-tests';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'lienthong-counts-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('SQLite dossier counts per source', () => {
  it('counts the dossiers a store held before it kept counts, when it is opened by this build', async () => {
    const keyring = testKeyring();
    const store = await createStore({ dataDir: root, dataKeyring: keyring });
    const agencies = ['000.00.41.H56', '000.00.42.H56', '000.00.41.H41'];
    await store.dossiers.apply({ dossiers: Array.from({ length: 7 }, (_, i) => dossierWrite({ code: `${agencies[i % 3]}-240301-000${i}`, agency: agencies[i % 3]! })) });
    await store.close();
    // The file as the build before this migration left it: no counts table, the migration not recorded.
    const db = new Database(path.join(root, 'lienthong.db'));
    db.exec("DROP TABLE dossier_source_count; DELETE FROM schema_migration WHERE repository = 'dossiers' AND version = 2");
    db.close();

    const reopened = await createStore({ dataDir: root, dataKeyring: keyring });
    try {
      // By hand: H56 holds codes 0, 1, 3, 4, 6 (agencies 41 and 42 of H56), H41 holds 2 and 5.
      expect(await reopened.dossiers.countBySource()).toEqual({ 'province-h56': 5, 'province-h41': 2 });
      await reopened.dossiers.apply({ dossiers: [dossierWrite({ code: '000.00.41.H41-240302-0001', agency: '000.00.41.H41' })] });
      expect(await reopened.dossiers.countBySource()).toEqual({ 'province-h56': 5, 'province-h41': 3 });
    } finally {
      await reopened.close();
    }
  });
});
