import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createNationalProceduresConnector, type NationalProceduresConnector } from '../../../connectors/national-procedures';
import { startNationalProceduresSimulator, type NationalProceduresSimulator } from '../../../simulators/national-procedures';
import { createSilentLogger } from '../../log';
import { createStore, type Store } from '../../store';
import { mirrorFromStore } from '../mirror-from-store';
import { createProcedureCatalogue, type ProcedureCatalogue } from '../procedure-catalogue';

const root = mkdtempSync(path.join(tmpdir(), 'lienthong-catalogue-'));
let sim: NationalProceduresSimulator;
const opened: Array<{ close(): Promise<void> | void }> = [];

beforeAll(async () => {
  sim = await startNationalProceduresSimulator({ seed: 11, procedures: 40, dstcode: 'VN:GOV:000.00.00.G22:vpcpdvcprovider', username: 'u', password: 'p' });
});
afterEach(async () => {
  for (const each of opened.splice(0).reverse()) await each.close();
});
afterAll(async () => {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function replica(store: Store, holder: string, refreshIntervalSeconds: number): ProcedureCatalogue {
  const connector: NationalProceduresConnector = createNationalProceduresConnector({ url: sim.url, dstcode: 'VN:GOV:000.00.00.G22:vpcpdvcprovider', username: 'u', password: 'p', timeoutMs: 5000 });
  const catalogue = createProcedureCatalogue({ connector, logger: createSilentLogger(), mirror: mirrorFromStore(store.catalogue), refreshIntervalSeconds, coordination: { leases: store.leases, holder, leaseTtlMs: 5000, pollMs: 100 } });
  opened.push({ close: () => connector.close() }, { close: () => catalogue.stop() });
  return catalogue;
}

describe('the procedure catalogue on replicas sharing a store', () => {
  it('is read from the source once per interval between them, and every replica serves it', async () => {
    const stores = await Promise.all(['a', 'b'].map((name) => createStore({ dataDir: path.join(root, 'shared'), sqliteFile: 'lienthong.db' }).then((s) => (opened.push(s), s))));
    sim.resetStats();
    const a = replica(stores[0]!, 'replica-a', 2);
    const b = replica(stores[1]!, 'replica-b', 2);
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.whenLoaded(20_000), b.whenLoaded(20_000)]);
    expect(a.size).toBe(40);
    expect(b.size).toBe(40);
    // One refresh: one list and 40 single reads, not twice that.
    expect(sim.stats.byOperation.LayDanhSachTTHC).toBe(1);
    expect(sim.stats.byOperation.LayThuTuc).toBe(40);
    // After the interval, one more refresh between the two, which both end up serving.
    const first = a.freshness().asOf!;
    await until(() => sim.stats.byOperation.LayDanhSachTTHC === 2);
    await until(() => a.freshness().asOf!.getTime() > first.getTime() && b.freshness().asOf!.getTime() === a.freshness().asOf!.getTime());
    expect(sim.stats.byOperation.LayDanhSachTTHC).toBe(2);
    expect(sim.stats.byOperation.LayThuTuc).toBe(80);
  });
});
