import { SignJWT, exportSPKI } from 'jose';
import { ERROR_CATALOGUE, GatewayError } from '../../errors';
import type { AuthOptions } from '../auth-options';
import { createAuthenticator, type Authenticator } from '../create-authenticator';
import { MAX_TOKEN_LENGTH } from '../read-bearer-token';
import { AUDIENCE, ISSUER, bearer, compact, createTestKey, nowSeconds, recordingLogger, sign, validClaims, type TestKey } from './token-kit';

let rsa: TestKey;
let ec: TestKey;
let ed: TestKey;
/** A key that signs well but that the gateway's key set does not hold. */
let stranger: TestKey;

beforeAll(async () => {
  [rsa, ec, ed, stranger] = await Promise.all([createTestKey('RS256'), createTestKey('ES256'), createTestKey('EdDSA'), createTestKey('ES256', 'not-published')]);
});

function setup(options: Partial<AuthOptions> = {}): { auth: Authenticator; lines: Array<Record<string, unknown>>; raw: string[] } {
  const { logger, lines, raw } = recordingLogger();
  const auth = createAuthenticator({ issuer: ISSUER, audience: AUDIENCE, jwks: { keys: [rsa.jwk, ec.jwk, ed.jwk] }, ...options }, logger);
  return { auth, lines, raw };
}

/** The error a refused authentication rejects with, as code, reason and message. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; reason: unknown; message: string; status: number }> {
  const error: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return { code: error.code, reason: error.extensions.reason, message: error.message, status: ERROR_CATALOGUE[error.code].httpStatus };
}

describe('accepted tokens', () => {
  it.each(['RS256', 'ES256', 'EdDSA'] as const)('accepts a valid %s token and maps its claims to the principal', async (alg) => {
    const key = { RS256: rsa, ES256: ec, EdDSA: ed }[alg];
    const { auth } = setup();
    const principal = await auth.authenticate(bearer(await sign(key)));
    expect(principal).toEqual({
      kind: 'client',
      clientId: 'one-stop-h56',
      subject: 'officer-1',
      agencyCode: '000.00.00.H56',
      scopes: new Set(['procedures:read', 'dossiers:read']),
      tokenId: 'jti-1',
    });
  });

  it('reads the scheme case-insensitively and accepts typ at+jwt and no typ', async () => {
    const { auth } = setup();
    await expect(auth.authenticate(`bearer ${await sign(ec, validClaims(), { typ: 'at+jwt' })}`)).resolves.toMatchObject({ kind: 'client' });
    await expect(auth.authenticate(`BEARER   ${await sign(ec, validClaims(), { typ: undefined })}`)).resolves.toMatchObject({ kind: 'client' });
  });

  it('accepts an audience list that includes the gateway', async () => {
    const { auth } = setup();
    await expect(auth.authenticate(bearer(await sign(rsa, validClaims({ aud: ['account', AUDIENCE] }))))).resolves.toMatchObject({ kind: 'client' });
  });

  it('accepts a token expired or not yet valid by less than the clock tolerance', async () => {
    const { auth } = setup({ clockToleranceSeconds: 30 });
    const now = nowSeconds();
    await expect(auth.authenticate(bearer(await sign(ec, validClaims({ exp: now - 10 }))))).resolves.toMatchObject({ kind: 'client' });
    await expect(auth.authenticate(bearer(await sign(ec, validClaims({ nbf: now + 10 }))))).resolves.toMatchObject({ kind: 'client' });
  });
});

describe('refused tokens', () => {
  it('refuses alg none, however it is spelled, as an algorithm not allowed', async () => {
    const { auth } = setup();
    for (const alg of ['none', 'None', 'NONE']) {
      const token = compact({ alg, typ: 'JWT' }, validClaims({ scope: 'sync:admin' }));
      expect(await refusal(auth.authenticate(bearer(token)))).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, reason: 'TOKEN_ALGORITHM_NOT_ALLOWED' });
    }
  });

  it('refuses an HS256 token signed with the RSA public key as secret (algorithm confusion)', async () => {
    const { auth } = setup();
    const publicPem = await exportSPKI(rsa.publicKey);
    for (const secret of [publicPem, JSON.stringify(rsa.jwk)]) {
      const token = await new SignJWT(validClaims({ scope: 'sync:admin pii:read' }))
        .setProtectedHeader({ alg: 'HS256', kid: rsa.kid, typ: 'JWT' })
        .sign(new TextEncoder().encode(secret));
      const refused = await refusal(auth.authenticate(bearer(token)));
      expect(refused).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_ALGORITHM_NOT_ALLOWED' });
      expect(refused.message).toBe('The token is signed with alg HS256; only RS256, ES256, EdDSA are accepted.');
    }
  });

  it('refuses an algorithm the configuration leaves out even when the key is known', async () => {
    const { auth } = setup({ algorithms: ['ES256'] });
    expect(await refusal(auth.authenticate(bearer(await sign(rsa))))).toMatchObject({ reason: 'TOKEN_ALGORITHM_NOT_ALLOWED' });
    await expect(auth.authenticate(bearer(await sign(ec)))).resolves.toMatchObject({ kind: 'client' });
  });

  it('refuses a token signed by a key whose kid the key set does not hold', async () => {
    const { auth } = setup();
    expect(await refusal(auth.authenticate(bearer(await sign(stranger))))).toMatchObject({ reason: 'TOKEN_UNKNOWN_KEY' });
  });

  it('refuses a token signed by an unknown key that borrows a published kid, as a bad signature', async () => {
    const { auth } = setup();
    expect(await refusal(auth.authenticate(bearer(await sign(stranger, validClaims(), { kid: ec.kid }))))).toMatchObject({ reason: 'TOKEN_INVALID_SIGNATURE' });
  });

  it('refuses a token whose payload was changed after signing (a scope added), keeping the signature', async () => {
    const { auth } = setup();
    const [header, , signature] = (await sign(rsa)).split('.');
    const forged = compact({ alg: 'RS256', kid: rsa.kid, typ: 'JWT' }, validClaims({ scope: 'procedures:read dossiers:read pii:read sync:admin' }), signature);
    expect(forged.split('.')[0]).toBe(header);
    const refused = await refusal(auth.authenticate(bearer(forged)));
    expect(refused).toMatchObject({ reason: 'TOKEN_INVALID_SIGNATURE' });
    expect(refused.message).toBe('The token\'s signature does not verify: the token was altered or signed with another key.');
  });

  it('refuses a token expired beyond the clock tolerance and says when it expired', async () => {
    const { auth } = setup({ clockToleranceSeconds: 30 });
    const exp = nowSeconds() - 60;
    const refused = await refusal(auth.authenticate(bearer(await sign(ec, validClaims({ exp })))));
    expect(refused).toMatchObject({ reason: 'TOKEN_EXPIRED', status: 401 });
    expect(refused.message).toContain(new Date(exp * 1000).toISOString());
  });

  it('refuses a token not yet valid beyond the clock tolerance', async () => {
    const { auth } = setup({ clockToleranceSeconds: 30 });
    expect(await refusal(auth.authenticate(bearer(await sign(ec, validClaims({ nbf: nowSeconds() + 120 })))))).toMatchObject({ reason: 'TOKEN_NOT_YET_VALID' });
  });

  it('refuses a token for another audience, or with none, and names the audience expected', async () => {
    const { auth } = setup();
    const refused = await refusal(auth.authenticate(bearer(await sign(ed, validClaims({ aud: 'another-service' })))));
    expect(refused).toMatchObject({ reason: 'TOKEN_WRONG_AUDIENCE' });
    expect(refused.message).toBe(`The token's audience (aud) must include "${AUDIENCE}"; the token has "another-service".`);
    const { aud: _aud, ...noAudience } = validClaims();
    expect(await refusal(auth.authenticate(bearer(await sign(ed, noAudience))))).toMatchObject({ reason: 'TOKEN_WRONG_AUDIENCE' });
  });

  it('refuses a token from another issuer, or with none', async () => {
    const { auth } = setup();
    expect(await refusal(auth.authenticate(bearer(await sign(ec, validClaims({ iss: 'https://evil.invalid/' })))))).toMatchObject({ reason: 'TOKEN_WRONG_ISSUER' });
    const { iss: _iss, ...noIssuer } = validClaims();
    expect(await refusal(auth.authenticate(bearer(await sign(ec, noIssuer))))).toMatchObject({ reason: 'TOKEN_WRONG_ISSUER' });
  });

  it('refuses a token without exp, and without a claim the configuration requires', async () => {
    const { exp: _exp, ...forever } = validClaims();
    expect(await refusal(setup().auth.authenticate(bearer(await sign(ec, forever))))).toMatchObject({ reason: 'TOKEN_CLAIMS_INVALID', message: 'The token has no "exp" claim, which the gateway requires.' });
    const { jti: _jti, ...noJti } = validClaims();
    expect(await refusal(setup({ requiredClaims: ['jti'] }).auth.authenticate(bearer(await sign(ec, noJti))))).toMatchObject({ reason: 'TOKEN_CLAIMS_INVALID' });
  });

  it('refuses a token whose agency claim is not an agency code', async () => {
    const { auth } = setup();
    for (const agency of ['H56', '000.00.00.h56', ' 000.00.00.H56', 'Sở Tư pháp', '']) {
      expect(await refusal(auth.authenticate(bearer(await sign(ec, validClaims({ agency })))))).toMatchObject({ reason: 'TOKEN_CLAIMS_INVALID' });
    }
  });

  it('refuses a signed token of another type than an access token', async () => {
    const { auth } = setup();
    expect(await refusal(auth.authenticate(bearer(await sign(ec, validClaims(), { typ: 'dpop+jwt' }))))).toMatchObject({ reason: 'TOKEN_CLAIMS_INVALID' });
  });

  it.each([
    ['no header', 'TOKEN_MISSING', undefined],
    ['an empty header', 'TOKEN_MISSING', '   '],
    ['the scheme alone', 'TOKEN_MALFORMED', 'Bearer'],
    ['the scheme and spaces', 'TOKEN_MALFORMED', 'Bearer    '],
    ['two parts', 'TOKEN_MALFORMED', 'Bearer a.b'],
    ['four parts', 'TOKEN_MALFORMED', 'Bearer a.b.c.d'],
    ['three parts that are not base64url JSON', 'TOKEN_MALFORMED', 'Bearer a.b.c'],
    ['garbage', 'TOKEN_MALFORMED', 'Bearer %%%<script>'],
    ['Basic credentials', 'TOKEN_MALFORMED', 'Basic bGllbnRob25nOnNlY3JldA=='],
    ['a token without scheme', 'TOKEN_MALFORMED', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'],
    ['a 100 KB header', 'TOKEN_MALFORMED', `Bearer ${'a'.repeat(50_000)}.${'b'.repeat(50_000)}.c`],
  ])('refuses %s as %s', async (_what, reason, header) => {
    const { auth } = setup();
    expect(await refusal(auth.authenticate(header))).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, reason });
  });

  it('states the length limit when the token is too long, without repeating it', async () => {
    const token = `${'a'.repeat(MAX_TOKEN_LENGTH)}.b.c`;
    const refused = await refusal(setup().auth.authenticate(bearer(token)));
    expect(refused.message).toBe(`The bearer token is ${token.length} characters long; at most ${MAX_TOKEN_LENGTH} are accepted.`);
  });
});

describe('logging refusals', () => {
  it('logs each refusal at warn with its reason, kid and alg, never the token', async () => {
    const { auth, lines, raw } = setup();
    const expired = await sign(ec, validClaims({ exp: nowSeconds() - 3600 }));
    const unknown = await sign(stranger);
    const none = compact({ alg: 'none' }, validClaims());
    for (const token of [expired, unknown, none]) await auth.authenticate(bearer(token)).catch(() => undefined);
    await auth.authenticate(undefined).catch(() => undefined);

    expect(lines.map(({ level, reason, kid, alg }) => ({ level, reason, kid, alg }))).toEqual([
      { level: 40, reason: 'TOKEN_EXPIRED', kid: ec.kid, alg: 'ES256' },
      { level: 40, reason: 'TOKEN_UNKNOWN_KEY', kid: 'not-published', alg: 'ES256' },
      { level: 40, reason: 'TOKEN_ALGORITHM_NOT_ALLOWED', kid: undefined, alg: 'none' },
      { level: 40, reason: 'TOKEN_MISSING', kid: undefined, alg: undefined },
    ]);
    expect(lines[0]).toMatchObject({ clientId: 'one-stop-h56', sub: 'officer-1', jti: 'jti-1' });
    const everything = raw.join('\n');
    for (const token of [expired, unknown, none]) {
      for (const part of token.split('.').filter(Boolean)) expect(everything).not.toContain(part);
    }
  });

  it('never repeats the token in the refusal message', async () => {
    const { auth } = setup();
    const tokens = [
      await sign(ec, validClaims({ exp: nowSeconds() - 3600 })),
      await sign(stranger),
      await sign(ec, validClaims({ aud: 'x' })),
      compact({ alg: 'none' }, validClaims()),
      'a.b.c',
    ];
    for (const token of tokens) {
      const { message } = await refusal(auth.authenticate(bearer(token)));
      for (const part of token.split('.').filter((p) => p.length > 1)) expect(message).not.toContain(part);
    }
  });
});

describe('anonymous requests', () => {
  it('refuses a request without a token when anonymous reads are not allowed (the default)', async () => {
    const refused = await refusal(setup().auth.authenticate(undefined));
    expect(refused).toEqual({ code: 'UNAUTHENTICATED', status: 401, reason: 'TOKEN_MISSING', message: 'This request needs a bearer token: send "Authorization: Bearer <JWT>".' });
  });

  it('gives a request without a token the anonymous principal with only procedures:read when allowed', async () => {
    const principal = await setup({ allowAnonymous: true }).auth.authenticate(undefined);
    expect(principal).toEqual({ kind: 'anonymous', clientId: null, subject: null, agencyCode: null, scopes: new Set(['procedures:read']), tokenId: null });
  });

  it('still refuses a bad token when anonymous reads are allowed, rather than falling back to anonymous', async () => {
    const { auth } = setup({ allowAnonymous: true });
    expect(await refusal(auth.authenticate(bearer(await sign(stranger))))).toMatchObject({ reason: 'TOKEN_UNKNOWN_KEY' });
    expect(await refusal(auth.authenticate('Bearer'))).toMatchObject({ reason: 'TOKEN_MALFORMED' });
  });
});
