import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemoSources, type DemoSources } from '../../src/demo/start-demo-sources';

const ROOT = path.join(__dirname, '..', '..');

/**
 * `node dist/src/main.js --config FILE` as production runs it, from the TypeScript sources:
 * the entry, the CLI, the start command and everything they load, in a process of its own.
 */
describe('the production entry point', () => {
  let demo: DemoSources;
  let dir: string;
  beforeAll(async () => {
    // The sources it is configured for run in this process: the entry under test only reads a config file.
    demo = await startDemoSources({ procedures: 20, dossiersPerProvince: 0 });
    dir = mkdtempSync(path.join(tmpdir(), 'lienthong-entry-'));
  });
  afterAll(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves with --config FILE and loads no module of the simulators or the demo', async () => {
    const configFile = path.join(dir, 'lienthong.json');
    writeFileSync(configFile, JSON.stringify({ ...demo.config, server: { port: 0 }, store: { dataDir: path.join(dir, 'data') }, log: { level: 'warn' } }));
    const loadedFile = path.join(dir, 'loaded.json');
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'test/utils/register-ts.js'), path.join(ROOT, 'src/main.ts'), '--config', configFile, '--log-format', 'json'], {
      cwd: dir,
      env: { ...process.env, LOADED_MODULES_FILE: loadedFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the gateway did not start within 60 s; it printed:\n${output}`)), 60_000);
      child.stdout.on('data', () => {
        const found = /lienthong is listening on (http:\/\/\S+)/.exec(output);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
      void exited.then((code) => reject(new Error(`the gateway exited with ${code}; it printed:\n${output}`)));
    });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    // A configured gateway's playground is off unless configured: / is no page.
    expect((await fetch(`${url}/`)).status).toBe(404);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const loaded = (JSON.parse(readFileSync(loadedFile, 'utf8')) as string[]).map((file) => path.relative(ROOT, file));
    // The list is the real one: the gateway's own parts are in it.
    expect(loaded).toEqual(expect.arrayContaining(['src/main.ts', 'src/cli/start-command.ts', 'src/server/create-gateway.ts', 'connectors/kit/http-client.ts']));
    expect(loaded.filter((file) => file.startsWith('simulators/') || file.startsWith('src/demo/') || file.startsWith('src/auth/demo/'))).toEqual([]);
  }, 90_000);

  it('refuses to start without a configuration, pointing at the demo, with exit status 2', async () => {
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'test/utils/register-ts.js'), path.join(ROOT, 'src/main.ts')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("required option '-c, --config <file>'");
  }, 30_000);
});
