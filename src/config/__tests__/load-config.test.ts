import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
    expect(config.server).toEqual({ host: '127.0.0.1', port: 4000, mode: 'production', introspection: true, playground: true, bodyLimitBytes: 1_048_576, readinessDetails: false });
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
