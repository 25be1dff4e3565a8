import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rotateKey } from '../../../scripts/rotate-key';
import { createStore, KEY_FILE, loadDataKeyring, readDataKeyFile, type DataKeyring } from '../../store';
import { dossierWrite } from '../../store/__tests__/define-dossier-contract-tests';

const CODES = [1, 2, 3, 4, 5].map((n) => `000.00.41.H56-240301-000${n}`);

async function seed(dataDir: string, keyring: DataKeyring): Promise<void> {
  const store = await createStore({ dataDir, dataKeyring: keyring });
  await store.dossiers.apply({ dossiers: CODES.map((code, i) => dossierWrite({ code, agency: '000.00.41.H56', name: `Người ${i + 1}` })) });
  await store.close();
}

/** The applicant names read back with `keyring`, or the error code when a record does not open. */
async function readBack(dataDir: string, keyring: DataKeyring): Promise<Array<string | undefined>> {
  const store = await createStore({ dataDir, dataKeyring: keyring });
  try {
    return await Promise.all(
      CODES.map((code) =>
        store.dossiers.get(code).then(
          (d) => (d!.record as { applicant: { name: string } }).applicant.name,
          (err: { extensions?: { code?: string } }) => err.extensions?.code,
        ),
      ),
    );
  } finally {
    await store.close();
  }
}

function io() {
  const lines: string[] = [];
  return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), tty: false } };
}

const NAMES = ['Người 1', 'Người 2', 'Người 3', 'Người 4', 'Người 5'];

describe('rotate-key', () => {
  it('with the data directory\'s key file: adds a key, re-seals every record under it, then removes the old key', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-rotate-'));
    const old = loadDataKeyring({ dataDir }).keyring;
    await seed(dataDir, old);
    const { lines, io: streams } = io();

    expect(await rotateKey([], { LIENTHONG_DATA_DIR: dataDir }, streams)).toBe(0);

    const file = path.join(dataDir, KEY_FILE);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { active: string; keys: Record<string, string> };
    expect(written.active).toBe('k2');
    expect(Object.keys(written.keys)).toEqual(['k2']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await readBack(dataDir, readDataKeyFile(file))).toEqual(NAMES);
    // The old key alone opens nothing any more: every record was sealed again.
    expect(await readBack(dataDir, old)).toEqual(CODES.map(() => 'STORE_UNAVAILABLE'));
    expect(lines.join('\n')).toMatch(/re-sealed 5 record\(s\)[\s\S]*removed the old key\(s\) k1/);
  });

  it("re-seals the webhooks' signing secrets too, so that the old key's removal leaves every webhook signing", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-rotate-'));
    const old = loadDataKeyring({ dataDir }).keyring;
    await seed(dataDir, old);
    const secret = `whsec_${'s'.repeat(40)}`;
    const before = await createStore({ dataDir, dataKeyring: old });
    await before.webhooks.create({ id: 'wh_rotate', agencyCode: '000.00.41.H56', url: 'https://hook.example.gov.vn/in', events: ['dossier.status_changed'], secret, createdBy: { subject: null, clientId: null }, createdAt: new Date() }, 20);
    await before.close();

    expect(await rotateKey([], { LIENTHONG_DATA_DIR: dataDir }, io().io)).toBe(0);

    const after = await createStore({ dataDir, dataKeyring: readDataKeyFile(path.join(dataDir, KEY_FILE)) });
    try {
      expect(await after.webhooks.get('wh_rotate').then((w) => w?.secret, (err: { extensions?: { code?: string } }) => err.extensions?.code)).toBe(secret);
    } finally {
      await after.close();
    }
  });

  it('with configured keys: re-seals under the active one and names the keys that can go', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-rotate-'));
    const a = randomBytes(32);
    const b = randomBytes(32);
    await seed(dataDir, { activeKeyId: 'a', keys: new Map([['a', a]]) });
    const config = path.join(dataDir, 'lienthong.yaml');
    writeFileSync(
      config,
      JSON.stringify({
        auth: { issuer: 'urn:test', audience: 'urn:gateway', jwks: { url: 'https://sso.example.gov.vn/certs' } },
        sources: { nationalProcedures: { url: 'http://127.0.0.1:7001', dstcode: 'VN:GOV:000.00.00.G22:vpcpdvcprovider', username: 'u', password: 'p' } },
        store: { dataDir, dataKeys: { active: 'b', keys: { a: a.toString('base64'), b: '${KEY_B}' } } },
      }),
    );
    const { lines, io: streams } = io();

    expect(await rotateKey(['--config', config], { KEY_B: b.toString('base64') }, streams)).toBe(0);

    expect(await readBack(dataDir, { activeKeyId: 'b', keys: new Map([['b', b]]) })).toEqual(NAMES);
    expect(lines).toContain('no record uses the key(s) a any more: they can be removed from store.dataKeys.keys');
  });

  it('refuses a single key from the environment, which has nothing to rotate to, and changes nothing', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-rotate-'));
    const key = randomBytes(32);
    await seed(dataDir, { activeKeyId: 'env', keys: new Map([['env', key]]) });
    const { lines, io: streams } = io();

    expect(await rotateKey([], { LIENTHONG_DATA_DIR: dataDir, LIENTHONG_DATA_KEY: key.toString('base64') }, streams)).toBe(2);

    expect(lines.join('\n')).toContain('configure store.dataKeys with the current key');
    expect(await readBack(dataDir, { activeKeyId: 'env', keys: new Map([['env', key]]) })).toEqual(NAMES);
  });

  it('answers a usage error with its usage and status 2', async () => {
    const { lines, io: streams } = io();
    expect(await rotateKey(['--bogus'], {}, streams)).toBe(2);
    expect(lines.join('\n')).toContain('usage: npm run rotate-key');
  });
});
