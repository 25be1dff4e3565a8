import pino from 'pino';
import { getTestPki, type TestPki } from '../../../connectors/kit/pki/testing/create-test-pki';
import { GatewayError } from '../../errors';
import type { AuditEntry, SignedAuditHead } from '../../store';
import { auditHeadPayload, createAuditHeadSigner, keyFingerprint, verifyAuditHead } from '..';

const silent = pino({ enabled: false });

/** The two repository methods the signer uses, over plain arrays (the store's behaviour is the contract suite's business). */
function memory() {
  const entries: Array<Pick<AuditEntry, 'id' | 'hash'>> = [];
  const heads: SignedAuditHead[] = [];
  let failing = false;
  const fail = () => {
    if (failing) throw new GatewayError('STORE_UNAVAILABLE', 'the store is down');
  };
  return {
    entries,
    heads,
    setFailing: (value: boolean) => (failing = value),
    audit: { lastEntry: async () => (fail(), (entries.at(-1) as AuditEntry | undefined) ?? null) },
    store: {
      append: async (head: SignedAuditHead) => (fail(), void heads.push(head)),
      latest: async () => (fail(), heads.at(-1) ?? null),
    },
  };
}
const entry = (n: number) => ({ id: `01J${String(n).padStart(23, '0')}`, hash: n.toString(16).padStart(64, '0') });

describe('the audit head signer', () => {
  let pki: TestPki;
  beforeAll(async () => {
    pki = await getTestPki();
  });

  it('signs the head at start, with a signature anyone can check over the documented payload', async () => {
    const m = memory();
    m.entries.push(entry(1), entry(2));
    const signer = createAuditHeadSigner({ audit: m.audit, heads: m.store, key: pki.government.signingKey, logger: silent, now: () => new Date('2026-05-01T01:02:03.004Z') });
    await signer.start();
    await signer.stop();
    expect(m.heads).toEqual([
      { entryId: entry(2).id, entryHash: entry(2).hash, signedAt: new Date('2026-05-01T01:02:03.004Z'), algorithm: 'RSA-SHA256', signature: expect.any(String), keyFingerprint: keyFingerprint(pki.government.certificate) },
    ]);
    expect(auditHeadPayload(m.heads[0]!).toString('utf8')).toBe(`lienthong audit head v1\n${entry(2).id}\n${entry(2).hash}\n2026-05-01T01:02:03.004Z`);
    expect(verifyAuditHead(m.heads[0]!, [pki.government.certificate])).toBeNull();
    expect(verifyAuditHead(m.heads[0]!, [pki.agency.certificate])).toBe('UNKNOWN_CERTIFICATE');
    expect(verifyAuditHead({ ...m.heads[0]!, entryHash: entry(3).hash }, [pki.government.certificate])).toBe('SIGNATURE_INVALID');
  });

  it('signs again only when the chain grew, and once more on stop', async () => {
    const m = memory();
    m.entries.push(entry(1));
    const signer = createAuditHeadSigner({ audit: m.audit, heads: m.store, key: pki.government.signingKey, logger: silent, intervalMs: 3_600_000 });
    await signer.start();
    expect(await signer.signNow()).toBeNull();
    m.entries.push(entry(2));
    await signer.stop();
    expect(m.heads.map((h) => h.entryId)).toEqual([entry(1).id, entry(2).id]);
  });

  it('does not sign an empty log, nor a head a previous run already signed', async () => {
    const m = memory();
    const first = createAuditHeadSigner({ audit: m.audit, heads: m.store, key: pki.government.signingKey, logger: silent });
    expect(await first.signNow()).toBeNull();
    m.entries.push(entry(5));
    await first.signNow();
    const afterRestart = createAuditHeadSigner({ audit: m.audit, heads: m.store, key: pki.government.signingKey, logger: silent });
    expect(await afterRestart.signNow()).toBeNull();
    expect(m.heads).toHaveLength(1);
  });

  it('signs with an ECDSA operator key too', async () => {
    const m = memory();
    m.entries.push(entry(1));
    const ec = await pki.issue({ organisation: 'Vận hành lienthong', keyAlgorithm: 'ECDSA' });
    const head = await createAuditHeadSigner({ audit: m.audit, heads: m.store, key: ec.signingKey, logger: silent }).signNow();
    expect(head).toMatchObject({ algorithm: 'ECDSA-SHA256' });
    expect(verifyAuditHead(head!, [ec.certificate])).toBeNull();
  });

  it('logs and counts a store failure, never throws, and signs once the store is back', async () => {
    const m = memory();
    m.entries.push(entry(1));
    m.setFailing(true);
    const signer = createAuditHeadSigner({ audit: m.audit, heads: m.store, key: pki.government.signingKey, logger: silent });
    await expect(signer.signNow()).resolves.toBeNull();
    expect(signer.stats).toMatchObject({ signed: 0, failed: 1, lastError: 'the store is down' });
    m.setFailing(false);
    expect(await signer.signNow()).not.toBeNull();
    expect(signer.stats).toMatchObject({ signed: 1, failed: 1 });
  });
});
