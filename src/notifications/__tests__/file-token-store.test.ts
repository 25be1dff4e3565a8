import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileTokenStore } from '../file-token-store';

describe('the Zalo token file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'zalo-tokens-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers the configured refresh token until a pair is saved, then the saved pair, readable by its owner only', async () => {
    const file = path.join(dir, 'nested', 'zalo-tokens.json');
    const store = createFileTokenStore(file, { refreshToken: 'from-config' });
    await expect(store.load()).resolves.toEqual({ accessToken: null, refreshToken: 'from-config', accessTokenExpiresAt: null });
    await store.save({ accessToken: 'at-2', refreshToken: 'rt-2', accessTokenExpiresAt: 1_710_000_000_000 });
    await expect(createFileTokenStore(file, { refreshToken: 'from-config' }).load()).resolves.toEqual({ accessToken: 'at-2', refreshToken: 'rt-2', accessTokenExpiresAt: 1_710_000_000_000 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('takes a new configured refresh token over the file, after the OA was authorized again', async () => {
    const file = path.join(dir, 'reauthorized.json');
    await createFileTokenStore(file, { refreshToken: 'first-authorization' }).save({ accessToken: 'at-9', refreshToken: 'rt-9', accessTokenExpiresAt: null });
    await expect(createFileTokenStore(file, { refreshToken: 'second-authorization' }).load()).resolves.toEqual({ accessToken: null, refreshToken: 'second-authorization', accessTokenExpiresAt: null });
    await expect(createFileTokenStore(file, { refreshToken: 'first-authorization' }).load()).resolves.toMatchObject({ refreshToken: 'rt-9' });
  });
});
