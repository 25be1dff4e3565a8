import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveResilienceOptions } from '../../../connectors/kit';
import { parseConfig, readConfigFile } from '../load-config';

const national = { url: 'http://127.0.0.1:7001', dstcode: 'VN:GOV:000.00.00.G22:vpcpdvcprovider', username: 'u', password: 'p' };
const auth = { issuer: 'urn:test', audience: 'urn:gateway', jwks: { url: 'https://sso.example.gov.vn/certs' } };

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect((err as { code?: string }).code).toBe('CONFIG_INVALID');
    return (err as Error).message;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('configuration', () => {
  it('fills every default and freezes the result', () => {
    const config = parseConfig({ auth, sources: { nationalProcedures: national } }, {});
    expect(config.server).toEqual({
      host: '127.0.0.1', port: 4000, mode: 'production', introspection: true, playground: false, bodyLimitBytes: 1_048_576, readinessDetails: false,
      cors: { origins: [], maxAgeSeconds: 600 }, compressThresholdBytes: 1024, metrics: false, metricsHost: '127.0.0.1', metricsPort: 9464, federation: false, trustProxy: false,
    });
    expect(config.sources.nationalProcedures).toMatchObject({ name: 'national-procedures', dstcodeIn: 'header', timeoutMs: 10_000, catalogue: { refreshIntervalSeconds: 3600 } });
    expect(config.store.dataDir).toBe('./data');
    expect(Object.isFrozen(config.sources.nationalProcedures)).toBe(true);
  });

  it('names the bad key and shows what arrived', () => {
    const message = configError(() => parseConfig({ auth, sources: { nationalProcedures: { ...national, url: 'not a url', timeoutMs: -5 } } }, {}));
    expect(message).toMatch(/^CONFIG_INVALID: /);
    expect(message).toContain('sources.nationalProcedures.url');
    expect(message).toContain('"not a url"');
    expect(message).toContain('sources.nationalProcedures.timeoutMs');
  });

  it('refuses unknown keys, so a typo does not pass silently', () => {
    const message = configError(() => parseConfig({ auth, server: { prot: 4000 }, sources: { nationalProcedures: national } }, {}));
    expect(message).toContain('prot');
  });

  it('refuses a malformed routing code', () => {
    expect(configError(() => parseConfig({ auth, sources: { nationalProcedures: { ...national, dstcode: 'G22' } } }, {}))).toContain('VN:GOV:<agency code>:<subsystem>');
  });

  it('takes a resilience block on every source, leaving what it does not set to the connector kit\'s defaults', () => {
    const province = { name: 'province-h56', province: 'H56', dialect: 'motcua', url: 'http://127.0.0.1:7002', username: 'u', password: 'p', statusTable: { '1': 1 } };
    const documentExchange = { url: 'http://127.0.0.1:7003', systems: [{ name: 'qlvb-h41', systemId: 's', secret: 'x', agencyCode: '000.00.00.H41' }] };
    const config = parseConfig(
      {
        auth,
        sources: {
          nationalProcedures: { ...national, resilience: { retries: { count: 0 }, breaker: { resetTimeoutMs: 60_000 } } },
          provinces: [{ ...province, connections: 4, resilience: { concurrency: { maxInFlight: 8 }, dedupe: false } }],
          documentExchange: { ...documentExchange, resilience: { breaker: { enabled: false } } },
        },
      },
      {},
    );
    expect(resolveResilienceOptions('national-procedures', config.sources.nationalProcedures.resilience)).toEqual({
      retries: { count: 0, baseDelayMs: 200, maxDelayMs: 2000, maxRetryAfterMs: 5000 },
      breaker: { enabled: true, errorThresholdPercentage: 50, volumeThreshold: 10, windowMs: 10_000, resetTimeoutMs: 60_000 },
      concurrency: { maxInFlight: 64, maxQueued: 256 },
      dedupe: true,
    });
    expect(config.sources.provinces[0]).toMatchObject({ connections: 4, resilience: { concurrency: { maxInFlight: 8 }, dedupe: false } });
    expect(resolveResilienceOptions('province-h56', config.sources.provinces[0]!.resilience).concurrency).toEqual({ maxInFlight: 8, maxQueued: 256 });
    expect(config.sources.documentExchange).toMatchObject({ connections: 8, resilience: { breaker: { enabled: false } } });
    // Nothing set: the kit's defaults, the same for every source.
    const plain = parseConfig({ auth, sources: { nationalProcedures: national, provinces: [province] } }, {});
    expect(plain.sources.nationalProcedures.resilience).toBeUndefined();
    expect(plain.sources.provinces[0]!.connections).toBe(16);
  });

  it('refuses a resilience value out of range or a misspelt resilience key, naming it', () => {
    const message = configError(() =>
      parseConfig(
        { auth, sources: { nationalProcedures: { ...national, resilience: { breaker: { errorThresholdPercentage: 150 }, concurrency: { maxInFlight: 0 }, retry: { count: 1 } } } } },
        {},
      ),
    );
    expect(message).toContain('sources.nationalProcedures.resilience.breaker.errorThresholdPercentage');
    expect(message).toContain('(got 150)');
    expect(message).toContain('sources.nationalProcedures.resilience.concurrency.maxInFlight');
    expect(message).toContain('"retry"');
  });

  it('serves no /metrics unless asked, and then on a listener of its own', () => {
    const config = parseConfig({ auth, server: { metrics: true, metricsPort: 9100 }, sources: { nationalProcedures: national } }, {});
    expect(config.server).toMatchObject({ metrics: true, metricsHost: '127.0.0.1', metricsPort: 9100, port: 4000 });
    expect(configError(() => parseConfig({ auth, server: { metricsPort: 70_000 }, sources: { nationalProcedures: national } }, {}))).toContain('server.metricsPort');
  });

  it('applies environment overrides after the file', () => {
    const config = parseConfig({ auth, server: { port: 1 }, sources: { nationalProcedures: national } }, { LIENTHONG_PORT: '8080', LIENTHONG_LOG_LEVEL: 'warn', MONGODB_URI: 'mongodb://db:27017/lienthong' });
    expect(config.server.port).toBe(8080);
    expect(config.log.level).toBe('warn');
    expect(config.store.mongodbUri).toBe('mongodb://db:27017/lienthong');
    expect(configError(() => parseConfig({ auth, sources: { nationalProcedures: national } }, { LIENTHONG_PORT: 'eighty' }))).toContain('server.port');
  });

  it('reads YAML files and fills ${VARIABLES} from the environment, naming a missing one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lienthong-config-'));
    const file = path.join(dir, 'gateway.yaml');
    writeFileSync(file, ['auth:', '  issuer: urn:test', '  audience: urn:gateway', '  jwks:', '    url: https://sso.example.gov.vn/certs', 'sources:', '  nationalProcedures:', `    url: ${national.url}`, `    dstcode: ${national.dstcode}`, '    username: lienthong', '    password: ${NATIONAL_PASSWORD}', ''].join('\n'));
    const input = readConfigFile(file, { NATIONAL_PASSWORD: 's3cret' });
    expect(parseConfig(input, {}).sources.nationalProcedures.password).toBe('s3cret');
    expect(configError(() => readConfigFile(file, {}))).toContain('NATIONAL_PASSWORD');
    writeFileSync(file, 'sources: [unclosed');
    expect(configError(() => readConfigFile(file, {}))).toContain('not valid YAML');
    expect(configError(() => readConfigFile(path.join(dir, 'missing.yaml'), {}))).toContain('cannot read');
  });
});
