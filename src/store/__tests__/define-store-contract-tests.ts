import type { AuditEntry, AuditFilter, CatalogueSnapshot, JsonObject, MirroredProcedure, Store } from '../index';

/**
 * The behaviour every store adapter must have, run against each of them
 * (`sqlite.contract.test.ts`, `mongo.contract.test.ts`). `createStore` opens a new, empty
 * store; `reopen` opens the same location as a store the suite has just closed.
 */
export function defineStoreContractTests(
  name: string,
  createStore: () => Promise<Store>,
  reopen: (closed: Store) => Promise<Store>,
): void {
  describe(`store contract: ${name}`, () => {
    const opened: Store[] = [];
    let store: Store;

    async function open(create: () => Promise<Store>): Promise<Store> {
      const result = await create();
      opened.push(result);
      return result;
    }

    beforeEach(async () => {
      store = await open(createStore);
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((each) => each.close()));
    });

    async function queryAll(filter: AuditFilter = {}): Promise<AuditEntry[]> {
      const items: AuditEntry[] = [];
      let after: string | undefined;
      do {
        const page = await store.audit.query(filter, { first: 1000, after });
        items.push(...page.items);
        after = page.nextCursor ?? undefined;
      } while (after);
      return items;
    }

    describe('audit', () => {
      it('stores every field of an entry and reads it back unchanged', async () => {
        const full = entry(1, {
          operationName: 'ThuTucTheoMa',
          operationType: 'query',
          outcome: 'error',
          errorCodes: ['UPSTREAM_TIMEOUT', 'NOT_FOUND'],
          durationMs: 12.5,
          clientIp: '2001:db8::1',
          records: { Procedure: 3, Agency: 1 },
          sensitiveFields: ['Applicant.idNumber', 'DossierStep.handler'],
          subject: 'cán-bộ-42',
          tokenId: '9b1c6c1e-7f0e-4a8e-9d53-2d6a1f0b9c11',
          clientId: 'one-stop-h56',
          agencyCode: 'H56',
          prevHash: 'a'.repeat(64),
          hash: 'b'.repeat(64),
        });
        const bare = entry(2, { operationName: null, operationType: null, clientIp: null, records: {}, errorCodes: [], sensitiveFields: [] });
        const empty = entry(3, { operationName: '', clientIp: '', subject: '', tokenId: '', clientId: '' });
        const download = entry(4, {
          access: 'attachment',
          operationName: null,
          operationType: null,
          documentHash: null,
          attachment: { documentId: 'qlvb-g22:0f3c', contentId: 'cid:209' },
          outcome: 'rejected',
          errorCodes: ['UNAUTHENTICATED'],
          refusalReason: 'TOKEN_EXPIRED',
        });
        const legacy = entry(5, { version: 1, subject: null, tokenId: null, clientId: 'one-stop-h56' });
        await store.audit.append([full, bare, empty, download, legacy]);

        expect(await queryAll()).toEqual([legacy, download, empty, bare, full]);
      });

      it('returns entries newest first, ordering entries of the same millisecond by id', async () => {
        const entries = [entry(1, { at: at(5) }), entry(2, { at: at(9) }), entry(3, { at: at(5) }), entry(4, { at: at(1) }), entry(5, { at: at(9) })];
        await store.audit.append(entries);

        expect((await queryAll()).map((each) => each.id)).toEqual([id(5), id(2), id(3), id(1), id(4)]);
      });

      it('pages through every entry with no duplicates or gaps and a constant totalCount', async () => {
        const entries = Array.from({ length: 23 }, (_, n) => entry(n, { at: at(Math.floor(n / 3)) }));
        await store.audit.append(entries);

        const seen: string[] = [];
        let after: string | undefined;
        let pages = 0;
        do {
          const page = await store.audit.query({}, { first: 5, after });
          expect(page.totalCount).toBe(23);
          expect(page.items.length).toBe(pages < 4 ? 5 : 3);
          seen.push(...page.items.map((each) => each.id));
          after = page.nextCursor ?? undefined;
          pages += 1;
        } while (after);

        expect(pages).toBe(5);
        expect(seen).toEqual(newestFirst(entries).map((each) => each.id));
      });

      it('returns no cursor when the last page is exactly full', async () => {
        await store.audit.append(Array.from({ length: 4 }, (_, n) => entry(n)));

        const first = await store.audit.query({}, { first: 2 });
        const second = await store.audit.query({}, { first: 2, after: first.nextCursor! });

        expect(second.items).toHaveLength(2);
        expect(second.nextCursor).toBeNull();
      });

      it('keeps a cursor stable when newer entries arrive between pages', async () => {
        const entries = Array.from({ length: 6 }, (_, n) => entry(n, { at: at(n) }));
        await store.audit.append(entries);
        const first = await store.audit.query({}, { first: 3 });

        await store.audit.append([entry(100, { at: at(50) }), entry(101, { at: at(60) })]);
        const second = await store.audit.query({}, { first: 3, after: first.nextCursor! });

        expect(first.items.map((each) => each.id)).toEqual([id(5), id(4), id(3)]);
        expect(second.items.map((each) => each.id)).toEqual([id(2), id(1), id(0)]);
        expect(second.totalCount).toBe(8);
      });

      describe('filters', () => {
        const dataset = Array.from({ length: 40 }, (_, n) =>
          entry(n, {
            at: at(n % 13),
            operationName: ['ThuTuc', 'HoSo', null][n % 3]!,
            outcome: (['success', 'error', 'rejected'] as const)[n % 4 === 3 ? 2 : n % 2],
            errorCodes: n % 2 === 1 ? (n % 5 === 0 ? ['UPSTREAM_TIMEOUT', 'NOT_FOUND'] : ['NOT_FOUND']) : [],
            subject: n % 4 === 0 ? null : `user-${n % 3}`,
            clientId: n % 4 === 0 ? null : `client-${n % 2}`,
            agencyCode: n % 5 === 0 ? 'H56' : n % 5 === 1 ? 'G01' : null,
            ...(n % 7 === 3 && { access: 'attachment' as const, documentHash: null, attachment: { documentId: `qlvb:${n}`, contentId: 'cid:1' } }),
          }),
        );

        const cases: Array<[string, AuditFilter, (each: AuditEntry) => boolean]> = [
          ['from (inclusive)', { from: at(7) }, (each) => each.at >= at(7)],
          ['to (exclusive)', { to: at(4) }, (each) => each.at < at(4)],
          ['from and to', { from: at(3), to: at(6) }, (each) => each.at >= at(3) && each.at < at(6)],
          ['operationName', { operationName: 'HoSo' }, (each) => each.operationName === 'HoSo'],
          ['outcome', { outcome: 'rejected' }, (each) => each.outcome === 'rejected'],
          ['errorCode (any of the entry codes)', { errorCode: 'UPSTREAM_TIMEOUT' }, (each) => each.errorCodes.includes('UPSTREAM_TIMEOUT')],
          ['errorCode shared by many entries', { errorCode: 'NOT_FOUND' }, (each) => each.errorCodes.includes('NOT_FOUND')],
          ['subject', { subject: 'user-1' }, (each) => each.subject === 'user-1'],
          ['clientId', { clientId: 'client-1' }, (each) => each.clientId === 'client-1'],
          ['access', { access: 'attachment' }, (each) => each.access === 'attachment'],
          ['agencyCode', { agencyCode: 'H56' }, (each) => each.agencyCode === 'H56'],
          ['no agency (agencyCode null)', { agencyCode: null }, (each) => each.agencyCode === null],
          ['subject and no agency', { subject: 'user-2', agencyCode: null }, (each) => each.subject === 'user-2' && each.agencyCode === null],
          [
            'several at once',
            { from: at(2), operationName: 'ThuTuc', outcome: 'error', errorCode: 'NOT_FOUND', agencyCode: 'G01' },
            (each) =>
              each.at >= at(2) && each.operationName === 'ThuTuc' && each.outcome === 'error' && each.errorCodes.includes('NOT_FOUND') && each.agencyCode === 'G01',
          ],
          ['a value nothing matches', { operationName: 'KhongCo' }, () => false],
        ];

        it.each(cases)('filters by %s', async (_name, filter, matches) => {
          await store.audit.append(dataset);
          const expected = newestFirst(dataset.filter(matches));

          const result = await store.audit.query(filter, { first: 1000 });

          expect(result.items.map((each) => each.id)).toEqual(expected.map((each) => each.id));
          expect(result.totalCount).toBe(expected.length);
        });

        it('pages through a filtered result with no duplicates or gaps', async () => {
          await store.audit.append(dataset);
          const expected = newestFirst(dataset.filter((each) => each.errorCodes.includes('NOT_FOUND')));

          const seen: string[] = [];
          let after: string | undefined;
          do {
            const page = await store.audit.query({ errorCode: 'NOT_FOUND' }, { first: 3, after });
            expect(page.totalCount).toBe(expected.length);
            seen.push(...page.items.map((each) => each.id));
            after = page.nextCursor ?? undefined;
          } while (after);

          expect(seen).toEqual(expected.map((each) => each.id));
        });
      });

      it.each([
        ['a graphql access without a document hash', { documentHash: null }],
        ['a graphql access naming an attachment', { attachment: { documentId: 'qlvb:1', contentId: 'cid:1' } }],
        ['a download without its attachment', { access: 'attachment' as const, documentHash: null }],
        ['a download with a document hash', { access: 'attachment' as const, attachment: { documentId: 'qlvb:1', contentId: 'cid:1' } }],
        ['an empty content id', { access: 'attachment' as const, documentHash: null, attachment: { documentId: 'qlvb:1', contentId: '' } }],
        ['an attachment with a field more', { access: 'attachment' as const, documentHash: null, attachment: { documentId: 'qlvb:1', contentId: 'cid:1', path: '/etc' } as AuditEntry['attachment'] }],
        ['a version-1 entry with a subject', { version: 1 as const, subject: 'cán-bộ' }],
        ['an unknown version', { version: 3 as unknown as 2 }],
        ['an unknown access', { access: 'ftp' as unknown as 'graphql' }],
      ])('refuses %s', async (_name, overrides) => {
        await expect(store.audit.append([entry(1, overrides)])).rejects.toThrow(TypeError);
        expect((await store.audit.query({}, { first: 10 })).totalCount).toBe(0);
      });

      it('stores none of a batch when one entry is invalid, naming that entry', async () => {
        const batch = [entry(1), entry(2), { ...entry(3), outcome: 'maybe' } as unknown as AuditEntry];

        await expect(store.audit.append(batch)).rejects.toThrow(/entry 2 \(id "E000003"\)/);
        expect((await store.audit.query({}, { first: 10 })).totalCount).toBe(0);
      });

      it('stores a batch appended twice (a retry) only once', async () => {
        const batch = [entry(1), entry(2)];
        await store.audit.append(batch);
        await store.audit.append([...batch, entry(3)]);

        expect((await queryAll()).map((each) => each.id)).toEqual([id(3), id(2), id(1)]);
      });

      it('accepts an empty batch', async () => {
        await store.audit.append([]);
        expect((await store.audit.query({}, { first: 1 })).totalCount).toBe(0);
      });

      it('rejects a cursor it did not issue, a bad page size and a non-string filter with BAD_USER_INPUT', async () => {
        await expect(store.audit.query({}, { first: 10, after: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
        await expect(store.audit.query({}, { first: 0 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
        await expect(store.audit.query({}, { first: 1001 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
        const injected = { operationName: { $ne: null } } as unknown as AuditFilter;
        await expect(store.audit.query(injected, { first: 10 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      });

      it('purges entries older than a date, keeps the rest and says how many it deleted', async () => {
        const entries = Array.from({ length: 10 }, (_, n) => entry(n, { at: at(n), errorCodes: ['NOT_FOUND'] }));
        await store.audit.append(entries);

        expect(await store.audit.purgeOlderThan(at(4))).toBe(4);
        expect((await queryAll()).map((each) => each.id)).toEqual([9, 8, 7, 6, 5, 4].map(id));
        expect((await store.audit.query({ errorCode: 'NOT_FOUND' }, { first: 100 })).totalCount).toBe(6);
        expect(await store.audit.purgeOlderThan(at(4))).toBe(0);
      });

      describe('the hash chain (id order)', () => {
        async function scanAll(limit: number): Promise<string[]> {
          const ids: string[] = [];
          let after: string | null = null;
          for (;;) {
            const page: AuditEntry[] = await store.audit.scanChain(after, limit);
            expect(page.length).toBeLessThanOrEqual(limit);
            ids.push(...page.map((each) => each.id));
            if (page.length < limit) return ids;
            after = page[page.length - 1]!.id;
          }
        }

        it('has no last entry while the log is empty', async () => {
          expect(await store.audit.lastEntry()).toBeNull();
          expect(await store.audit.scanChain(null, 10)).toEqual([]);
        });

        it('gives the entry with the greatest id as the last one, whatever its time, with every field', async () => {
          const newest = entry(7, { at: at(1), prevHash: 'c'.repeat(64), hash: 'd'.repeat(64), errorCodes: ['NOT_FOUND'], records: { Procedure: 2, Agency: 1 } });
          await store.audit.append([entry(3, { at: at(9) }), newest, entry(5, { at: at(20) })]);

          expect(await store.audit.lastEntry()).toEqual(newest);
        });

        it('walks every entry in ascending id order, page by page, whatever their times', async () => {
          const entries = Array.from({ length: 23 }, (_, n) => entry(n, { at: at((n * 7) % 5) }));
          await store.audit.append([...entries].reverse());

          expect(await scanAll(5)).toEqual(entries.map((each) => each.id));
          expect(await scanAll(1000)).toEqual(entries.map((each) => each.id));
          expect(await store.audit.scanChain(null, 2)).toEqual(entries.slice(0, 2));
        });

        it('continues after an id that is no longer stored, and after the last one with nothing', async () => {
          await store.audit.append(Array.from({ length: 6 }, (_, n) => entry(n, { at: at(n) })));
          await store.audit.purgeOlderThan(at(3));

          expect((await store.audit.scanChain(id(1), 10)).map((each) => each.id)).toEqual([id(3), id(4), id(5)]);
          expect(await store.audit.scanChain(id(5), 10)).toEqual([]);
          expect((await store.audit.lastEntry())?.id).toBe(id(5));
        });

        it('rejects a bad position or page size with BAD_USER_INPUT', async () => {
          await expect(store.audit.scanChain(null, 0)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
          await expect(store.audit.scanChain(null, 1001)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
          await expect(store.audit.scanChain(null, 2.5)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
          await expect(store.audit.scanChain('', 10)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
          const injected = { $gt: '' } as unknown as string;
          await expect(store.audit.scanChain(injected, 10)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
        });
      });

      it('purges more entries than fit in one delete', async () => {
        for (let batch = 0; batch < 5; batch += 1) {
          await store.audit.append(Array.from({ length: 500 }, (_, n) => entry(batch * 500 + n, { at: at(batch) })));
        }
        await store.audit.append([entry(9999, { at: at(100) })]);

        expect(await store.audit.purgeOlderThan(at(50))).toBe(2500);
        expect((await store.audit.query({}, { first: 10 })).totalCount).toBe(1);
      });
    });

    describe('catalogue mirror', () => {
      it('has no snapshot before one is saved', async () => {
        expect(await store.catalogue.loadSnapshot()).toBeNull();
      });

      it('round-trips a snapshot: order, nested JSON, Vietnamese text and refreshedAt', async () => {
        const saved = snapshot('A', 5);
        await store.catalogue.saveSnapshot(saved);

        expect(await store.catalogue.loadSnapshot()).toEqual(saved);
      });

      it('tells when the current snapshot was refreshed: null before any, then the refreshedAt of each save, never null while one is in progress', async () => {
        expect(await store.catalogue.lastRefreshedAt()).toBeNull();
        const first = snapshot('A', 1200);
        await store.catalogue.saveSnapshot(first);
        expect(await store.catalogue.lastRefreshedAt()).toEqual(first.refreshedAt);

        const second = snapshot('B', 1300);
        let saved = false;
        const saving = store.catalogue.saveSnapshot(second).then(() => {
          saved = true;
        });
        const seen = new Set<number>();
        while (!saved) {
          const at = await store.catalogue.lastRefreshedAt();
          expect([first.refreshedAt.getTime(), second.refreshedAt.getTime()]).toContain(at?.getTime());
          seen.add(at!.getTime());
          await new Promise((resolve) => setImmediate(resolve));
        }
        await saving;
        expect(await store.catalogue.lastRefreshedAt()).toEqual(second.refreshedAt);
        // A failed save changes nothing.
        const broken = snapshot('C', 2);
        (broken.procedures[1] as Record<string, unknown>).fee = BigInt(1);
        await expect(store.catalogue.saveSnapshot(broken)).rejects.toThrow(/BigInt/);
        expect(await store.catalogue.lastRefreshedAt()).toEqual(second.refreshedAt);
        expect(seen.has(first.refreshedAt.getTime())).toBe(true);
      });

      it('replaces the whole previous snapshot, leaving nothing of it behind', async () => {
        await store.catalogue.saveSnapshot(snapshot('A', 6));
        const next = snapshot('B', 2, { agencies: [], sectors: [{ code: 'S-B', name: 'Tư pháp' }] });

        await store.catalogue.saveSnapshot(next);

        expect(await store.catalogue.loadSnapshot()).toEqual(next);
      });

      it('keeps the previous snapshot when a save fails halfway through writing', async () => {
        const previous = snapshot('A', 3);
        await store.catalogue.saveSnapshot(previous);
        const broken = snapshot('B', 1200);
        // JSON cannot hold a BigInt: the save fails while writing the last chunk.
        (broken.procedures[1199] as Record<string, unknown>).fee = BigInt(10);

        await expect(store.catalogue.saveSnapshot(broken)).rejects.toThrow(/BigInt/);

        expect(await store.catalogue.loadSnapshot()).toEqual(previous);
        await store.catalogue.saveSnapshot(snapshot('C', 2));
        expect((await store.catalogue.loadSnapshot())?.procedures.map((each) => each.code)).toEqual(['C-0000', 'C-0001']);
      });

      it('refuses a procedure without a code or two with the same code, keeping the previous snapshot', async () => {
        const previous = snapshot('A', 2);
        await store.catalogue.saveSnapshot(previous);
        const duplicate = snapshot('B', 3);
        duplicate.procedures[2] = { ...duplicate.procedures[2]!, code: 'B-0000' };
        const missing = snapshot('B', 3);
        delete (missing.procedures[1] as Partial<MirroredProcedure>).code;

        await expect(store.catalogue.saveSnapshot(duplicate)).rejects.toThrow(/procedures\[2\]\.code "B-0000" appears twice/);
        await expect(store.catalogue.saveSnapshot(missing)).rejects.toThrow(/procedures\[1\]\.code is undefined/);
        expect(await store.catalogue.loadSnapshot()).toEqual(previous);
      });

      it('lets readers see the old or the new snapshot, never a mix, while a save is in progress', async () => {
        await store.catalogue.saveSnapshot(snapshot('A', 1500));
        let saved = false;
        const saving = store.catalogue.saveSnapshot(snapshot('B', 1500)).then(() => {
          saved = true;
        });

        const versions: string[] = [];
        while (!saved) {
          const loaded = await store.catalogue.loadSnapshot();
          const codes = new Set(loaded!.procedures.map((each) => each.code.slice(0, 1)));
          expect(loaded!.procedures).toHaveLength(1500);
          expect(codes.size).toBe(1);
          versions.push([...codes][0]!);
          await new Promise((resolve) => setImmediate(resolve));
        }
        await saving;

        expect(versions.length).toBeGreaterThan(1);
        expect(versions[0]).toBe('A');
        expect((await store.catalogue.loadSnapshot())!.procedures[0]!.code).toBe('B-0000');
      });

      it('saves and loads 2,000 procedures of about 5 KB each', async () => {
        const large = snapshot('L', 2000, { bodyBytes: 5000 });
        await store.catalogue.saveSnapshot(large);

        expect(await store.catalogue.loadSnapshot()).toEqual(large);
      });
    });

    describe('lifecycle', () => {
      it('keeps audit entries and the catalogue after close and reopen', async () => {
        const entries = Array.from({ length: 30 }, (_, n) => entry(n, { errorCodes: n % 2 ? ['NOT_FOUND'] : [] }));
        const saved = snapshot('A', 20);
        await store.audit.append(entries);
        await store.catalogue.saveSnapshot(saved);
        await store.close();

        store = await open(() => reopen(store));

        expect(await queryAll()).toEqual(newestFirst(entries));
        expect((await store.audit.query({ errorCode: 'NOT_FOUND' }, { first: 100 })).totalCount).toBe(15);
        expect(await store.audit.lastEntry()).toEqual(entries[29]);
        expect(await store.audit.scanChain(null, 1000)).toEqual(entries);
        expect(await store.catalogue.loadSnapshot()).toEqual(saved);
      });

      it('finishes a snapshot save in progress before closing', async () => {
        const saved = snapshot('A', 1200);
        const saving = store.catalogue.saveSnapshot(saved);
        await store.close();
        await saving;

        store = await open(() => reopen(store));

        expect(await store.catalogue.loadSnapshot()).toEqual(saved);
      });

      it('answers ping while open and STORE_UNAVAILABLE once closed', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
        await store.close();
        await store.close();

        await expect(store.ping()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
        await expect(store.audit.append([entry(1)])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
        await expect(store.catalogue.loadSnapshot()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
        await expect(store.audit.lastEntry()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
        await expect(store.audit.scanChain(null, 10)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      });

      it('says what it is and where, without a password', () => {
        expect(['sqlite', 'mongodb']).toContain(store.kind);
        expect(store.location).not.toBe('');
        expect(store.location).not.toMatch(/:[^:@/*]+@/);
      });
    });
  });
}

const BASE_MS = Math.floor((Date.now() - 10 * 24 * 60 * 60 * 1000) / 1000) * 1000;

/** A time `minutes` after a base ten days ago (recent enough for any retention). */
function at(minutes: number): Date {
  return new Date(BASE_MS + minutes * 60_000);
}

function id(n: number): string {
  return `E${String(n).padStart(6, '0')}`;
}

function entry(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: id(n),
    version: 2,
    at: at(0),
    requestId: `req-${n}`,
    access: 'graphql',
    operationName: 'ThuTuc',
    operationType: 'query',
    documentHash: '0123456789abcdef'.repeat(4),
    attachment: null,
    outcome: 'success',
    errorCodes: [],
    refusalReason: null,
    durationMs: n,
    clientIp: '10.0.0.1',
    records: { Procedure: n },
    sensitiveFields: [],
    subject: null,
    tokenId: null,
    clientId: null,
    agencyCode: null,
    prevHash: null,
    hash: null,
    ...overrides,
  };
}

function newestFirst(entries: AuditEntry[]): AuditEntry[] {
  return [...entries].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

function snapshot(
  version: string,
  procedures: number,
  { bodyBytes = 200, agencies, sectors }: { bodyBytes?: number; agencies?: JsonObject[]; sectors?: JsonObject[] } = {},
): CatalogueSnapshot {
  const body = 'Thủ tục cấp giấy phép xây dựng — hồ sơ gồm: '.padEnd(bodyBytes / 2, 'đ');
  return {
    refreshedAt: new Date(BASE_MS + procedures),
    procedures: Array.from({ length: procedures }, (_, n): MirroredProcedure => ({
      code: `${version}-${String(n).padStart(4, '0')}`,
      name: `Thủ tục ${n}`,
      level: n % 4,
      online: n % 2 === 0,
      fee: null,
      steps: [{ order: 1, text: body }, { order: 2, nested: { deep: [1, 2.5, 'ba'] } }],
    })),
    agencies: agencies ?? [{ code: `AG-${version}`, name: 'Sở Xây dựng', parent: null }],
    sectors: sectors ?? [{ code: `SE-${version}`, name: 'Xây dựng' }, { code: 'SE-2', name: 'Đất đai' }],
  };
}
