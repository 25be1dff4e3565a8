import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore } from '../index';
import { defineDeliveryContractTests } from './define-delivery-contract-tests';
import { testKeyring } from './define-dossier-contract-tests';

const root = mkdtempSync(path.join(tmpdir(), 'lienthong-deliveries-'));
let count = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

defineDeliveryContractTests('SQLite file in a temporary directory', (keyring) => createStore({ dataDir: path.join(root, `store-${(count += 1)}`), dataKeyring: keyring }));

describe('webhooks at rest in SQLite', () => {
  it('leave no secret in clear anywhere in the database files', async () => {
    const dir = path.join(root, 'at-rest');
    const store = await createStore({ dataDir: dir, dataKeyring: testKeyring() });
    const secret = 'whsec-tuyet-mat-0123456789abcdef0123456789';
    await store.webhooks.create({ id: 'wh-1', agencyCode: '000.00.41.H56', url: 'https://ung-dung.example.gov.vn/hooks', events: ['dossier.status_changed'], secret, createdBy: { subject: null, clientId: null }, createdAt: new Date() }, 20);
    const during = readdirSync(dir).map((f) => readFileSync(path.join(dir, f)));
    await store.close();
    const all = Buffer.concat([...during, ...readdirSync(dir).map((f) => readFileSync(path.join(dir, f)))]);
    expect(all.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    // The URL is not secret and is kept plain, which shows the search itself works.
    expect(all.includes(Buffer.from('https://ung-dung.example.gov.vn/hooks', 'utf8'))).toBe(true);
  });
});
