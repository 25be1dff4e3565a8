import type { JWK } from 'jose';
import { startSimServer, type SimServer } from '../../../simulators/kit';
import { GatewayError } from '../../errors';
import { createAuthenticator, type Authenticator } from '../create-authenticator';
import { AUDIENCE, ISSUER, bearer, createTestKey, recordingLogger, sign, type TestKey } from './token-kit';

/**
 * The identity provider's JWKS endpoint on loopback. `published` is what it serves now;
 * `server.stats.requests` counts fetches. The key set's freshness is measured with
 * Date.now, which the tests move by hand (token times stay real).
 */
let server: SimServer;
let published: JWK[] = [];
let oldKey: TestKey;
let newKey: TestKey;
let clock: number;

beforeAll(async () => {
  [oldKey, newKey] = await Promise.all([createTestKey('RS256', 'key-2024'), createTestKey('ES256', 'key-2025')]);
  server = await startSimServer({
    name: 'jwks',
    handler: (req) => {
      if (req.path !== '/realms/lienthong/certs') return { status: 404, body: 'not found' };
      return { status: 200, headers: { 'content-type': 'application/jwk-set+json' }, body: JSON.stringify({ keys: published }) };
    },
  });
});

afterAll(() => server.close());

beforeEach(() => {
  published = [oldKey.jwk];
  server.setFault({ mode: 'none' });
  server.resetStats();
  clock = Date.now();
  jest.spyOn(Date, 'now').mockImplementation(() => clock);
});

afterEach(() => jest.restoreAllMocks());

function remoteAuthenticator(jwks: { cooldownMs?: number; cacheMaxAgeMs?: number; timeoutMs?: number } = {}): { auth: Authenticator; lines: Array<Record<string, unknown>> } {
  const { logger, lines } = recordingLogger();
  const auth = createAuthenticator({ issuer: ISSUER, audience: AUDIENCE, jwks: { url: `${server.url}/realms/lienthong/certs`, cooldownMs: 10_000, cacheMaxAgeMs: 600_000, ...jwks } }, logger);
  return { auth, lines };
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const error: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe('a remote key set', () => {
  it('fetches the key set once and verifies many tokens from the cache, even when asked concurrently', async () => {
    const { auth } = remoteAuthenticator();
    const token = bearer(await sign(oldKey));
    const principals = await Promise.all(Array.from({ length: 20 }, () => auth.authenticate(token)));
    expect(principals.every((p) => p.clientId === 'one-stop-h56')).toBe(true);
    await auth.authenticate(token);
    expect(server.stats.requests).toBe(1);
  });

  it('accepts a token of a rotated-in key once the identity provider serves it, after the cooldown', async () => {
    const { auth } = remoteAuthenticator({ cooldownMs: 10_000 });
    await auth.authenticate(bearer(await sign(oldKey)));
    published = [oldKey.jwk, newKey.jwk];
    const rotated = bearer(await sign(newKey));

    // Within the cooldown the cached set is all there is: refused, and not refetched.
    expect((await failure(auth.authenticate(rotated))).extensions.reason).toBe('TOKEN_UNKNOWN_KEY');
    expect(server.stats.requests).toBe(1);

    clock += 10_001;
    await expect(auth.authenticate(rotated)).resolves.toMatchObject({ kind: 'client' });
    await expect(auth.authenticate(bearer(await sign(oldKey)))).resolves.toMatchObject({ kind: 'client' });
    expect(server.stats.requests).toBe(2);
  });

  it('keeps fetches bounded by the cooldown when flooded with tokens naming invented keys', async () => {
    const { auth } = remoteAuthenticator({ cooldownMs: 10_000 });
    const forged = await Promise.all(Array.from({ length: 50 }, (_, i) => createTestKey('ES256', `invented-${i}`)));
    const tokens = await Promise.all(forged.map((key) => sign(key)));

    const first = await Promise.all(tokens.map((token) => failure(auth.authenticate(bearer(token)))));
    expect(first.every((e) => e.extensions.reason === 'TOKEN_UNKNOWN_KEY')).toBe(true);
    expect(server.stats.requests).toBe(1);

    clock += 10_001;
    await Promise.all(tokens.map((token) => failure(auth.authenticate(bearer(token)))));
    expect(server.stats.requests).toBe(2);
  });

  it('stops accepting a key the identity provider removed once the cache is older than its maximum age', async () => {
    const { auth } = remoteAuthenticator({ cooldownMs: 10_000, cacheMaxAgeMs: 60_000 });
    const old = bearer(await sign(oldKey));
    await auth.authenticate(old);
    published = [newKey.jwk];

    clock += 30_000;
    await expect(auth.authenticate(old)).resolves.toMatchObject({ kind: 'client' });
    clock += 30_001;
    expect((await failure(auth.authenticate(old))).extensions.reason).toBe('TOKEN_UNKNOWN_KEY');
    expect(server.stats.requests).toBe(2);
  });

  it('answers UPSTREAM_UNAVAILABLE, not 401, when the key set cannot be fetched, and logs it as an error', async () => {
    server.setFault({ mode: 'fail', status: 503 });
    const { auth, lines } = remoteAuthenticator();
    const error = await failure(auth.authenticate(bearer(await sign(oldKey))));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.extensions.source).toBe('auth-jwks');
    expect(error.message).toContain(`the key set at ${server.url}/realms/lienthong/certs could not be fetched`);
    expect(lines).toEqual([expect.objectContaining({ level: 50, code: 'UPSTREAM_UNAVAILABLE', kid: 'key-2024', alg: 'RS256' })]);
  });

  it('answers UPSTREAM_TIMEOUT when the key set does not answer in time', async () => {
    server.setFault({ mode: 'hang' });
    const { auth } = remoteAuthenticator({ timeoutMs: 200 });
    expect((await failure(auth.authenticate(bearer(await sign(oldKey))))).code).toBe('UPSTREAM_TIMEOUT');
  });

  it('answers UPSTREAM_BAD_RESPONSE when the endpoint serves something that is not a key set', async () => {
    published = 'not keys' as unknown as JWK[];
    const { auth } = remoteAuthenticator();
    expect((await failure(auth.authenticate(bearer(await sign(oldKey))))).code).toBe('UPSTREAM_BAD_RESPONSE');
  });
});
