import { parseConfig } from '../load-config';

const national = { url: 'http://127.0.0.1:7001', dstcode: 'VN:GOV:000.00.00.G22:vpcpdvcprovider', username: 'u', password: 'p' };
const auth = { issuer: 'urn:test', audience: 'urn:gateway', jwks: { url: 'https://sso.example.gov.vn/certs' } };
const system = { name: 'qlvb-h41', systemId: 'nghean.qlvb', secret: 's', agencyCode: '000.00.00.H41' };
const withExchange = (systemOverrides: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({
  auth,
  sources: { nationalProcedures: national, documentExchange: { url: 'http://127.0.0.1:7003', systems: [{ ...system, ...systemOverrides }] } },
  ...rest,
});

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect((err as { code?: string }).code).toBe('CONFIG_INVALID');
    return (err as Error).message;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('the signature configuration', () => {
  it('defaults to an empty trust store that only warns, checked in two worker threads, and no audit signing', () => {
    const config = parseConfig({ auth, sources: { nationalProcedures: national } }, {});
    expect(config.trust).toEqual({ caCertificates: [], crls: [], ocspTimeoutMs: 5000, clockToleranceSeconds: 300, unverified: 'warn', allowSha1: false, workers: 2 });
    expect(config.auditSigning).toBeUndefined();
  });

  it('takes a system signing key as PKCS#12 or as a PEM pair', () => {
    expect(parseConfig(withExchange({ signing: { pkcs12: './h41.p12', password: 'x' } }), {}).sources.documentExchange!.systems[0]!.signing).toEqual({ pkcs12: './h41.p12', password: 'x' });
    expect(parseConfig(withExchange({ signing: { key: './k.pem', certificate: './c.pem' } }), {}).sources.documentExchange!.systems[0]!.signing).toEqual({ key: './k.pem', certificate: './c.pem' });
  });

  it('refuses a signing key given both ways, or half a PEM pair, naming the key and never the password', () => {
    const both = configError(() => parseConfig(withExchange({ signing: { pkcs12: './h41.p12', key: './k.pem', certificate: './c.pem', password: 'bí-mật-lắm' } }), {}));
    expect(both).toContain('sources.documentExchange.systems.0.signing.pkcs12: give either pkcs12, or both key and certificate');
    expect(both).not.toContain('bí-mật-lắm');
    expect(configError(() => parseConfig(withExchange({ signing: { key: './k.pem' } }), {}))).toContain('signing.key: give either pkcs12, or both key and certificate');
  });

  it('checks the trust section: an OCSP URL, a known policy, a bounded worker count', () => {
    const message = configError(() => parseConfig({ auth, sources: { nationalProcedures: national }, trust: { ocspUrl: 'ldap://ocsp', unverified: 'ignore', workers: 99 } }, {}));
    expect(message).toContain('trust.ocspUrl');
    expect(message).toContain('trust.unverified');
    expect(message).toContain('trust.workers');
  });

  it('takes the audit signing key with a default interval of five minutes', () => {
    const config = parseConfig({ auth, sources: { nationalProcedures: national }, auditSigning: { key: { pkcs12: './operator.p12', password: 'x' } } }, {});
    expect(config.auditSigning).toEqual({ key: { pkcs12: './operator.p12', password: 'x' }, intervalSeconds: 300, previousCertificates: [] });
  });
});
