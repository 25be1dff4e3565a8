import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { getTestPki, type TestPki } from '../../../connectors/kit/pki/testing/create-test-pki';
import { verifyAudit } from '../../../scripts/verify-audit';
import { createAuditHeadSigner, createAuditWriter, hashAuditEntry, signAuditHead, verifyAuditChain, verifySignedAuditChain, type AuditWriter } from '../../audit';
import { createStore, type AuditEntry, type Store } from '../index';

// Signed heads of the audit chain against someone with write access to the SQLite file but
// not the operator's key: they change an entry and rebuild every hash after it from the
// database alone, which the plain hash chain cannot see. Lives in src/store because only
// src/store may import the driver.

const silent = pino({ enabled: false });
const MINUTE = 60_000;
let pki: TestPki;
let dataDir: string;
let file: string;
let certificateFile: string;

beforeAll(async () => {
  pki = await getTestPki();
});

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-heads-'));
  certificateFile = path.join(dataDir, 'operator.pem');
  writeFileSync(certificateFile, pki.government.certificatePem);
  const store = await createStore({ dataDir });
  file = store.location;
  const writer = await createAuditWriter({ repository: store.audit, logger: silent, maxBatch: 5 });
  const signer = createAuditHeadSigner({ audit: store.audit, heads: store.auditHeads, key: pki.government.signingKey, logger: silent, intervalMs: MINUTE });
  // Three rounds of traffic, the head signed after each: heads after entries 10, 20 and 30.
  for (let round = 0; round < 3; round += 1) {
    record(writer, 10, round);
    await writer.flush();
    await signer.signNow();
  }
  await writer.close();
  await store.close();
});

afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function record(writer: AuditWriter, count: number, round: number): void {
  for (let n = 0; n < count; n += 1) {
    writer.record({
      at: new Date(),
      requestId: `req-${round}-${n}`,
      access: 'graphql',
      attachment: null,
      refusalReason: null,
      subject: 'van-thu',
      tokenId: null,
      operationName: 'DanhSachVanBan',
      operationType: 'query',
      documentHash: 'ab'.repeat(32),
      outcome: 'success',
      errorCodes: [],
      durationMs: 3,
      clientIp: '10.0.0.1',
      records: { Document: n, SignatureStatus_VERIFIED: n },
      sensitiveFields: [],
      clientId: 'qlvb-g22',
      agencyCode: '000.00.00.G22',
    });
  }
}

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = await createStore({ dataDir });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const entries = () => withStore(async (store) => store.audit.scanChain(null, 1000));
const heads = () => withStore(async (store) => store.auditHeads.scan(null, 1000));
const verifySigned = (now = new Date()) => withStore((store) => verifySignedAuditChain({ audit: store.audit, heads: store.auditHeads }, { certificates: [pki.government.certificate], intervalMs: MINUTE, now, pageSize: 7 }));

/** What someone with only the database does: change one entry, then recompute every hash from it on. */
function rebuildFrom(index: number, change: (entry: AuditEntry) => void, chain: AuditEntry[]): void {
  const db = new Database(file);
  try {
    let prevHash = index === 0 ? null : chain[index - 1]!.hash;
    for (const entry of chain.slice(index)) {
      if (entry === chain[index]) change(entry);
      entry.prevHash = prevHash;
      entry.hash = hashAuditEntry(entry);
      prevHash = entry.hash;
      db.prepare('UPDATE audit_entry SET operation_name = ?, prev_hash = ?, hash = ? WHERE id = ?').run(entry.operationName, entry.prevHash, entry.hash, entry.id);
    }
  } finally {
    db.close();
  }
}

async function runScript(args: string[]): Promise<{ status: number; out: string[] }> {
  const out: string[] = [];
  const status = await verifyAudit(args, { LIENTHONG_DATA_DIR: dataDir }, { out: (line) => out.push(line), err: () => undefined });
  return { status, out };
}

describe('signed heads of the audit chain', () => {
  it('signs the head after each round, once per new head, and the signed chain verifies', async () => {
    const chain = await entries();
    expect((await heads()).map((h) => [h.entryId, h.entryHash])).toEqual([9, 19, 29].map((i) => [chain[i]!.id, chain[i]!.hash]));
    expect(await verifySigned()).toMatchObject({ ok: true, entries: 30, heads: { checked: 3, newest: { entryId: chain[29]!.id } } });
    expect((await verifySigned()).heads.unsignedTail).toBeUndefined();
  });

  it('does not sign again when the chain has not grown', async () => {
    await withStore(async (store) => {
      const signer = createAuditHeadSigner({ audit: store.audit, heads: store.auditHeads, key: pki.government.signingKey, logger: silent });
      expect(await signer.signNow()).toBeNull();
    });
    expect(await heads()).toHaveLength(3);
  });

  it('finds a chain rebuilt from the database alone, which the hash chain by itself takes as intact', async () => {
    const chain = await entries();
    rebuildFrom(14, (entry) => (entry.operationName = 'XoaDauVet'), chain);
    // The rebuilt chain is consistent: the hash chain alone cannot tell.
    expect(await withStore((store) => verifyAuditChain(store.audit))).toMatchObject({ ok: true, entries: 30 });
    // The first head signed after the change no longer matches.
    const result = await verifySigned();
    expect(result).toMatchObject({ ok: false, heads: { firstBad: { entryId: chain[19]!.id, reason: 'HASH_MISMATCH' }, newest: { entryId: chain[9]!.id } } });
  });

  it('finds signed heads deleted to hide a rebuild: the newest entries are then covered by no head', async () => {
    const chain = await entries();
    rebuildFrom(14, (entry) => (entry.operationName = 'XoaDauVet'), chain);
    const db = new Database(file);
    db.prepare('DELETE FROM audit_head WHERE entry_id > ?').run(chain[9]!.id);
    db.close();
    const later = new Date(Date.now() + 10 * MINUTE);
    expect(await verifySigned(later)).toMatchObject({ ok: false, heads: { firstBad: { entryId: chain[10]!.id, reason: 'UNSIGNED_TAIL' }, unsignedTail: { entries: 20 } } });
    // Within two intervals of the last entry, an unsigned tail is what a running gateway has.
    expect(await verifySigned(new Date())).toMatchObject({ ok: true, heads: { unsignedTail: { entries: 20 } } });
  });

  it('refuses a head signed with a key that is not the operator\'s', async () => {
    const chain = await entries();
    const forged = signAuditHead({ entryId: chain[29]!.id, entryHash: chain[29]!.hash!, signedAt: new Date() }, pki.agency.signingKey);
    const db = new Database(file);
    db.prepare('UPDATE audit_head SET signature = ?, key_fingerprint = ? WHERE entry_id = ?').run(forged.signature, forged.keyFingerprint, chain[29]!.id);
    db.close();
    expect((await verifySigned()).heads.firstBad).toMatchObject({ entryId: chain[29]!.id, reason: 'UNKNOWN_CERTIFICATE' });
  });

  it('finds entries cut from the end of the log after their head was signed', async () => {
    const chain = await entries();
    const db = new Database(file);
    db.prepare('DELETE FROM audit_entry WHERE id > ?').run(chain[24]!.id);
    db.close();
    expect((await verifySigned()).heads.firstBad).toMatchObject({ entryId: chain[29]!.id, reason: 'ENTRY_MISSING' });
  });

  describe('npm run audit:verify', () => {
    it('checks the signed heads with the operator certificate an auditor gives', async () => {
      const { status, out } = await runScript(['--certificate', certificateFile, '--interval', '60']);
      expect(status).toBe(0);
      expect(out).toEqual(expect.arrayContaining([expect.stringMatching(/^signed heads: 3 checked, the newest for \S+ signed /), 'audit chain OK: 30 entries']));
    });

    it('exits 1 naming the first head the rebuilt chain no longer matches', async () => {
      const chain = await entries();
      rebuildFrom(3, (entry) => (entry.operationName = 'XoaDauVet'), chain);
      const plain = await runScript([]);
      expect(plain).toMatchObject({ status: 0, out: expect.arrayContaining(['signed heads: not checked (give --certificate FILE, or a config with auditSigning)']) });
      const { status, out } = await runScript(['--certificate', certificateFile]);
      expect(status).toBe(1);
      expect(out.at(-1)).toMatch(new RegExp(`^audit chain BROKEN at ${chain[9]!.id} \\(.*\\): HASH_MISMATCH: this entry no longer has the hash the operator signed`));
    });

    it('takes the operator certificate from the config\'s auditSigning key (PKCS#12, password from the environment)', async () => {
      writeFileSync(path.join(dataDir, 'operator.p12'), pki.government.pkcs12('mat-khau'));
      const config = path.join(dataDir, 'gateway.yaml');
      writeFileSync(
        config,
        [
          'auth: { issuer: https://sso.example, audience: lienthong, jwks: { keys: [{ kty: oct }] } }',
          `store: { dataDir: ${JSON.stringify(dataDir)} }`,
          `auditSigning: { key: { pkcs12: ${JSON.stringify(path.join(dataDir, 'operator.p12'))}, password: "\${AUDIT_KEY_PASSWORD}" }, intervalSeconds: 60 }`,
          'sources: { nationalProcedures: { url: http://127.0.0.1:1, dstcode: "VN:GOV:000.00.00.G22:x", username: u, password: p } }',
        ].join('\n'),
      );
      const out: string[] = [];
      const status = await verifyAudit(['--config', config], { AUDIT_KEY_PASSWORD: 'mat-khau' }, { out: (line) => out.push(line), err: (line) => out.push(line) });
      expect(out).toEqual(expect.arrayContaining([expect.stringMatching(/^signed heads: 3 checked/)]));
      expect(status).toBe(0);
      const wrong = await verifyAudit(['--config', config], { AUDIT_KEY_PASSWORD: 'sai' }, { out: () => undefined, err: (line) => out.push(line) });
      expect(wrong).toBe(2);
      expect(out.at(-1)).toMatch(/^CONFIG_INVALID: auditSigning.key: .*cannot be opened as PKCS#12/);
    });
  });
});
