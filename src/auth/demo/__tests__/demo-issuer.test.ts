import { decodeJwt, decodeProtectedHeader } from 'jose';
import { generateAgencies } from '../../../../simulators/national-procedures/generate-agencies';
import { isWithinAgency } from '../../../domain';
import { createSilentLogger } from '../../../log';
import { canSeeAgency } from '../../can-see-agency';
import { createAuthenticator } from '../../create-authenticator';
import { createDemoIssuer, type DemoIssuer } from '../create-demo-issuer';
import { demoPrincipals } from '../demo-principals';
import { formatDemoTokens, issueDemoTokens } from '../issue-demo-tokens';

let issuer: DemoIssuer;

beforeAll(async () => {
  issuer = await createDemoIssuer();
});

describe('the demo token issuer', () => {
  it('publishes one ES256 public key named by its kid, and no private part', () => {
    expect(issuer.jwks.keys).toHaveLength(1);
    const [jwk] = issuer.jwks.keys;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(jwk).not.toHaveProperty('d');
  });

  it('issues tokens its own authOptions accept, mapped to the principal', async () => {
    const auth = createAuthenticator(issuer.authOptions, createSilentLogger());
    const token = await issuer.issue({ client_id: 'c', sub: 's', agency: '000.00.41.H56', scope: 'dossiers:read' });
    await expect(auth.authenticate(`Bearer ${token}`)).resolves.toMatchObject({ kind: 'client', clientId: 'c', subject: 's', agencyCode: '000.00.41.H56', scopes: new Set(['dossiers:read']) });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: issuer.jwks.keys[0]!.kid, typ: 'at+jwt' });
  });

  it('makes a new key each time, so one run\'s tokens are refused by another', async () => {
    const other = await createDemoIssuer();
    const auth = createAuthenticator(issuer.authOptions, createSilentLogger());
    await expect(auth.authenticate(`Bearer ${await other.issue({})}`)).rejects.toMatchObject({ extensions: { reason: 'TOKEN_UNKNOWN_KEY' } });
  });

  it('sets the lifetime from expiresIn, in seconds or as a time span', async () => {
    const now = Math.floor(Date.now() / 1000);
    const inSeconds = decodeJwt(await issuer.issue({}, { expiresIn: 90 }));
    const inSpan = decodeJwt(await issuer.issue({}, { expiresIn: '2h' }));
    expect(inSeconds.exp! - now).toBeGreaterThanOrEqual(89);
    expect(inSeconds.exp! - now).toBeLessThanOrEqual(91);
    expect(inSpan.exp! - inSpan.iat!).toBe(7200);
    expect(inSeconds.jti).not.toBe(inSpan.jti);
  });
});

describe('the demo principals', () => {
  it('act for agencies that exist in the demo data, whatever the seed', () => {
    for (const seed of [20240315, 1, 42]) {
      const codes = new Set(generateAgencies(seed).map((a) => a.MADONVI));
      for (const { name, claims } of demoPrincipals()) {
        if (claims.agency !== undefined) expect({ name, seed, exists: codes.has(claims.agency) }).toEqual({ name, seed, exists: true });
      }
    }
  });

  it('nest as province, district and commune of Thanh Hóa', () => {
    const agency = (name: string): string => demoPrincipals().find((p) => p.name === name)!.claims.agency!;
    expect(isWithinAgency(agency('district-officer'), agency('province-officer'))).toBe(true);
    expect(isWithinAgency(agency('commune-officer'), agency('district-officer'))).toBe(true);
  });

  it('come as ready tokens valid for 12 hours that the gateway maps to the intended principals', async () => {
    const auth = createAuthenticator(issuer.authOptions, createSilentLogger());
    const tokens = await issueDemoTokens(issuer);
    expect(tokens.map((t) => t.name)).toEqual(['province-officer', 'district-officer', 'commune-officer', 'national-portal-sync', 'auditor', 'security-auditor', 'developer']);

    const principals = Object.fromEntries(await Promise.all(tokens.map(async ({ name, token }) => [name, await auth.authenticate(`Bearer ${token}`)] as const)));
    expect(principals['province-officer']).toMatchObject({ agencyCode: '000.00.00.H56', scopes: new Set(['procedures:read', 'dossiers:read', 'pii:read', 'documents:read', 'documents:send', 'webhooks:manage']) });
    expect(principals['district-officer']!.agencyCode).toBe('000.00.41.H56');
    expect(principals['commune-officer']).toMatchObject({ agencyCode: '000.01.41.H56', scopes: new Set(['procedures:read', 'dossiers:read', 'documents:read']) });
    expect(principals['national-portal-sync']).toMatchObject({ agencyCode: '000.00.00.G22', scopes: new Set(['sync:admin', 'dossiers:read', 'procedures:read', 'pii:read']) });
    expect(principals['auditor']).toMatchObject({ agencyCode: '000.00.00.H56', scopes: new Set(['audit:read']) });
    expect(principals['security-auditor']).toMatchObject({ agencyCode: '000.00.00.G22', scopes: new Set(['audit:security']) });
    expect(principals['developer']).toMatchObject({ agencyCode: null, scopes: new Set(['procedures:read']) });
    expect(canSeeAgency(principals['district-officer']!, '000.00.42.H56')).toBe(false);

    for (const { token } of tokens) {
      const { iat, exp } = decodeJwt(token);
      expect(exp! - iat!).toBe(12 * 3600);
    }
  });

  it('print as one block with a ready Authorization header per principal', async () => {
    const tokens = await issueDemoTokens(issuer);
    const printed = formatDemoTokens(tokens);
    for (const { name } of tokens) expect(printed).toContain(`${name}: `);
    for (const { token } of tokens) expect(printed).toContain(`  Authorization: Bearer ${token}`);
  });
});
