import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { verifyAudit } from '../../../scripts/verify-audit';
import { createAuditWriter, verifyAuditChain } from '../../audit';
import { startDemoSources } from '../../demo/start-demo-sources';
import { createStore } from '../index';

// The audit hash chain against someone with write access to the SQLite file: each kind of
// tampering is done with the driver, behind the store's back, and must be found at the
// right entry. Lives in src/store because only src/store may import the driver.

const repositoryRoot = path.resolve(__dirname, '../../..');
const run = promisify(execFile);
let dataDir: string;
let file: string;
let ids: string[];

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-chain-'));
  const store = await createStore({ dataDir });
  file = store.location;
  const writer = await createAuditWriter({ repository: store.audit, logger: pino({ enabled: false }), maxBatch: 8 });
  for (let n = 0; n < 30; n += 1) {
    writer.record({
      at: new Date(),
      requestId: `req-${n}`,
      access: 'graphql',
      operationName: n % 2 ? 'ThuTucTheoMa' : 'HoSoTheoTinh',
      operationType: 'query',
      documentHash: 'ab'.repeat(32),
      attachment: null,
      outcome: n % 5 === 0 ? 'error' : 'success',
      errorCodes: n % 5 === 0 ? ['UPSTREAM_TIMEOUT'] : [],
      refusalReason: null,
      durationMs: n + 0.25,
      clientIp: '10.0.0.1',
      records: { Procedure: n, Agency: 1 },
      sensitiveFields: n % 3 === 0 ? ['Applicant.idNumber'] : [],
      subject: `cán-bộ-${n % 4}`,
      tokenId: `jti-${n}`,
      clientId: 'one-stop-h56',
      agencyCode: 'H56',
    });
  }
  await writer.close();
  ids = (await store.audit.scanChain(null, 100)).map((entry) => entry.id);
  await store.close();
});

afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function tamper(...statements: Array<[string, ...unknown[]]>): void {
  const db = new Database(file);
  try {
    for (const [sql, ...params] of statements) expect(db.prepare(sql).run(...params).changes).toBe(1);
  } finally {
    db.close();
  }
}

async function verify() {
  const store = await createStore({ dataDir });
  try {
    return await verifyAuditChain(store.audit, { pageSize: 7 });
  } finally {
    await store.close();
  }
}

describe('audit hash chain in SQLite, tampered with behind the store', () => {
  it('verifies the untouched log, all 30 entries', async () => {
    expect(ids).toHaveLength(30);
    expect(await verify()).toMatchObject({ ok: true, entries: 30, head: { id: ids[29] } });
  });

  it.each([
    ['the operation name', 'operation_name = ?', 'HoSoCongDan'],
    ['the time, by one millisecond', 'at = at + ?', 1],
    ['the duration', 'duration_ms = ?', 0.5],
    ['a record count', 'records = ?', '{"Procedure":99,"Agency":1}'],
    ['the error codes', 'error_codes = ?', '["NOT_FOUND"]'],
    ['the subject (who called)', 'subject = ?', 'someone-else'],
    ['the token id', 'token_id = ?', 'another-token'],
    ['the client', 'client_id = ?', 'another-client'],
    ['the version, passing the entry off as written before subjects were recorded', 'version = ?', 1],
    ['the client address, to null', 'client_ip = ?', null],
    ['the hash itself', 'hash = ?', 'f'.repeat(64)],
  ])('finds %s changed in one row, at that entry (HASH_MISMATCH)', async (_name, assignment, value) => {
    tamper([`UPDATE audit_entry SET ${assignment} WHERE id = ?`, value, ids[12]]);

    expect(await verify()).toMatchObject({ ok: false, entries: 13, firstBreak: { id: ids[12], reason: 'HASH_MISMATCH' } });
  });

  it('finds a changed prevHash at that entry (PREV_HASH_MISMATCH)', async () => {
    tamper(['UPDATE audit_entry SET prev_hash = ? WHERE id = ?', 'f'.repeat(64), ids[12]]);

    expect((await verify()).firstBreak).toMatchObject({ id: ids[12], reason: 'PREV_HASH_MISMATCH' });
  });

  it('finds a deleted entry at the one after it (PREV_HASH_MISMATCH)', async () => {
    tamper(['DELETE FROM audit_entry WHERE id = ?', ids[12]]);

    expect(await verify()).toMatchObject({ ok: false, entries: 13, firstBreak: { id: ids[13], reason: 'PREV_HASH_MISMATCH' } });
  });

  it('finds two entries swapped in order at the first of them (PREV_HASH_MISMATCH)', async () => {
    tamper(
      ['UPDATE audit_entry SET id = ? WHERE id = ?', 'swapping', ids[12]],
      ['UPDATE audit_entry SET id = ? WHERE id = ?', ids[12], ids[13]],
      ['UPDATE audit_entry SET id = ? WHERE id = ?', ids[13], 'swapping'],
    );

    expect(await verify()).toMatchObject({ ok: false, entries: 13, firstBreak: { id: ids[12], reason: 'PREV_HASH_MISMATCH' } });
  });

  it('finds an erased hash at that entry (MISSING_HASH)', async () => {
    tamper(['UPDATE audit_entry SET hash = NULL WHERE id = ?', ids[20]]);

    expect((await verify()).firstBreak).toMatchObject({ id: ids[20], reason: 'MISSING_HASH' });
  });

  it('verifies what remains after the oldest entries are purged, saying where it starts', async () => {
    const db = new Database(file);
    const { at } = db.prepare('SELECT at FROM audit_entry WHERE id = ?').get(ids[10]) as { at: number };
    db.prepare('UPDATE audit_entry SET at = ? WHERE id < ?').run(0, ids[10]);
    db.close();
    const store = await createStore({ dataDir });
    await store.audit.purgeOlderThan(new Date(at - 1));
    await store.close();

    const result = await verify();

    // Changing `at` to purge them was tampering too, but the changed entries are gone.
    expect(result).toMatchObject({ ok: true, entries: 20, startsAfter: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  describe('npm run audit:verify (scripts/verify-audit.ts)', () => {
    async function command(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
      const env = { ...process.env, LIENTHONG_DATA_DIR: dataDir, MONGODB_URI: '' };
      const argv = ['-r', './src/store/__tests__/fixtures/register-typescript.js', 'scripts/verify-audit.ts', ...args];
      try {
        const { stdout, stderr } = await run(process.execPath, argv, { cwd: repositoryRoot, env });
        return { status: 0, stdout, stderr };
      } catch (error) {
        const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
        return { status: code, stdout, stderr };
      }
    }

    it('exits 0 on the untouched log, then 1 naming the entry once one row is changed', async () => {
      const intact = await command();
      expect(intact).toMatchObject({ status: 0, stderr: `verifying the audit chain in sqlite ${file}\n` });
      expect(intact.stdout).toMatch(new RegExp(`^audit chain head: ${ids[29]} \\(\\S+Z\\) [0-9a-f]{64}\\nsigned heads: not checked \\(give --certificate FILE, or a config with auditSigning\\)\\naudit chain OK: 30 entries\\n$`));

      tamper(['UPDATE audit_entry SET operation_name = ? WHERE id = ?', 'HoSoCongDan', ids[7]]);
      const broken = await command();

      expect(broken.status).toBe(1);
      expect(broken.stdout).toMatch(new RegExp(`^audit chain BROKEN at ${ids[7]} \\(\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\): HASH_MISMATCH\\n$`));
    });

    it('reads the store from the gateway config file given with --config', async () => {
      // The demo's config is a whole, valid gateway config (the gateway refuses anything less).
      const demo = await startDemoSources({ procedures: 5, dossiersPerProvince: 0 });
      const config = path.join(dataDir, 'gateway.json');
      writeFileSync(config, JSON.stringify({ ...demo.config, store: { dataDir } }));
      await demo.close();
      const lines: string[] = [];
      const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };

      expect(await verifyAudit(['--config', config], {}, io)).toBe(0);
      expect(lines.at(-1)).toBe('audit chain OK: 30 entries');
    });

    it.each([
      ['an unknown option', ['--bogus'], /Unknown option '--bogus'\nusage: npm run audit:verify/],
      ['a config file that is not there', ['--config', '/nonexistent/gateway.yaml'], /^CONFIG_INVALID: cannot read config file \/nonexistent\/gateway.yaml/],
    ])('exits 2 on %s, saying why', async (_name, args, message) => {
      const errors: string[] = [];
      const status = await verifyAudit(args, {}, { out: () => undefined, err: (line) => errors.push(line) });

      expect(status).toBe(2);
      expect(errors.join('\n')).toMatch(message);
    });

    it('exits 2 when the store cannot be opened', async () => {
      const notADatabase = mkdtempSync(path.join(tmpdir(), 'lienthong-chain-'));
      writeFileSync(path.join(notADatabase, 'lienthong.db'), 'this is not an SQLite database, and is longer than its header'.repeat(20));
      const errors: string[] = [];

      const status = await verifyAudit([], { LIENTHONG_DATA_DIR: notADatabase }, { out: () => undefined, err: (line) => errors.push(line) });
      rmSync(notADatabase, { recursive: true, force: true });

      expect(status).toBe(2);
      expect(errors.join('\n')).toMatch(/^STORE_UNAVAILABLE: /);
    });
  });
});
