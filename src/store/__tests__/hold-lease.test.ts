import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore, holdLease, type Store } from '../index';

describe('holdLease', () => {
  let root: string;
  let store: Store;
  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'lienthong-lease-'));
    store = await createStore({ dataDir: root });
  });
  afterEach(async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('runs the work under the lease and lets it go when the work ends, even by throwing', async () => {
    const seen = await holdLease(store.leases, { name: 'l', holder: 'a', ttlMs: 30_000 }, async ({ fence }) => (await store.leases.get('l'))?.holder === fence.holder);
    expect(seen).toBe(true);
    expect(await store.leases.acquire('l', 'b', 30_000)).not.toBeNull();
    await store.leases.release({ name: 'l', holder: 'b', token: (await store.leases.get('l'))!.token });

    await expect(holdLease(store.leases, { name: 'l', holder: 'a', ttlMs: 30_000 }, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await store.leases.acquire('l', 'b', 30_000)).not.toBeNull();
  });

  it('runs nothing while another holder has it', async () => {
    await store.leases.acquire('l', 'b', 30_000);
    let ran = false;
    expect(await holdLease(store.leases, { name: 'l', holder: 'a', ttlMs: 30_000 }, async () => (ran = true))).toBeNull();
    expect(ran).toBe(false);
  });

  it('says LEASE_LOST, and tells onLost, once a renewal finds the lease taken by another holder', async () => {
    const told: string[] = [];
    const lost = await holdLease(store.leases, { name: 'l', holder: 'a', ttlMs: 600, onLost: (e) => told.push(e.code) }, async (held) => {
      expect(held.lost()).toBeNull();
      // b takes it as though a had stalled past its expiry (b's clock a minute on).
      expect(await store.leases.acquire('l', 'b', 30_000, new Date(Date.now() + 60_000))).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return held.lost()?.code ?? null;
    });
    expect([lost, told]).toEqual(['LEASE_LOST', ['LEASE_LOST']]);
  });
});
