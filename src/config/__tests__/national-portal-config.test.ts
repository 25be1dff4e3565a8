import { parseConfig } from '../load-config';

const national = { url: 'http://127.0.0.1:7001', dstcode: 'VN:GOV:000.00.00.G22:vpcpdvcprovider', username: 'u', password: 'p' };
const auth = { issuer: 'urn:test', audience: 'urn:gateway', jwks: { url: 'https://sso.example.gov.vn/certs' } };
const portal = { url: 'https://adapter.dichvucong.gov.vn/dvcqg', dstcode: 'VN:GOV:000.00.00.G22:dvcqg', username: 'lienthong', password: 's3cret' };

function configError(input: unknown): string {
  try {
    parseConfig(input, {});
  } catch (err) {
    expect((err as { code?: string }).code).toBe('CONFIG_INVALID');
    return (err as Error).message;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('configuration of the national portal', () => {
  it('is optional: without it the gateway pushes nothing', () => {
    expect(parseConfig({ auth, sources: { nationalProcedures: national } }, {}).sources.nationalPortal).toBeUndefined();
  });

  it('fills every default of the portal section', () => {
    const config = parseConfig({ auth, sources: { nationalProcedures: national, nationalPortal: portal } }, {});
    expect(config.sources.nationalPortal).toEqual({
      ...portal,
      name: 'national-portal',
      dstcodeIn: 'header',
      madonvi: '000.00.00.G22',
      timeoutMs: 10_000,
      connections: 8,
      sessionExpiredCodes: [401],
      alreadyExistsCodes: [3, -3],
      notFoundCodes: [-4],
      rejectionCodes: [10, 11, 12, 13, 14, 15, 16, 17],
      lookupBeforePush: 'when-unknown',
      push: { enabled: true, ratePerSecond: 20, concurrency: 4, maxAttempts: 3, backoffBaseMs: 2000, backoffMaxMs: 600_000, pollMs: 1000, leaseTtlSeconds: 30, claimSeconds: 60 },
    });
  });

  it('takes error codes as numbers or as the strings a portal sends', () => {
    const config = parseConfig({ auth, sources: { nationalProcedures: national, nationalPortal: { ...portal, alreadyExistsCodes: ['-3', 3], rejectionCodes: ['400'] } } }, {});
    expect(config.sources.nationalPortal).toMatchObject({ alreadyExistsCodes: ['-3', 3], rejectionCodes: ['400'] });
  });

  it('names every bad key of the portal section and refuses unknown ones', () => {
    const message = configError({
      auth,
      sources: { nationalProcedures: national, nationalPortal: { ...portal, dstcode: 'dvcqg', lookupBeforePush: 'never', rejectionCodes: ['đã tồn tại'], retries: 3 } },
    });
    expect(message).toContain('sources.nationalPortal.dstcode');
    expect(message).toContain('sources.nationalPortal.lookupBeforePush');
    expect(message).toContain('sources.nationalPortal.rejectionCodes');
    expect(message).toContain('retries');
  });
});
