import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configSchema } from '../../config';
import { loadLookupKey, LOOKUP_KEY_FILE } from '../load-lookup-key';
import { lookupSecretOf } from '../lookup-secret';
import { printingFromConfig } from '../printing-from-config';

describe('the lookup key', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookup-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const configured = Buffer.alloc(32, 9).toString('base64');

  it('comes from the config first, then the environment, else a key file made once in the data directory', () => {
    expect(loadLookupKey({ configured, environment: Buffer.alloc(32, 2).toString('base64'), dataDir: dir })).toEqual({ key: Buffer.alloc(32, 9), where: 'config' });
    expect(loadLookupKey({ environment: Buffer.alloc(32, 2).toString('base64'), dataDir: dir })).toEqual({ key: Buffer.alloc(32, 2), where: 'environment' });
    const first = loadLookupKey({ dataDir: dir });
    expect(first.where).toBe('file');
    expect(first.key).toHaveLength(32);
    expect(loadLookupKey({ dataDir: dir }).key).toEqual(first.key);
    expect(statSync(path.join(dir, LOOKUP_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, LOOKUP_KEY_FILE), 'utf8').trim()).toBe(first.key.toString('base64'));
  });

  it('refuses a key shorter than 32 bytes or not in base64', () => {
    expect(() => loadLookupKey({ configured: Buffer.alloc(16).toString('base64'), dataDir: dir })).toThrow(/at least 32 bytes; it holds 16/);
    expect(() => loadLookupKey({ configured: 'not base64!', dataDir: dir })).toThrow(/must be base64/);
  });

  it('makes printing from the config: pattern, public address and key', async () => {
    const config = configSchema.parse({
      auth: { issuer: 'i', audience: 'a', jwks: { keys: [{ kty: 'OKP' }] } },
      sources: { nationalProcedures: { url: 'http://127.0.0.1:1', dstcode: 'VN:GOV:000.00.00.G22:x', username: 'u', password: 'p' } },
      store: { dataDir: dir },
      printing: { procedurePageUrl: 'https://portal.example.vn/tthc/{code}', publicBaseUrl: 'https://motcua.example.vn', lookupKey: configured },
    });
    const printing = printingFromConfig(config, {});
    expect(printing.procedureUrl('1.001612')).toBe('https://portal.example.vn/tthc/1.001612');
    expect(printing.receipt('000.00.06.H41-240315-0001').lookupUrl).toBe(`https://motcua.example.vn/tra-cuu/000.00.06.H41-240315-0001?k=${lookupSecretOf('000.00.06.H41-240315-0001', Buffer.alloc(32, 9))}`);
    const defaults = configSchema.parse({ ...config, printing: undefined, notifications: undefined, server: { host: '0.0.0.0', port: 4100 } });
    expect(defaults.printing).toMatchObject({ procedurePageUrl: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}', lookupRateLimit: { perMinute: 30, burst: 10, maxClients: 10000 } });
    expect(printingFromConfig(defaults, {}).receipt('000.00.06.H41-240315-0001').lookupUrl).toMatch(/^http:\/\/127\.0\.0\.1:4100\/tra-cuu\//);
  });

  it('refuses a procedure page pattern without {code}', () => {
    const result = configSchema.shape.printing.safeParse({ procedurePageUrl: 'https://portal.example.vn/tthc' });
    expect(result.success).toBe(false);
  });
});
