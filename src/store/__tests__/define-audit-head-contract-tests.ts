import type { SignedAuditHead, Store } from '../index';

/**
 * What every adapter's signed-head repository must do (`AuditHeadRepository`), run against
 * each adapter from its contract test file. `createStore` opens a new, empty store;
 * `reopen` opens the same location as a store the suite has just closed.
 */
export function defineAuditHeadContractTests(name: string, createStore: () => Promise<Store>, reopen: (closed: Store) => Promise<Store>): void {
  describe(`signed audit heads: ${name}`, () => {
    const opened: Store[] = [];
    let store: Store;
    beforeEach(async () => {
      store = await createStore();
      opened.push(store);
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((each) => each.close()));
    });

    const head = (n: number, overrides: Partial<SignedAuditHead> = {}): SignedAuditHead => ({
      entryId: `01J${String(n).padStart(23, '0')}`,
      entryHash: n.toString(16).padStart(64, 'a'),
      signedAt: new Date(Date.UTC(2026, 0, 1, 0, n)),
      algorithm: 'RSA-SHA256',
      signature: Buffer.from(`chữ ký ${n}`).toString('base64'),
      keyFingerprint: 'f'.repeat(64),
      ...overrides,
    });

    it('stores a signed head and reads every field back unchanged', async () => {
      await store.auditHeads.append(head(1));
      expect(await store.auditHeads.latest()).toEqual(head(1));
    });

    it('answers null for the latest head of an empty store', async () => {
      expect(await store.auditHeads.latest()).toBeNull();
    });

    it('takes the latest head by entry id, whatever the order heads were stored in', async () => {
      for (const n of [3, 9, 5]) await store.auditHeads.append(head(n));
      expect((await store.auditHeads.latest())!.entryId).toBe(head(9).entryId);
    });

    it('scans heads in entry id order, page after page', async () => {
      for (const n of [7, 2, 5, 1, 9]) await store.auditHeads.append(head(n));
      const first = await store.auditHeads.scan(null, 2);
      const second = await store.auditHeads.scan(first.at(-1)!.entryId, 2);
      const third = await store.auditHeads.scan(second.at(-1)!.entryId, 2);
      expect([...first, ...second, ...third].map((h) => h.entryId)).toEqual([1, 2, 5, 7, 9].map((n) => head(n).entryId));
      expect(third).toHaveLength(1);
    });

    it('keeps the first head stored for an entry when the same entry is signed again', async () => {
      await store.auditHeads.append(head(4));
      await store.auditHeads.append(head(4, { signedAt: new Date(Date.UTC(2026, 5, 1)), signature: 'AAAA' }));
      expect(await store.auditHeads.scan(null, 10)).toEqual([head(4)]);
    });

    it('refuses a malformed head with a TypeError saying what is wrong', async () => {
      await expect(store.auditHeads.append(head(1, { entryHash: 'not-a-hash' }))).rejects.toThrow(/entryHash must be a lowercase hex sha256/);
      await expect(store.auditHeads.append({ ...head(1), extra: 1 } as unknown as SignedAuditHead)).rejects.toThrow(/extra is not a field of SignedAuditHead/);
      expect(await store.auditHeads.latest()).toBeNull();
    });

    it('refuses a page size out of range', async () => {
      await expect(store.auditHeads.scan(null, 0)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    });

    it('keeps heads across a reopen', async () => {
      await store.auditHeads.append(head(2));
      await store.close();
      opened.splice(opened.indexOf(store), 1);
      const again = await reopen(store);
      opened.push(again);
      expect(await again.auditHeads.latest()).toEqual(head(2));
    });
  });
}
