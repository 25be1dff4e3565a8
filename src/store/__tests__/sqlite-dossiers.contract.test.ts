import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore } from '../index';
import { defineDossierContractTests, dossierWrite, testKeyring } from './define-dossier-contract-tests';

const root = mkdtempSync(path.join(tmpdir(), 'lienthong-dossiers-'));
let count = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

defineDossierContractTests('SQLite file in a temporary directory', (keyring) => {
  // Stores opened with the same keyring share a file, so a test can reopen with other keys.
  const dir = path.join(root, `store-${keyring.activeKeyId === 'k1' ? (count += 1) : 'rotation'}`);
  return createStore({ dataDir: dir, dataKeyring: keyring });
});

describe('dossiers at rest in SQLite', () => {
  it('leave no applicant name, ID number or officer name in clear anywhere in the database files', async () => {
    const dir = path.join(root, 'at-rest');
    const store = await createStore({ dataDir: dir, dataKeyring: testKeyring() });
    const write = dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56', name: 'Phạm Thị Hồng Nhung' });
    (write.record.applicant as Record<string, string>).idNumber = '038194012345';
    await store.dossiers.apply({ dossiers: [write] });
    const files = readdirSync(dir).map((f) => readFileSync(path.join(dir, f)));
    await store.close();
    const all = Buffer.concat([...files, ...readdirSync(dir).map((f) => readFileSync(path.join(dir, f)))]);
    for (const secret of ['Phạm Thị Hồng Nhung', '038194012345', 'Trần Thị Bé']) {
      expect(all.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }
    // The code is not personal and is kept plain, which shows the search itself works.
    expect(all.includes(Buffer.from('000.00.41.H56-240301-0001', 'utf8'))).toBe(true);
  });

  it('refuses to keep dossiers when no data key is configured', async () => {
    const store = await createStore({ dataDir: path.join(root, 'no-key') });
    await expect(store.dossiers.apply({ dossiers: [dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56' })] })).rejects.toMatchObject({ extensions: { code: 'CONFIG_INVALID' } });
    expect(await store.dossiers.get('000.00.41.H56-240301-0001')).toBeNull();
    await store.close();
  });
});
