import { randomBytes } from 'node:crypto';
import { agencyPath, parseAgencyCode } from '../../domain';
import type { DataKeyring, DossierClass, DossierFacts, DossierWrite, Store } from '../index';

/** A keyring with one fresh key, `k1`. */
export function testKeyring(ids: readonly string[] = ['k1'], active = ids[0]!): DataKeyring {
  return { activeKeyId: active, keys: new Map(ids.map((id) => [id, randomBytes(32)])) };
}

const ms = (iso: string): number => Date.parse(iso);
/** Vietnam-time day number of a date written yyyy-mm-dd (hand rule: UTC midnight of that date, in days). */
const day = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

interface Spec {
  code: string;
  agency: string;
  listed?: string | null;
  received?: string | null;
  status?: number | null;
  channel?: string | null;
  procedure?: string | null;
  due?: string | null;
  klass?: DossierClass;
  /** @default not settled for statuses 1, 2, 4, 5, 6, 9 and unmapped */
  settled?: boolean;
  hash?: string;
  name?: string;
}

/** A dossier write from a short spec; the record carries a citizen's name to find (or not) at rest. */
export function dossierWrite(spec: Spec): DossierWrite {
  const parsed = parseAgencyCode(spec.agency)!;
  const received = spec.received === undefined ? (spec.listed ?? null) : spec.received;
  const facts: DossierFacts = {
    code: spec.code,
    source: `province-${parsed.l1.toLowerCase()}`,
    agencyCode: spec.agency,
    agencyPaths: [agencyPath(parsed, 1), agencyPath(parsed, 2), agencyPath(parsed, 3), agencyPath(parsed, 4)],
    listedMs: spec.listed === undefined ? ms('2024-03-01T08:00:00+07:00') : spec.listed === null ? null : ms(spec.listed),
    receivedMs: received === null ? null : ms(received),
    status: spec.status === undefined ? 10 : spec.status,
    channel: spec.channel === undefined ? 'ONLINE' : spec.channel,
    procedure: spec.procedure === undefined ? '1.001612' : spec.procedure,
    dueDay: spec.due ? day(spec.due) : null,
    klass: spec.klass ?? 'ON_TIME',
    settled: spec.settled ?? ![1, 2, 4, 5, 6, 9, null].includes(spec.status === undefined ? 10 : spec.status),
    updatedAt: null,
    contentHash: spec.hash ?? `h-${spec.code}`,
  };
  return { facts, record: { code: spec.code, applicant: { name: spec.name ?? 'Nguyễn Văn Thử' }, steps: [{ handler: 'Trần Thị Bé' }] } };
}

/**
 * The behaviour every store adapter must have for dossiers and leases
 * (`sqlite-dossiers.contract.test.ts`, `mongo-dossiers.contract.test.ts`). `createStore` opens a
 * new, empty store with `keyring`.
 */
export function defineDossierContractTests(name: string, createStore: (keyring: DataKeyring) => Promise<Store>): void {
  describe(`dossier store contract: ${name}`, () => {
    const opened: Store[] = [];
    let store: Store;
    const open = async (keyring = testKeyring()): Promise<Store> => {
      const s = await createStore(keyring);
      opened.push(s);
      return s;
    };
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('keeps a dossier with its facts, its record and version 1, and logs its creation', async () => {
      const write = dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56', status: 4, klass: 'OPEN', due: '2024-03-10' });
      const result = await store.dossiers.apply({ dossiers: [write], now: new Date('2024-03-02T00:00:00Z') });
      expect(result).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
      const stored = await store.dossiers.get(write.facts.code);
      expect(stored).toMatchObject({ facts: write.facts, record: write.record, version: 1 });
      expect(stored!.changedAt.toISOString()).toBe('2024-03-02T00:00:00.000Z');
      const changes = await store.dossiers.changesAfter(0, 10);
      expect(changes).toEqual([expect.objectContaining({ code: write.facts.code, version: 1, kind: 'created', oldStatus: null, newStatus: 4, agencyCode: '000.00.41.H56' })]);
      expect(await store.dossiers.get('000.00.41.H56-240301-9999')).toBeNull();
    });

    it('seals the record text the caller already serialised, when it gives one, instead of serialising the record again', async () => {
      const write = dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56' });
      // The text the caller digested: here, on purpose, not what JSON.stringify(record) would give.
      const recordJson = JSON.stringify({ ...write.record, digested: 'as sent' });
      await store.dossiers.apply({ dossiers: [{ ...write, recordJson }, dossierWrite({ code: '000.00.41.H56-240301-0002', agency: '000.00.41.H56' })] });
      expect((await store.dossiers.get(write.facts.code))!.record).toEqual({ ...write.record, digested: 'as sent' });
      expect((await store.dossiers.get('000.00.41.H56-240301-0002'))!.record).toEqual(dossierWrite({ code: '000.00.41.H56-240301-0002', agency: '000.00.41.H56' }).record);
    });

    it('applies the same data twice as a no-op, and a change as the next version with its old and new status', async () => {
      const first = dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56', status: 4, klass: 'OPEN', hash: 'a' });
      await store.dossiers.apply({ dossiers: [first], enqueue: ['portal'] });
      expect(await store.dossiers.apply({ dossiers: [first], enqueue: ['portal'] })).toMatchObject({ created: 0, updated: 0, unchanged: 1, changes: [] });
      const second = dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56', status: 9, klass: 'ON_TIME', hash: 'b' });
      const result = await store.dossiers.apply({ dossiers: [second] });
      expect(result).toMatchObject({ updated: 1, changes: [expect.objectContaining({ version: 2, kind: 'updated', oldStatus: 4, newStatus: 9 })] });
      expect((await store.dossiers.get(second.facts.code))!.version).toBe(2);
      expect((await store.dossiers.changesAfter(0, 10)).map((c) => c.version)).toEqual([1, 2]);
      expect((await store.dossiers.changesAfter(1, 10)).map((c) => c.version)).toEqual([2]);
    });

    it('lists newest first, then by code, undated last, and pages by key without skipping or repeating', async () => {
      const specs: Spec[] = [
        { code: '000.00.41.H56-240301-0003', agency: '000.00.41.H56', listed: '2024-03-01T08:00:00+07:00' },
        { code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56', listed: '2024-03-01T08:00:00+07:00' },
        { code: '000.00.41.H56-240302-0001', agency: '000.00.41.H56', listed: '2024-03-02T09:30:00+07:00' },
        { code: '000.00.41.H56-240228-0001', agency: '000.00.41.H56', listed: null },
        { code: '000.00.41.H56-240301-0002', agency: '000.00.41.H56', listed: '2024-03-01T08:00:01+07:00' },
      ];
      await store.dossiers.apply({ dossiers: specs.map(dossierWrite) });
      const expected = ['000.00.41.H56-240302-0001', '000.00.41.H56-240301-0002', '000.00.41.H56-240301-0001', '000.00.41.H56-240301-0003', '000.00.41.H56-240228-0001'];
      const seen: string[] = [];
      let afterKey: string | undefined;
      for (;;) {
        const page = await store.dossiers.list({ today: 0 }, { first: 2, ...(afterKey ? { afterKey } : {}) });
        seen.push(...page.items.map((d) => d.facts.code));
        if (!page.hasNextPage) break;
        afterKey = page.items[page.items.length - 1]!.sortKey;
      }
      expect(seen).toEqual(expected);
    });

    describe('filters and counts', () => {
      // Hand-made: two districts of H56 with communes, one dossier of H41; statuses, channels, procedures and dates vary.
      const specs: Spec[] = [
        { code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56', listed: '2024-03-01T08:00:00+07:00', status: 10, channel: 'ONLINE', klass: 'ON_TIME' },
        { code: '000.01.41.H56-240301-0001', agency: '000.01.41.H56', listed: '2024-03-01T23:59:59+07:00', status: 9, channel: 'IN_PERSON', klass: 'LATE' },
        { code: '000.02.41.H56-240302-0001', agency: '000.02.41.H56', listed: '2024-03-02T00:00:00+07:00', status: 4, channel: 'ONLINE', klass: 'OPEN', due: '2024-03-05', procedure: '2.000477' },
        { code: '000.00.42.H56-240302-0001', agency: '000.00.42.H56', listed: '2024-03-02T10:00:00+07:00', status: 4, channel: 'POSTAL', klass: 'OPEN', due: '2024-03-20' },
        { code: '000.01.42.H56-240303-0001', agency: '000.01.42.H56', listed: '2024-03-03T14:00:00+07:00', status: 3, channel: 'ONLINE', klass: 'OTHER', received: null },
        { code: '000.01.00.H56-240303-0001', agency: '000.01.00.H56', listed: '2024-03-03T15:00:00+07:00', status: 10, channel: 'ONLINE', klass: 'LATE', procedure: '2.000477' },
        { code: '000.00.41.H41-240301-0001', agency: '000.00.41.H41', listed: '2024-03-01T09:00:00+07:00', status: 2, channel: 'ONLINE', klass: 'OPEN', due: '2024-03-04' },
        { code: '000.00.41.H56-240304-0001', agency: '000.00.41.H56', listed: '2024-03-04T07:00:00+07:00', status: null, channel: null, klass: 'OTHER', procedure: null },
      ];
      const TODAY = day('2024-03-10');
      beforeEach(async () => {
        await store.dossiers.apply({ dossiers: specs.map(dossierWrite) });
      });

      const cases: Array<[string, Parameters<Store['dossiers']['list']>[0], string[]]> = [
        ['the whole province H56', { scope: { depth: 1, path: 'H56' }, today: TODAY }, ['000.00.41.H56-240304-0001', '000.01.00.H56-240303-0001', '000.01.42.H56-240303-0001', '000.00.42.H56-240302-0001', '000.02.41.H56-240302-0001', '000.01.41.H56-240301-0001', '000.00.41.H56-240301-0001']],
        ['district 41 of H56 and its communes', { scope: { depth: 2, path: 'H56.41' }, today: TODAY }, ['000.00.41.H56-240304-0001', '000.02.41.H56-240302-0001', '000.01.41.H56-240301-0001', '000.00.41.H56-240301-0001']],
        ['the level-3 unit placed under the province, not the commune 01 of district 42', { scope: { depth: 3, path: 'H56.00.01' }, today: TODAY }, ['000.01.00.H56-240303-0001']],
        ['exactly the district 41 office', { scope: { depth: 4, path: 'H56.41.00.000' }, today: TODAY }, ['000.00.41.H56-240304-0001', '000.00.41.H56-240301-0001']],
        ['open statuses everywhere', { statuses: [2, 4], today: TODAY }, ['000.00.42.H56-240302-0001', '000.02.41.H56-240302-0001', '000.00.41.H41-240301-0001']],
        ['online in H56', { scope: { depth: 1, path: 'H56' }, channel: 'ONLINE', today: TODAY }, ['000.01.00.H56-240303-0001', '000.01.42.H56-240303-0001', '000.02.41.H56-240302-0001', '000.00.41.H56-240301-0001']],
        ['one procedure', { procedure: '2.000477', today: TODAY }, ['000.01.00.H56-240303-0001', '000.02.41.H56-240302-0001']],
        ['late ones: finished late, or open after the due day', { late: true, today: TODAY }, ['000.01.00.H56-240303-0001', '000.02.41.H56-240302-0001', '000.01.41.H56-240301-0001', '000.00.41.H41-240301-0001']],
        ['not late in H56', { scope: { depth: 1, path: 'H56' }, late: false, today: TODAY }, ['000.00.41.H56-240304-0001', '000.01.42.H56-240303-0001', '000.00.42.H56-240302-0001', '000.00.41.H56-240301-0001']],
        ['received on 1 March (from inclusive, to exclusive), the day as a whole', { receivedFromMs: ms('2024-03-01T00:00:00+07:00'), receivedToMs: ms('2024-03-02T00:00:00+07:00'), today: TODAY }, ['000.01.41.H56-240301-0001', '000.00.41.H41-240301-0001', '000.00.41.H56-240301-0001']],
        ['received from 08:00:01 on 1 March to 10:00 on 2 March', { receivedFromMs: ms('2024-03-01T08:00:01+07:00'), receivedToMs: ms('2024-03-02T10:00:00+07:00'), today: TODAY }, ['000.02.41.H56-240302-0001', '000.01.41.H56-240301-0001', '000.00.41.H41-240301-0001']],
        ['received inside one day, 08:00 to 09:00 on 1 March', { receivedFromMs: ms('2024-03-01T08:00:00+07:00'), receivedToMs: ms('2024-03-01T09:00:00+07:00'), today: TODAY }, ['000.00.41.H56-240301-0001']],
        ['received since 3 March: the refused one was never received', { receivedFromMs: ms('2024-03-03T00:00:00+07:00'), today: TODAY }, ['000.00.41.H56-240304-0001', '000.01.00.H56-240303-0001']],
        ['received before 2 March, 10:00 excluded, in H56', { scope: { depth: 1, path: 'H56' }, receivedToMs: ms('2024-03-02T10:00:00+07:00'), today: TODAY }, ['000.02.41.H56-240302-0001', '000.01.41.H56-240301-0001', '000.00.41.H56-240301-0001']],
        ['everything at once', { scope: { depth: 2, path: 'H56.41' }, statuses: [4], channel: 'ONLINE', procedure: '2.000477', late: true, receivedFromMs: ms('2024-03-01T12:00:00+07:00'), today: TODAY }, ['000.02.41.H56-240302-0001']],
        ['nothing', { scope: { depth: 2, path: 'H56.43' }, today: TODAY }, []],
      ];

      it.each(cases)('lists and counts %s', async (_name, query, expected) => {
        const page = await store.dossiers.list(query, { first: 100 });
        expect(page.items.map((d) => d.facts.code)).toEqual(expected);
        expect(page.hasNextPage).toBe(false);
        expect(await store.dossiers.count(query)).toBe(expected.length);
      });

      it('computes the published figures from whole days and partial edges alike', async () => {
        // Received in H56 from 1 March 12:00 to 3 March 15:00 (excluded): 0001 of 01.41 (late), 02.41 (open, due 5 March),
        // 42 (open, due 20 March); the refused one was never received; 01.00 is at 15:00, excluded.
        expect(await store.dossiers.statistics({ scope: { depth: 1, path: 'H56' }, fromMs: ms('2024-03-01T12:00:00+07:00'), toMs: ms('2024-03-03T15:00:00+07:00'), today: TODAY })).toEqual({
          received: 3, online: 1, processed: 1, onTime: 0, late: 1, inProgress: 2, overdue: 1,
        });
        // The whole of March in H56: every received one.
        expect(await store.dossiers.statistics({ scope: { depth: 1, path: 'H56' }, fromMs: ms('2024-03-01T00:00:00+07:00'), toMs: ms('2024-04-01T00:00:00+07:00'), today: TODAY })).toEqual({
          received: 6, online: 3, processed: 3, onTime: 1, late: 2, inProgress: 2, overdue: 1,
        });
        // Before the due day of 02.41 nothing is overdue.
        expect(await store.dossiers.statistics({ scope: { depth: 2, path: 'H56.41' }, fromMs: ms('2024-01-01T00:00:00+07:00'), toMs: ms('2025-01-01T00:00:00+07:00'), today: day('2024-03-05') })).toEqual({
          received: 4, online: 2, processed: 2, onTime: 1, late: 1, inProgress: 1, overdue: 0,
        });
      });

      it('moves a dossier between figures when it changes, leaving no count behind', async () => {
        const now = dossierWrite({ ...specs[2]!, status: 10, klass: 'LATE', hash: 'finished' });
        await store.dossiers.apply({ dossiers: [now] });
        const march = { scope: { depth: 2 as const, path: 'H56.41' }, fromMs: ms('2024-03-01T00:00:00+07:00'), toMs: ms('2024-04-01T00:00:00+07:00'), today: TODAY };
        expect(await store.dossiers.statistics(march)).toEqual({ received: 4, online: 2, processed: 3, onTime: 1, late: 2, inProgress: 0, overdue: 0 });
        // Moved to another district: it leaves district 41's figures altogether.
        await store.dossiers.apply({ dossiers: [dossierWrite({ ...specs[2]!, agency: '000.02.42.H56', status: 10, klass: 'LATE', hash: 'moved' })] });
        expect(await store.dossiers.statistics(march)).toEqual({ received: 3, online: 1, processed: 2, onTime: 1, late: 1, inProgress: 0, overdue: 0 });
        expect(await store.dossiers.count({ scope: { depth: 2, path: 'H56.42' }, today: TODAY })).toBe(3);
      });

      it('lists the dossiers of one source that are not settled, by code', async () => {
        // In H56: the open ones (4), the one processed but not yet returned (9) and the unmapped one; returned (10) and refused (3) ones are settled.
        expect(await store.dossiers.unsettledCodes('province-h56', null, 10)).toEqual(['000.00.41.H56-240304-0001', '000.00.42.H56-240302-0001', '000.01.41.H56-240301-0001', '000.02.41.H56-240302-0001']);
        expect(await store.dossiers.unsettledCodes('province-h56', '000.00.42.H56-240302-0001', 2)).toEqual(['000.01.41.H56-240301-0001', '000.02.41.H56-240302-0001']);
        expect(await store.dossiers.countBySource()).toEqual({ 'province-h56': 7, 'province-h41': 1 });
      });
    });

    it('counts each dossier once per source however often it is written, under the source it was last written with', async () => {
      const first = dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56' });
      const other = dossierWrite({ code: '000.00.41.H56-240301-0002', agency: '000.00.41.H56' });
      await store.dossiers.apply({ dossiers: [first, other] });
      await store.dossiers.apply({ dossiers: [first, dossierWrite({ code: '000.00.41.H56-240301-0002', agency: '000.00.41.H56', hash: 'changed' })] });
      expect(await store.dossiers.countBySource()).toEqual({ 'province-h56': 2 });
      // Written again by another source (a province's configuration renamed): it counts there, and no longer here.
      const moved = dossierWrite({ code: '000.00.41.H56-240301-0002', agency: '000.00.41.H56', hash: 'renamed' });
      await store.dossiers.apply({ dossiers: [{ ...moved, facts: { ...moved.facts, source: 'thanh-hoa' } }] });
      expect(await store.dossiers.countBySource()).toEqual({ 'province-h56': 1, 'thanh-hoa': 1 });
    });

    it('holds an open dossier without a due day not late, in lists, row counts and rollup counts alike', async () => {
      await store.dossiers.apply({
        dossiers: [
          dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56', status: 4, klass: 'OPEN', due: null }),
          dossierWrite({ code: '000.00.41.H56-240301-0002', agency: '000.00.41.H56', status: 4, klass: 'OPEN', due: '2024-03-05' }),
        ],
      });
      // Without a procedure the count reads rollups; with one it counts rows. Both must agree with the list.
      for (const extra of [{}, { procedure: '1.001612' }]) {
        for (const [late, expected] of [[false, ['000.00.41.H56-240301-0001']], [true, ['000.00.41.H56-240301-0002']]] as const) {
          const query = { late, today: day('2024-03-10'), ...extra };
          expect((await store.dossiers.list(query, { first: 10 })).items.map((d) => d.facts.code)).toEqual(expected);
          expect(await store.dossiers.count(query)).toBe(1);
        }
      }
    });

    it('writes nothing of a batch that fails halfway: no dossier, change, count, outbox entry or checkpoint', async () => {
      const good = dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56' });
      const bad = dossierWrite({ code: '000.00.41.H56-240301-0002', agency: '000.00.41.H56' });
      (bad.facts as { klass: string }).klass = 'SOMETIMES';
      await expect(store.dossiers.apply({ dossiers: [good, bad], enqueue: ['portal'], checkpoint: { source: 'province-h56', state: { cursor: 'x' } } })).rejects.toBeDefined();
      expect(await store.dossiers.get(good.facts.code)).toBeNull();
      expect(await store.dossiers.changesAfter(0, 10)).toEqual([]);
      expect(await store.dossiers.count({ today: 0 })).toBe(0);
      expect(await store.dossiers.countBySource()).toEqual({});
      expect(await store.dossiers.loadCheckpoint('province-h56')).toBeNull();
      // The same dossier alone is then created as new, version 1.
      expect(await store.dossiers.apply({ dossiers: [good] })).toMatchObject({ created: 1, changes: [expect.objectContaining({ version: 1, kind: 'created' })] });
    });

    it('applies concurrent batches without losing a count or reusing a seq', async () => {
      const batches = [0, 1, 2, 3].map((b) => [0, 1, 2].map((n) => dossierWrite({ code: `000.00.41.H56-240301-00${b}${n}`, agency: '000.00.41.H56', status: 4, klass: 'OPEN', due: '2024-03-05' })));
      await Promise.all(batches.map((dossiers) => store.dossiers.apply({ dossiers })));
      const changes = await store.dossiers.changesAfter(0, 100);
      expect(changes).toHaveLength(12);
      expect(new Set(changes.map((c) => c.seq)).size).toBe(12);
      expect(changes.map((c) => c.seq)).toEqual([...changes.map((c) => c.seq)].sort((a, b) => a - b));
      expect(await store.dossiers.count({ scope: { depth: 1, path: 'H56' }, today: 0 })).toBe(12);
      expect(await store.dossiers.count({ scope: { depth: 1, path: 'H56' }, late: true, today: day('2024-03-10') })).toBe(12);
    });

    it('writes the checkpoint in the same batch, and refuses the whole batch when the lease moved on', async () => {
      const lease = (await store.leases.acquire('sync:province-h56', 'replica-a', 60_000))!;
      await store.dossiers.apply({
        dossiers: [dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56' })],
        checkpoint: { source: 'province-h56', state: { cursor: 'one' } },
        fence: { name: lease.name, holder: lease.holder, token: lease.token },
      });
      expect((await store.dossiers.loadCheckpoint('province-h56'))!.state).toEqual({ cursor: 'one' });
      // The lease expires and another replica takes it: the first holder's next write is refused, all of it.
      const later = new Date(Date.now() + 120_000);
      const taken = (await store.leases.acquire('sync:province-h56', 'replica-b', 60_000, later))!;
      expect(taken.token).toBe(lease.token + 1);
      await expect(
        store.dossiers.apply({
          dossiers: [dossierWrite({ code: '000.00.41.H56-240301-0002', agency: '000.00.41.H56' })],
          checkpoint: { source: 'province-h56', state: { cursor: 'two' } },
          fence: { name: lease.name, holder: lease.holder, token: lease.token },
          now: later,
        }),
      ).rejects.toMatchObject({ extensions: { code: 'LEASE_LOST' } });
      expect(await store.dossiers.get('000.00.41.H56-240301-0002')).toBeNull();
      expect((await store.dossiers.loadCheckpoint('province-h56'))!.state).toEqual({ cursor: 'one' });
      expect(await store.dossiers.loadCheckpoint('province-h41')).toBeNull();
    });

    it('re-seals every record under a new active key, after which the old key can go', async () => {
      const keyring = testKeyring(['old']);
      const first = await open(keyring);
      await first.dossiers.apply({ dossiers: [1, 2, 3].map((n) => dossierWrite({ code: `000.00.41.H56-240301-000${n}`, agency: '000.00.41.H56', name: `Người ${n}` })) });
      const both: DataKeyring = { activeKeyId: 'new', keys: new Map([...keyring.keys, ['new', randomBytes(32)]]) };
      const rotating = await createStore(both);
      opened.push(rotating);
      const progress: number[] = [];
      expect(await rotating.dossiers.reseal((done) => progress.push(done), 2)).toBe(3);
      expect(progress).toEqual([2, 3]);
      expect(await rotating.dossiers.reseal()).toBe(0);
      const onlyNew = await createStore({ activeKeyId: 'new', keys: new Map([['new', both.keys.get('new')!]]) });
      opened.push(onlyNew);
      expect((await onlyNew.dossiers.get('000.00.41.H56-240301-0002'))!.record).toMatchObject({ applicant: { name: 'Người 2' } });
    });

    describe('outbox', () => {
      const t0 = new Date('2026-03-01T01:00:00Z');
      const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);
      const write = (n: number, hash: string, agency = '000.00.41.H56') =>
        dossierWrite({ code: `${agency}-240301-000${n}`, agency, listed: `2024-03-0${n}T08:00:00+07:00`, hash });

      it('holds one entry per dossier at its latest version, due at once, in the change\'s transaction', async () => {
        await store.dossiers.apply({ dossiers: [write(1, 'a'), write(2, 'a')], enqueue: ['portal'], now: t0 });
        await store.dossiers.apply({ dossiers: [write(1, 'b')], enqueue: ['portal'], now: at(5) });
        const due = await store.outbox.due('portal', 'province-h56', at(5), 10);
        expect(due.map((e) => [e.code.slice(-4), e.version, e.state, e.attempts])).toEqual([['0002', 1, 'pending', 0], ['0001', 2, 'pending', 0]]);
        expect(await store.outbox.due('portal', 'province-h41', at(5), 10)).toEqual([]);
        expect(await store.outbox.due('webhooks', 'province-h56', at(5), 10)).toEqual([]);
        expect(await store.outbox.depth('portal')).toEqual([{ source: 'province-h56', pending: 2, dead: 0, oldestPendingAt: t0 }]);
      });

      it('completes an entry only at the version delivered, so a change made meanwhile is delivered too', async () => {
        await store.dossiers.apply({ dossiers: [write(1, 'a')], enqueue: ['portal'], now: t0 });
        await store.dossiers.apply({ dossiers: [write(1, 'b')], enqueue: ['portal'], now: at(1) });
        expect(await store.outbox.complete('portal', '000.00.41.H56-240301-0001', 1, undefined, at(2))).toBe(false);
        expect((await store.outbox.due('portal', 'province-h56', at(2), 10)).map((e) => e.version)).toEqual([2]);
        expect(await store.outbox.complete('portal', '000.00.41.H56-240301-0001', 2, undefined, at(3))).toBe(true);
        expect(await store.outbox.due('portal', 'province-h56', at(3), 10)).toEqual([]);
        expect(await store.outbox.dayCounts('portal', 0)).toEqual([{ source: 'province-h56', day: Math.floor((at(3).getTime() + 7 * 3_600_000) / 86_400_000), delivered: 1, failed: 0, dead: 0 }]);
      });

      it('delays a failed entry, turns one refused for good into a dead letter, and brings dead letters back on request', async () => {
        await store.dossiers.apply({ dossiers: [write(1, 'a'), write(2, 'a')], enqueue: ['portal'], now: t0 });
        expect(await store.outbox.fail('portal', '000.00.41.H56-240301-0001', 1, { kind: 'retry', at: at(60), error: 'UPSTREAM_TIMEOUT' }, undefined, at(1))).toBe(true);
        expect((await store.outbox.due('portal', 'province-h56', at(30), 10)).map((e) => e.code.slice(-4))).toEqual(['0002']);
        const later = await store.outbox.due('portal', 'province-h56', at(60), 10);
        expect(later.find((e) => e.code.endsWith('0001'))).toMatchObject({ attempts: 1, lastError: 'UPSTREAM_TIMEOUT' });
        expect(await store.outbox.fail('portal', '000.00.41.H56-240301-0002', 1, { kind: 'dead', error: 'MaTTHC không tồn tại' }, undefined, at(2))).toBe(true);
        expect(await store.outbox.due('portal', 'province-h56', at(3600), 10)).toHaveLength(1);
        const dead = await store.outbox.dead('portal', { first: 10 });
        expect(dead.items).toEqual([expect.objectContaining({ code: '000.00.41.H56-240301-0002', state: 'dead', lastError: 'MaTTHC không tồn tại', attempts: 1 })]);
        expect(await store.outbox.depth('portal')).toEqual([{ source: 'province-h56', pending: 1, dead: 1, oldestPendingAt: t0 }]);
        // A new change of a dead letter gives it a new chance at once.
        await store.dossiers.apply({ dossiers: [write(2, 'b')], enqueue: ['portal'], now: at(10) });
        expect((await store.outbox.dead('portal', { first: 10 })).items).toEqual([]);
        await store.outbox.fail('portal', '000.00.41.H56-240301-0002', 2, { kind: 'dead', error: 'again' }, undefined, at(11));
        expect(await store.outbox.retryDead('portal', { source: 'province-h56' }, at(12))).toBe(1);
        expect((await store.outbox.due('portal', 'province-h56', at(12), 10)).map((e) => e.code.slice(-4)).sort()).toEqual(['0002']);
      });

      it('lets a deliverer claim a pending entry: out of reach until the claim lapses, noted, and only at its version', async () => {
        await store.dossiers.apply({ dossiers: [write(1, 'a')], enqueue: ['portal'], now: t0 });
        const code = '000.00.41.H56-240301-0001';
        expect(await store.outbox.claim('portal', code, 2, at(60), 'push started', undefined, at(1))).toBe(false);
        expect(await store.outbox.claim('portal', code, 1, at(60), 'push started by a', undefined, at(1))).toBe(true);
        expect(await store.outbox.due('portal', 'province-h56', at(59), 10)).toEqual([]);
        expect(await store.outbox.due('portal', 'province-h56', at(60), 10)).toEqual([expect.objectContaining({ code, version: 1, attempts: 0, lastError: 'push started by a' })]);
        // A claim counts nothing: the outcome does.
        expect(await store.outbox.dayCounts('portal', 0)).toEqual([]);
        await store.dossiers.apply({ dossiers: [write(1, 'b')], enqueue: ['portal'], now: at(61) });
        expect(await store.outbox.due('portal', 'province-h56', at(61), 10)).toEqual([expect.objectContaining({ code, version: 2, attempts: 0, lastError: null })]);
      });

      it('refuses an outcome from a replica whose lease moved on', async () => {
        await store.dossiers.apply({ dossiers: [write(1, 'a')], enqueue: ['portal'], now: t0 });
        const lease = (await store.leases.acquire('push:portal:province-h56', 'a', 1000))!;
        await store.leases.acquire('push:portal:province-h56', 'b', 1000, new Date(Date.now() + 5000));
        await expect(store.outbox.complete('portal', '000.00.41.H56-240301-0001', 1, lease, new Date(Date.now() + 5000))).rejects.toMatchObject({ extensions: { code: 'LEASE_LOST' } });
        expect(await store.outbox.due('portal', 'province-h56', new Date(Date.now() + 6000), 10)).toHaveLength(1);
      });

      it('enqueues only the changes of dossiers listed at or after enqueueSinceMs, and undated ones, while writing every change', async () => {
        const since = '2024-03-02T00:00:00+07:00';
        const before = dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56', listed: '2024-03-01T23:59:59+07:00' });
        const atSince = dossierWrite({ code: '000.00.41.H56-240302-0001', agency: '000.00.41.H56', listed: since });
        const after = dossierWrite({ code: '000.00.41.H56-240303-0001', agency: '000.00.41.H56', listed: '2024-03-03T08:00:00+07:00' });
        const undated = dossierWrite({ code: '000.00.41.H56-000000-0001', agency: '000.00.41.H56', listed: null });
        const result = await store.dossiers.apply({ dossiers: [before, atSince, after, undated], enqueue: ['portal', 'webhooks'], enqueueSinceMs: ms(since), now: t0 });
        expect(result.created).toBe(4);
        const expected = ['000.00.41.H56-000000-0001', '000.00.41.H56-240302-0001', '000.00.41.H56-240303-0001'];
        for (const consumer of ['portal', 'webhooks']) {
          expect((await store.outbox.due(consumer, 'province-h56', t0, 10)).map((e) => e.code)).toEqual(expected);
        }
        // A later change of the early dossier is still left out; without enqueueSinceMs it goes in.
        await store.dossiers.apply({ dossiers: [{ ...before, facts: { ...before.facts, contentHash: 'b' } }], enqueue: ['portal'], enqueueSinceMs: ms(since), now: at(1) });
        expect((await store.outbox.due('portal', 'province-h56', at(1), 10)).map((e) => e.code)).toEqual(expected);
        await store.dossiers.apply({ dossiers: [{ ...before, facts: { ...before.facts, contentHash: 'c' } }], enqueue: ['portal'], now: at(2) });
        expect((await store.outbox.due('portal', 'province-h56', at(2), 10)).map((e) => [e.code, e.version])).toEqual([...expected.map((code) => [code, 1]), ['000.00.41.H56-240301-0001', 3]]);
      });

      it('hands out due entries soonest due first, then by code, up to the limit, per consumer and source', async () => {
        // 0004 is written before 0003, so only the order by code puts 0003 first among those due at t0.
        await store.dossiers.apply({ dossiers: [write(4, 'a'), write(3, 'a'), write(1, 'a'), write(2, 'a'), write(1, 'a', '000.00.41.H41')], enqueue: ['portal'], now: t0 });
        await store.outbox.fail('portal', '000.00.41.H56-240301-0001', 1, { kind: 'retry', at: at(30), error: 'UPSTREAM_TIMEOUT' }, undefined, at(1));
        await store.outbox.fail('portal', '000.00.41.H56-240301-0002', 1, { kind: 'retry', at: at(20), error: 'UPSTREAM_TIMEOUT' }, undefined, at(1));
        const codes = async (now: Date, limit: number) => (await store.outbox.due('portal', 'province-h56', now, limit)).map((e) => e.code.slice(-4));
        expect(await codes(at(10), 10)).toEqual(['0003', '0004']);
        expect(await codes(at(20), 10)).toEqual(['0003', '0004', '0002']);
        expect(await codes(at(30), 10)).toEqual(['0003', '0004', '0002', '0001']);
        expect(await codes(at(30), 3)).toEqual(['0003', '0004', '0002']);
        expect(await codes(at(30), 0)).toEqual([]);
        expect((await store.outbox.due('portal', 'province-h41', at(30), 10)).map((e) => e.code)).toEqual(['000.00.41.H41-240301-0001']);
      });

      it('settles nothing and counts nothing for an outcome at an older version or of an unknown entry, and never fails a dead letter twice', async () => {
        await store.dossiers.apply({ dossiers: [write(1, 'a')], enqueue: ['portal'], now: t0 });
        await store.dossiers.apply({ dossiers: [write(1, 'b')], enqueue: ['portal'], now: at(1) });
        const code = '000.00.41.H56-240301-0001';
        expect(await store.outbox.fail('portal', code, 1, { kind: 'dead', error: 'stale' }, undefined, at(2))).toBe(false);
        expect(await store.outbox.complete('portal', '000.00.41.H56-240301-0009', 1, undefined, at(2))).toBe(false);
        expect(await store.outbox.complete('webhooks', code, 2, undefined, at(2))).toBe(false);
        expect(await store.outbox.dayCounts('portal', 0)).toEqual([]);
        expect(await store.outbox.due('portal', 'province-h56', at(2), 10)).toEqual([expect.objectContaining({ code, version: 2, state: 'pending', attempts: 0, lastError: null })]);
        expect(await store.outbox.fail('portal', code, 2, { kind: 'dead', error: 'refused' }, undefined, at(3))).toBe(true);
        expect(await store.outbox.fail('portal', code, 2, { kind: 'dead', error: 'refused again' }, undefined, at(4))).toBe(false);
        expect(await store.outbox.fail('portal', code, 2, { kind: 'retry', at: at(9), error: 'late retry' }, undefined, at(4))).toBe(false);
        expect((await store.outbox.dead('portal', { first: 10 })).items).toEqual([expect.objectContaining({ code, attempts: 1, lastError: 'refused' })]);
      });

      it('counts deliveries, failures and dead letters per source and Vietnam-time day', async () => {
        await store.dossiers.apply({ dossiers: [write(1, 'a'), write(2, 'a'), write(3, 'a'), write(1, 'a', '000.00.41.H41')], enqueue: ['portal'], now: t0 });
        // 16:59:59Z is 23:59:59 on 1 March in Vietnam; 17:00Z is already 2 March.
        const lastSecondOfMarch1 = new Date('2026-03-01T16:59:59Z');
        const march2 = new Date('2026-03-01T17:00:00Z');
        await store.outbox.complete('portal', '000.00.41.H56-240301-0001', 1, undefined, lastSecondOfMarch1);
        await store.outbox.fail('portal', '000.00.41.H56-240301-0002', 1, { kind: 'retry', at: march2, error: 'UPSTREAM_TIMEOUT' }, undefined, lastSecondOfMarch1);
        await store.outbox.fail('portal', '000.00.41.H56-240301-0002', 1, { kind: 'dead', error: 'refused' }, undefined, march2);
        await store.outbox.complete('portal', '000.00.41.H56-240301-0003', 1, undefined, march2);
        await store.outbox.complete('portal', '000.00.41.H41-240301-0001', 1, undefined, march2);
        expect(await store.outbox.dayCounts('portal', 0)).toEqual([
          { source: 'province-h56', day: day('2026-03-01'), delivered: 1, failed: 1, dead: 0 },
          { source: 'province-h41', day: day('2026-03-02'), delivered: 1, failed: 0, dead: 0 },
          { source: 'province-h56', day: day('2026-03-02'), delivered: 1, failed: 1, dead: 1 },
        ]);
        expect(await store.outbox.dayCounts('portal', day('2026-03-02'))).toHaveLength(2);
        expect(await store.outbox.dayCounts('webhooks', 0)).toEqual([]);
      });

      it('pages dead letters in code order, of one source or all, and brings back the ones asked for', async () => {
        const h56 = [4, 1, 3, 2].map((n) => write(n, 'a'));
        await store.dossiers.apply({ dossiers: [...h56, write(1, 'a', '000.00.41.H41')], enqueue: ['portal'], now: t0 });
        for (const { facts } of [...h56, write(1, 'a', '000.00.41.H41')]) {
          await store.outbox.fail('portal', facts.code, 1, { kind: 'dead', error: `refused ${facts.code}` }, undefined, at(1));
        }
        const first = await store.outbox.dead('portal', { source: 'province-h56', first: 3 });
        expect(first.items.map((e) => e.code.slice(-4))).toEqual(['0001', '0002', '0003']);
        expect(first.hasNextPage).toBe(true);
        const second = await store.outbox.dead('portal', { source: 'province-h56', first: 3, afterCode: first.items[2]!.code });
        expect(second.items.map((e) => e.code.slice(-4))).toEqual(['0004']);
        expect(second.hasNextPage).toBe(false);
        expect((await store.outbox.dead('portal', { first: 10 })).items.map((e) => e.code)).toEqual([
          '000.00.41.H41-240301-0001',
          '000.00.41.H56-240301-0001',
          '000.00.41.H56-240301-0002',
          '000.00.41.H56-240301-0003',
          '000.00.41.H56-240301-0004',
        ]);
        expect(await store.outbox.depth('portal')).toEqual([
          { source: 'province-h41', pending: 0, dead: 1, oldestPendingAt: null },
          { source: 'province-h56', pending: 0, dead: 4, oldestPendingAt: null },
        ]);
        // By codes: only dead letters come back, each once, with a fresh start.
        expect(await store.outbox.retryDead('portal', { codes: ['000.00.41.H56-240301-0002', '000.00.41.H56-240301-0002', '000.00.41.H56-240301-0009'] }, at(5))).toBe(1);
        expect(await store.outbox.due('portal', 'province-h56', at(5), 10)).toEqual([expect.objectContaining({ code: '000.00.41.H56-240301-0002', state: 'pending', attempts: 0, lastError: null, dueAt: at(5) })]);
        expect(await store.outbox.retryDead('portal', { codes: [] }, at(5))).toBe(0);
        expect(await store.outbox.retryDead('webhooks', {}, at(5))).toBe(0);
        expect(await store.outbox.retryDead('portal', {}, at(6))).toBe(4);
        expect((await store.outbox.dead('portal', { first: 10 })).items).toEqual([]);
      });

      it('re-enqueues what was listed (received, else submitted) since a date at its current version, bringing back dead letters, leaving undated dossiers out', async () => {
        await store.dossiers.apply({
          dossiers: [
            write(1, 'a'),
            write(2, 'a'),
            dossierWrite({ code: '000.00.41.H56-240305-0001', agency: '000.00.41.H56', listed: '2024-03-05T08:00:00+07:00', received: null }),
            dossierWrite({ code: '000.00.41.H56-240306-0001', agency: '000.00.41.H56', listed: null, received: null }),
          ],
          now: t0,
        });
        await store.dossiers.apply({ dossiers: [write(2, 'b')], enqueue: ['portal'], now: at(1) });
        await store.outbox.fail('portal', '000.00.41.H56-240301-0002', 2, { kind: 'dead', error: 'refused' }, undefined, at(2));
        expect(await store.outbox.enqueueSince('portal', 'province-h56', ms('2024-03-01T00:00:00+07:00'), at(3))).toBe(3);
        expect((await store.outbox.due('portal', 'province-h56', at(3), 10)).map((e) => [e.code.slice(-11), e.version, e.state, e.attempts, e.lastError, e.enqueuedAt])).toEqual([
          ['240301-0001', 1, 'pending', 0, null, at(3)],
          ['240301-0002', 2, 'pending', 0, null, at(3)],
          ['240305-0001', 1, 'pending', 0, null, at(3)],
        ]);
        expect(await store.outbox.enqueueSince('portal', 'province-h41', ms('2024-03-01T00:00:00+07:00'), at(3))).toBe(0);
        expect(await store.outbox.enqueueSince('portal', 'province-h56', ms('2024-03-03T00:00:00+07:00'), at(3))).toBe(1);
      });

      it('re-enqueues a source from a reception date, and keeps pause switches per source', async () => {
        await store.dossiers.apply({ dossiers: [write(1, 'a'), write(2, 'a'), write(3, 'a')], now: t0 });
        expect(await store.outbox.enqueueSince('portal', 'province-h56', Date.parse('2024-03-02T00:00:00+07:00'), at(1))).toBe(2);
        expect((await store.outbox.due('portal', 'province-h56', at(1), 10)).map((e) => e.code.slice(-4)).sort()).toEqual(['0002', '0003']);
        await store.outbox.setPaused('portal', 'province-h56', true);
        await store.outbox.setPaused('portal', 'province-h41', true);
        await store.outbox.setPaused('portal', 'province-h41', false);
        expect(await store.outbox.paused('portal')).toEqual(['province-h56']);
      });
    });

    describe('leases', () => {
      it('lets one holder at a time take a lease, renew it, and hand it over on release or expiry with a new token', async () => {
        const t0 = new Date('2026-01-01T00:00:00Z');
        const plus = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);
        const a = (await store.leases.acquire('catalogue', 'a', 30_000, t0))!;
        expect(a).toMatchObject({ holder: 'a', token: 1 });
        expect(await store.leases.acquire('catalogue', 'b', 30_000, plus(10))).toBeNull();
        expect(await store.leases.acquire('catalogue', 'a', 30_000, plus(10))).toMatchObject({ holder: 'a', token: 1 });
        expect(await store.leases.renew({ name: 'catalogue', holder: 'a', token: 1 }, 30_000, plus(20))).toMatchObject({ token: 1, expiresAt: plus(50) });
        expect(await store.leases.acquire('catalogue', 'b', 30_000, plus(45))).toBeNull();
        const b = (await store.leases.acquire('catalogue', 'b', 30_000, plus(51)))!;
        expect(b).toMatchObject({ holder: 'b', token: 2 });
        expect(await store.leases.renew({ name: 'catalogue', holder: 'a', token: 1 }, 30_000, plus(52))).toBeNull();
        expect(await store.leases.get('catalogue')).toMatchObject({ holder: 'b', token: 2 });
        // A stale holder's release does nothing; the holder's own release frees it at once.
        await store.leases.release({ name: 'catalogue', holder: 'a', token: 1 });
        expect(await store.leases.acquire('catalogue', 'c', 30_000, plus(53))).toBeNull();
        await store.leases.release({ name: 'catalogue', holder: 'b', token: 2 });
        expect(await store.leases.acquire('catalogue', 'c', 30_000, new Date(Date.now() + 1000))).toMatchObject({ holder: 'c', token: 3 });
      });

      it('gives a lease nobody held yet to exactly one of several acquirers racing for it', async () => {
        const now = new Date('2026-01-01T00:00:00Z');
        const results = await Promise.all(['a', 'b', 'c'].map((holder) => store.leases.acquire('portal', holder, 30_000, now)));
        const winners = results.filter((lease) => lease !== null);
        expect(winners).toHaveLength(1);
        expect(winners[0]).toMatchObject({ name: 'portal', token: 1 });
        expect(await store.leases.get('portal')).toMatchObject({ holder: winners[0]!.holder, token: 1 });
      });

      it('gives a holder whose own lease expired the next token, so its old writes stay fenced out', async () => {
        const t0 = new Date('2026-01-01T00:00:00Z');
        expect(await store.leases.acquire('sync:province-h56', 'a', 30_000, t0)).toMatchObject({ token: 1 });
        expect(await store.leases.acquire('sync:province-h56', 'a', 30_000, new Date(t0.getTime() + 30_000))).toMatchObject({ holder: 'a', token: 2 });
        await expect(
          store.dossiers.apply({ dossiers: [dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56' })], fence: { name: 'sync:province-h56', holder: 'a', token: 1 }, now: new Date(t0.getTime() + 31_000) }),
        ).rejects.toMatchObject({ extensions: { code: 'LEASE_LOST' } });
      });
    });
  });
}
