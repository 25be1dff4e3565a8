import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemoSources, type DemoSources } from '../../src/demo/start-demo-sources';
import type { DossierRecord } from '../../src/domain';
import type { Store } from '../../src/store';
import { openWorkerStore, startSyncWorker, waitUntil, writeWorkerConfig, type SyncWorker } from '../utils/sync-workers';

/**
 * Replicas sharing one store (issue 10): they read each province once between them, and
 * when the one holding a province's lease dies mid-read, another takes the lease once it
 * lapses and finishes the read from the checkpoint, losing and duplicating nothing.
 */
const PER_PROVINCE = 3000;
const LEASE_MS = 2000;

interface Checkpoint {
  phase?: string;
  backfill?: { read: number } | null;
}

describe('replicas sharing one store', () => {
  let demo: DemoSources;
  let root: string;
  const workers: SyncWorker[] = [];
  const stores: Store[] = [];

  beforeAll(async () => {
    demo = await startDemoSources({ seed: 41, procedures: 80, dossiersPerProvince: PER_PROVINCE });
    root = mkdtempSync(path.join(tmpdir(), 'lienthong-replicas-'));
  }, 60_000);
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await Promise.all(stores.map((s) => s.close()));
    await demo.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** A config of one province (Thanh Hóa, iGate), read with small pages and no steady pass during the test. */
  function configFor(dir: string): string {
    const thanhHoa = { ...demo.config.sources!.provinces![0]!, pageSize: 50 };
    return writeWorkerConfig(path.join(dir, 'config.json'), demo.config, path.join(dir, 'store'), {
      provinces: [thanhHoa],
      dossiers: { syncIntervalSeconds: 3600, leaseTtlSeconds: LEASE_MS / 1000, backfillWindowDays: 366, reconcileIntervalHours: 0, prefetchPages: 1, waitMs: 0 },
    });
  }

  async function storeOf(dir: string): Promise<Store> {
    const store = await openWorkerStore(path.join(dir, 'store'));
    stores.push(store);
    return store;
  }

  const checkpoint = async (store: Store): Promise<Checkpoint | undefined> => (await store.dossiers.loadCheckpoint('province-h56'))?.state as Checkpoint | undefined;
  const listings = (): number => demo.simulators.provinces[0]!.stats.byOperation.search ?? 0;

  async function start(config: string, name: string): Promise<SyncWorker> {
    const worker = startSyncWorker(config, name);
    workers.push(worker);
    await worker.ready;
    return worker;
  }

  it('read a province once between two of them, as many listing calls as one replica alone', async () => {
    const alone = path.join(root, 'alone');
    demo.simulators.provinces[0]!.resetStats();
    const single = await start(configFor(alone), 'alone');
    const aloneStore = await storeOf(alone);
    await waitUntil(async () => (await checkpoint(aloneStore))?.phase === 'steady', 120_000, 'one replica has read the province');
    const oneRead = listings();
    single.child.kill('SIGTERM');
    await single.exited;

    const shared = path.join(root, 'shared');
    const config = configFor(shared);
    demo.simulators.provinces[0]!.resetStats();
    await Promise.all([start(config, 'replica-a'), start(config, 'replica-b')]);
    const sharedStore = await storeOf(shared);
    await waitUntil(async () => (await checkpoint(sharedStore))?.phase === 'steady', 120_000, 'the two replicas have read the province');
    // Give the second replica every chance to read it again: it must not.
    await new Promise((resolve) => setTimeout(resolve, 2 * LEASE_MS + 2500));
    expect(oneRead).toBeGreaterThan(10);
    expect(listings()).toBe(oneRead);
    expect((await sharedStore.dossiers.countBySource())['province-h56']).toBe(PER_PROVINCE);
  }, 240_000);

  it('let another replica take over within the lease time when the leaseholder dies mid-read, and finish with nothing lost and nothing twice', async () => {
    const dir = path.join(root, 'takeover');
    const config = configFor(dir);
    const store = await storeOf(dir);
    const first = await start(config, 'replica-first');
    await waitUntil(async () => ((await checkpoint(store))?.backfill?.read ?? 0) > PER_PROVINCE / 5, 120_000, 'the first replica is a fifth of the way through');
    const second = await start(config, 'replica-second');
    expect((await store.leases.get('sync:province-h56'))?.holder).toBe('replica-first');
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await first.exited;
    await waitUntil(async () => (await store.leases.get('sync:province-h56'))?.holder === 'replica-second', 30_000, 'the second replica holds the lease');
    // Lapse of the lease plus one look at whether a pass is due (2 s) and some slack for a loaded machine.
    expect(Date.now() - killedAt).toBeLessThan(LEASE_MS + 2000 + 3000);
    await waitUntil(async () => (await checkpoint(store))?.phase === 'steady', 180_000, 'the second replica has finished the read');
    second.child.kill('SIGTERM');
    await second.exited;

    const sim = demo.simulators.provinces[0]!;
    let missing = 0;
    let wrong = 0;
    for (const truth of sim.iterate()) {
      const stored = await store.dossiers.get(truth.code);
      if (!stored) missing += 1;
      else {
        const status = (stored.record as unknown as DossierRecord).status.code;
        // iGate's "awaiting extension" has no national code in the demo's table: kept unmapped, never guessed.
        if (status !== truth.status && !(status === null && truth.awaitingExtension)) wrong += 1;
      }
    }
    expect(missing).toBe(0);
    expect(wrong).toBe(0);
    // Every dossier was created once in the change log: a page read again after the takeover changed nothing.
    let created = 0;
    const seen = new Set<string>();
    let twice = 0;
    for (let after = 0; ; ) {
      const changes = await store.dossiers.changesAfter(after, 5000);
      if (changes.length === 0) break;
      for (const change of changes) {
        if (change.kind === 'created') {
          created += 1;
          if (seen.has(change.code)) twice += 1;
          seen.add(change.code);
        }
      }
      after = changes[changes.length - 1]!.seq;
    }
    expect(twice).toBe(0);
    expect(created).toBe(PER_PROVINCE);
  }, 300_000);
});
