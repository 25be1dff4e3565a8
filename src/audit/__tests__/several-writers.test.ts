import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createStore, type Store } from '../../store';
import { createAuditWriter, verifyAuditChain, type AuditRecord } from '../index';

const root = mkdtempSync(path.join(tmpdir(), 'lienthong-writers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function record(writer: string, n: number): AuditRecord {
  return {
    at: new Date(), requestId: `${writer}-${n}`, access: 'graphql', operationName: 'ThuTucTheoMa', operationType: 'query', documentHash: 'ab'.repeat(32),
    attachment: null, outcome: 'success', errorCodes: [], refusalReason: null, durationMs: 3, clientIp: '10.0.0.1', records: { Procedure: 1 },
    sensitiveFields: [], subject: writer, tokenId: null, clientId: null, agencyCode: null,
  };
}

describe('audit writers of several replicas on one store', () => {
  it('keep one hash chain between them, which verifies, with every entry of each', async () => {
    // Two connections to one SQLite file, as two gateway processes would have.
    const dir = path.join(root, 'shared');
    const stores: Store[] = [await createStore({ dataDir: dir }), await createStore({ dataDir: dir })];
    const writers = await Promise.all(stores.map((store) => createAuditWriter({ repository: store.audit, logger: pino({ enabled: false }), flushIntervalMs: 10, maxBatch: 7 })));
    // Both write, interleaved, in small batches: each sees the other move the chain's head.
    for (let n = 0; n < 200; n += 1) {
      writers[0]!.record(record('replica-a', n));
      writers[1]!.record(record('replica-b', n));
      if (n % 9 === 0) await Promise.all(writers.map((w) => w.flush()));
    }
    await Promise.all(writers.map((w) => w.close()));
    const verdict = await verifyAuditChain(stores[0]!.audit);
    expect(verdict).toMatchObject({ ok: true, entries: 400 });
    const all = await stores[1]!.audit.query({}, { first: 1000 });
    expect(all.items.filter((e) => e.subject === 'replica-a')).toHaveLength(200);
    expect(all.items.filter((e) => e.subject === 'replica-b')).toHaveLength(200);
    await Promise.all(stores.map((s) => s.close()));
  });
});
