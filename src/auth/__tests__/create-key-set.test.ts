import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK } from 'jose';
import { GatewayError } from '../../errors';
import { createAuthenticator } from '../create-authenticator';
import { AUDIENCE, ISSUER, bearer, createTestKey, recordingLogger, sign, type TestKey } from './token-kit';

let dir: string;
let key: TestKey;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lienthong-auth-'));
  key = await createTestKey('EdDSA', 'file-key');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function create(jwks: Parameters<typeof createAuthenticator>[0]['jwks']): ReturnType<typeof createAuthenticator> {
  return createAuthenticator({ issuer: ISSUER, audience: AUDIENCE, jwks }, recordingLogger().logger);
}

function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'CONFIG_INVALID') return error.message;
    throw error;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('configured key sets', () => {
  it('verifies tokens with a key set read from a file', async () => {
    const file = path.join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [key.jwk] }));
    await expect(create({ file }).authenticate(bearer(await sign(key)))).resolves.toMatchObject({ kind: 'client' });
  });

  it('stops start-up with CONFIG_INVALID when the file is missing or not JSON', () => {
    expect(configError(() => create({ file: path.join(dir, 'missing.json') }))).toContain(`The key set file ${path.join(dir, 'missing.json')} cannot be read`);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"keys": [');
    expect(configError(() => create({ file: broken }))).toContain(`The key set file ${broken} is not JSON`);
  });

  it('refuses a key set that holds a private key, naming the key', async () => {
    const privateJwk = { ...(await exportJWK(key.privateKey)), kid: 'file-key' };
    expect(configError(() => create({ keys: [privateJwk] }))).toBe(
      'The key set in auth.jwks.keys has key 0 (kid "file-key") with private members (d): publish public keys only; expected a JWK Set of public keys: {"keys": [{"kty": "RSA" | "EC" | "OKP", "kid": ..., ...}]}.',
    );
  });

  it('refuses a symmetric key, an empty set and a file without a keys array', () => {
    expect(configError(() => create({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }))).toContain('has key 0 of kty "oct"');
    expect(configError(() => create({ keys: [] }))).toContain('is empty');
    const file = path.join(dir, 'not-a-set.json');
    writeFileSync(file, JSON.stringify(key.jwk));
    expect(configError(() => create({ file }))).toContain(`The key set in ${file} has no "keys" array`);
  });

  it('refuses a JWKS URL that is not an http(s) URL', () => {
    expect(configError(() => create({ url: 'not a url' }))).toBe('auth.jwks.url must be an http(s) URL; got "not a url".');
    expect(configError(() => create({ url: 'file:///etc/jwks.json' }))).toContain('must be an http(s) URL');
  });
});
