import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../run-cli';

function capture(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), tty: false, env } };
}

const valid = {
  auth: { issuer: 'urn:test', audience: 'urn:gateway', jwks: { url: 'https://sso.example.gov.vn/certs' } },
  server: { host: '0.0.0.0', cors: { origins: ['https://motcua.thanhhoa.gov.vn'] } },
  sources: {
    nationalProcedures: { url: 'http://127.0.0.1:7001', dstcode: 'VN:GOV:000.00.00.G22:vpcpdvcprovider', username: 'u', password: '${NATIONAL_PASSWORD}' },
    provinces: [{ name: 'province-h48', province: 'H48', dialect: 'soap', url: 'http://hcc.quangngai.gov.vn', username: 'u', password: 'p', statusTable: { '1': 1 } }],
  },
};

function configFile(content: unknown): { file: string; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lienthong-cli-'));
  const file = path.join(dir, 'lienthong.yaml');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify({ ...(content as object), store: { dataDir: path.join(dir, 'data') } }));
  return { file, dir };
}

describe('the lienthong command line', () => {
  it('lists its commands and exit statuses with --help, and exits 0', async () => {
    const { out, io } = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    const help = out.join('');
    for (const command of ['start', 'demo', 'check-config', 'sync', 'verify-audit', 'rotate-key']) expect(help).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(help).toContain('Exit status: 0');
  });

  it("shows a command's own options with --help", async () => {
    const { out, io } = capture();
    expect(await runCli(['rotate-key', '--help'], io)).toBe(0);
    expect(out.join('')).toContain('--config <file>');
  });

  it('answers usage errors with status 2 and says what was wrong', async () => {
    for (const [argv, message] of [
      [['bogus'], "unknown command 'bogus'"],
      [['start'], "required option '-c, --config <file>' not specified"],
      [['demo', '--port', 'eighty'], 'must be a whole number from 0 to 65535'],
      [['demo', '--config', 'prod.yaml'], 'lienthong start --config prod.yaml'],
      [['start', '--config', 'x.yaml', '--log-format', 'xml'], 'must be json or pretty'],
    ] as const) {
      const { err, io } = capture();
      expect({ argv, status: await runCli(argv, io) }).toEqual({ argv, status: 2 });
      expect(err.join('')).toContain(message);
    }
  });

  it('stops start with status 2 and the CONFIG_INVALID message for a bad configuration, before anything starts', async () => {
    const national = { ...valid.sources.nationalProcedures, password: 'p' };
    const { file } = configFile({ ...valid, server: { port: 'eighty' }, sources: { ...valid.sources, nationalProcedures: national } });
    const { err, io } = capture();
    expect(await runCli(['start', '--config', file], io)).toBe(2);
    expect(err.join('')).toMatch(/^CONFIG_INVALID: server\.port: .*\(got "eighty"\)/);
  });

  it('stops start with status 2 and STORE_UNAVAILABLE naming the path when the data directory cannot be made, without a stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lienthong-cli-'));
    writeFileSync(path.join(dir, 'a-file'), 'not a directory');
    const national = { ...valid.sources.nationalProcedures, password: 'p' };
    const { file } = configFile(JSON.stringify({ ...valid, sources: { ...valid.sources, nationalProcedures: national }, store: { dataDir: path.join(dir, 'a-file', 'data') } }));
    const { err, io } = capture();
    expect(await runCli(['start', '--config', file], io)).toBe(2);
    expect(err.join('')).toMatch(new RegExp(`^STORE_UNAVAILABLE: cannot make the data key file ${path.join(dir, 'a-file', 'data')}.*ENOTDIR`));
    expect(err.join('')).not.toContain('    at ');
  });

  describe('check-config', () => {
    it('passes a valid configuration with a summary of what would run, and says a key file would be made', async () => {
      const { file, dir } = configFile(valid);
      const { out, io } = capture({ NATIONAL_PASSWORD: 'secret' });
      expect(await runCli(['check-config', '--config', file], io)).toBe(0);
      const text = out.join('');
      expect(text).toContain(`${file}: valid`);
      expect(text).toContain('listens on 0.0.0.0:4000, mode production; introspection on, playground off');
      expect(text).toContain('CORS origins: https://motcua.thanhhoa.gov.vn; compression above 1024 bytes');
      expect(text).toContain('1 province(s) (H48 soap)');
      expect(text).toContain(`the first start makes ${path.join(dir, 'data', 'data-keys.json')}`);
    });

    it('fails with status 2 naming an unset environment variable, a bad key, or a trust file that is not there', async () => {
      const cases: Array<[unknown, NodeJS.ProcessEnv, string]> = [
        [valid, {}, 'environment variable NATIONAL_PASSWORD is not set'],
        [{ ...valid, server: { cors: { origins: ['https://a.gov.vn/path'] } } }, { NATIONAL_PASSWORD: 'p' }, 'server.cors.origins.0: must be an origin'],
        [{ ...valid, store: undefined, trust: { caCertificates: ['/nonexistent/roots'] } }, { NATIONAL_PASSWORD: 'p' }, '/nonexistent/roots'],
      ];
      for (const [content, env, message] of cases) {
        const { file } = configFile(content);
        const { err, io } = capture(env);
        expect(await runCli(['check-config', '--config', file], io)).toBe(2);
        expect(err.join('')).toContain(message);
      }
      const { file } = configFile(valid);
      const { err, io } = capture({ NATIONAL_PASSWORD: 'p', LIENTHONG_DATA_KEY: 'c2hvcnQ=' });
      expect(await runCli(['check-config', '--config', file], io)).toBe(2);
      expect(err.join('')).toContain('must be 32 bytes');
    });
  });
});
