import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toNationalProcedureCode, type DossierRecord } from '../../domain';
import { createSilentLogger } from '../../log';
import { createStore, type Store } from '../../store';
import { testKeyring } from '../../store/__tests__/define-dossier-contract-tests';
import { recordOf } from '../dossier-facts';
import { createProvinceSync, type ProvinceSyncOptions } from '../province-sync';
import { createFakeProvince, fakeDossier, type FakeProvince } from './fake-feed';

const root = mkdtempSync(path.join(tmpdir(), 'lienthong-sync-'));
let stores: Store[] = [];
let count = 0;
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()));
  stores = [];
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function newStore(): Promise<Store> {
  const store = await createStore({ dataDir: path.join(root, `s${(count += 1)}`), dataKeyring: testKeyring() });
  stores.push(store);
  return store;
}

const nationalCodeOf = (d: DossierRecord): string | null => (d.procedureCode ? toNationalProcedureCode(d.procedureCode) : null);

function sync(feed: FakeProvince, store: Store, extra: Partial<ProvinceSyncOptions> = {}) {
  return createProvinceSync({ feed, store, logger: createSilentLogger(), holder: 'replica-a', nationalCodeOf, reconcilePagesPerPass: 0, ...extra });
}

async function storedCodes(store: Store): Promise<string[]> {
  const codes: string[] = [];
  let afterKey: string | undefined;
  for (;;) {
    const page = await store.dossiers.list({ today: 0 }, { first: 100, ...(afterKey ? { afterKey } : {}) });
    codes.push(...page.items.map((d) => d.facts.code));
    if (!page.hasNextPage) return codes.sort();
    afterKey = page.items[page.items.length - 1]!.sortKey;
  }
}

function fill(feed: FakeProvince, n: number, fields: (i: number) => Partial<DossierRecord> = () => ({})): void {
  for (let i = 0; i < n; i++) {
    const d = fakeDossier(i, fields(i));
    feed.dossiers.set(d.code, d);
  }
}

/** Moves a dossier along: a new status, updated now. */
function change(feed: FakeProvince, code: string, status: number, at: string): void {
  const d = feed.dossiers.get(code)!;
  d.status = { code: status, vendorCode: String(status), vendorLabel: null };
  d.updatedAt = at;
  if (status === 9 || status === 10) d.finishedAt = at;
}

describe('a province sync', () => {
  it('reads a province in full on its first pass, then keeps it in the store', async () => {
    const feed = createFakeProvince();
    fill(feed, 55);
    const store = await newStore();
    const report = await sync(feed, store).runOnce();
    expect(report).toMatchObject({ ok: true, read: 55, created: 55 });
    expect(await storedCodes(store)).toEqual([...feed.dossiers.keys()].sort());
    expect((await sync(feed, store).state()).phase).toBe('steady');
  });

  it('reads only what changed since its cursor where the dialect lists by update time', async () => {
    const feed = createFakeProvince({ updatedListing: true });
    fill(feed, 55);
    const store = await newStore();
    const s = sync(feed, store, { overlapMs: 60_000 });
    await s.runOnce();
    const codes = [...feed.dossiers.keys()];
    change(feed, codes[3]!, 9, new Date(Date.now() + 1000).toISOString());
    change(feed, codes[40]!, 10, new Date(Date.now() + 2000).toISOString());
    change(feed, codes[41]!, 5, new Date(Date.now() + 3000).toISOString());
    feed.recordsRead = 0;
    const report = await s.runOnce();
    expect(report).toMatchObject({ ok: true, updated: 3, created: 0 });
    // The three changed ones, and the one updated last before the pass: the cursor sits one overlap (60 s) before it.
    expect(feed.recordsRead).toBe(3 + 1);
    expect(recordOf((await store.dossiers.get(codes[40]!))!).status.code).toBe(10);
    // Nothing changed: nothing updated, and the same three re-read at most (the overlap).
    const quiet = await s.runOnce();
    expect(quiet).toMatchObject({ updated: 0, created: 0 });
  });

  it('never skips a dossier that moves to the end of an update listing while it is being paged', async () => {
    const feed = createFakeProvince({ updatedListing: true, pageSize: 5 });
    fill(feed, 30);
    const store = await newStore();
    const s = sync(feed, store, { overlapMs: 0 });
    await s.runOnce();
    const codes = [...feed.dossiers.keys()];
    const base = Date.now() + 10_000;
    // Twelve changes, one second apart; while the pass reads, the first of them changes again.
    codes.slice(0, 12).forEach((code, i) => change(feed, code, 5, new Date(base + i * 1000).toISOString()));
    const listPage = feed.listPage.bind(feed);
    let calls = 0;
    feed.listPage = async (listing, page) => {
      calls += 1;
      if (calls === 2) change(feed, codes[0]!, 9, new Date(base + 60_000).toISOString());
      return listPage(listing, page);
    };
    await s.runOnce();
    for (const code of codes.slice(0, 12)) {
      expect(recordOf((await store.dossiers.get(code))!).status).toEqual(feed.dossiers.get(code)!.status);
    }
  });

  it('re-reads new and unsettled dossiers where the dialect cannot list by update time, and single-reads those that moved on', async () => {
    const feed = createFakeProvince({ statusListing: true });
    // Forty dossiers received every third day up to three days ago; the first thirty returned, the last ten open.
    const day = 86_400_000;
    fill(feed, 40, (i) => {
      const at = new Date(Date.now() - (40 - i) * 3 * day).toISOString();
      return { receivedAt: at, submittedAt: at, updatedAt: at, ...(i < 30 ? { status: { code: 10, vendorCode: '10', vendorLabel: null }, finishedAt: at } : {}) };
    });
    const store = await newStore();
    const s = sync(feed, store);
    await s.runOnce();
    const codes = [...feed.dossiers.keys()];
    change(feed, codes[31]!, 10, new Date().toISOString()); // returned: no longer unsettled
    change(feed, codes[32]!, 5, new Date().toISOString()); // still open, changed
    const fresh = fakeDossier(41, { receivedAt: new Date().toISOString(), submittedAt: new Date().toISOString() });
    feed.dossiers.set(fresh.code, fresh);
    feed.calls.get = 0;
    feed.recordsRead = 0;
    const report = await s.runOnce();
    expect(report).toMatchObject({ ok: true, created: 1, updated: 2 });
    // Read: by reception since a day before the newest seen (three days ago), the newest (39) and the new one; by status,
    // the nine still open and the new one; and one single read, of the one returned since.
    expect(feed.calls.get).toBe(1);
    expect(feed.recordsRead).toBe(2 + 10 + 1);
    expect(recordOf((await store.dossiers.get(codes[31]!))!).status.code).toBe(10);
    expect(await store.dossiers.get(fresh.code)).not.toBeNull();
  });

  it('resumes an interrupted first read from the page it reached, not from the start', async () => {
    const feed = createFakeProvince({ pageSize: 10 });
    fill(feed, 55);
    const store = await newStore();
    // The first window starts a day before the first dossier: its six pages hold all 55; the page call 4 fails.
    const windowDays = Math.ceil((Date.now() - Date.parse('2024-01-01T00:00:00+07:00')) / 86_400_000) + 1;
    feed.failOnPageCall.add(4);
    const s = sync(feed, store, { prefetch: 1, windowDays });
    expect(await s.runOnce()).toMatchObject({ ok: false, error: 'UPSTREAM_UNAVAILABLE' });
    expect((await storedCodes(store)).length).toBe(30);
    const firstWindow = feed.pageLog[0]!.from;
    feed.pageLog.length = 0;
    expect(await s.runOnce()).toMatchObject({ ok: true, created: 25 });
    expect(await storedCodes(store)).toEqual([...feed.dossiers.keys()].sort());
    expect(feed.pageLog.filter((p) => p.from === firstWindow).map((p) => p.page)).toEqual([3, 4, 5]);
  });

  it('keeps stored steps for unchanged dossiers of a dialect that lists without them', async () => {
    const feed = createFakeProvince({ stepsListed: false, updatedListing: true });
    fill(feed, 12, () => ({ steps: [{ handler: 'Lê Văn Cán Bộ', position: 'Chuyên viên', department: null, content: 'Thụ lý', status: null, startedAt: null, finishedAt: null, dueAt: null }] }));
    const store = await newStore();
    const s = sync(feed, store, { overlapMs: 3_600_000 * 24 * 365 * 5 });
    await s.runOnce();
    expect(feed.calls.steps).toBe(12);
    expect(recordOf((await store.dossiers.get([...feed.dossiers.keys()][0]!))!).steps).toHaveLength(1);
    // The overlap makes the next pass list all twelve again: none changed, so no step is read.
    await s.runOnce();
    expect(feed.calls.steps).toBe(12);
  });

  it('runs a province once when two replicas share the store, and lets the second take over when the first stops holding the lease', async () => {
    const feed = createFakeProvince();
    fill(feed, 25);
    const store = await newStore();
    const a = sync(feed, store, { holder: 'replica-a', leaseTtlMs: 60_000 });
    const b = sync(feed, store, { holder: 'replica-b', leaseTtlMs: 60_000 });
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect([ra, rb].filter((r) => r !== null)).toHaveLength(1);
    expect((await storedCodes(store)).length).toBe(25);
    // Replica A holds the lease and stalls: B cannot run while the lease lives, and takes over once it expires.
    const stalled = (await store.leases.acquire('sync:province-h56', 'replica-a', 300))!;
    expect(await b.runOnce()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 350));
    change(feed, [...feed.dossiers.keys()][0]!, 9, new Date().toISOString());
    expect(await b.runOnce()).toMatchObject({ ok: true });
    // A wakes up and writes under its old lease: refused, nothing of it lands.
    await expect(
      store.dossiers.apply({ dossiers: [], checkpoint: { source: 'province-h56', state: { phase: 'backfill' } }, fence: { name: stalled.name, holder: stalled.holder, token: stalled.token } }),
    ).rejects.toMatchObject({ extensions: { code: 'LEASE_LOST' } });
    expect((await b.state()).phase).toBe('steady');
  });

  it('catches a silent correction with its slow full re-read', async () => {
    const feed = createFakeProvince({ updatedListing: true });
    fill(feed, 20);
    const store = await newStore();
    const s = sync(feed, store, { reconcileIntervalMs: 0, reconcilePagesPerPass: 100 });
    await s.runOnce();
    const code = [...feed.dossiers.keys()][7]!;
    feed.dossiers.get(code)!.applicant.name = 'Nguyễn Văn Sửa'; // corrected without a new update instant
    await s.runOnce();
    await s.runOnce();
    expect(recordOf((await store.dossiers.get(code))!).applicant.name).toBe('Nguyễn Văn Sửa');
  });
});
