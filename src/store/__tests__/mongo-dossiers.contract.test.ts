import mongoose from 'mongoose';
import { createStore, type DossierQuery, type Store } from '../index';
import { splitWindowByDay } from '../dossier-rollup';
import { dossierFilter, dossierIndexFor, listFilter, rollupFilter } from '../mongo/dossier-filters';
import { DOSSIER_INDEX } from '../mongo/dossier-models';
import { NEEDS_REPLICA_SET } from '../mongo/dossiers';
import { DUE_ORDER, dayCountsFilter, deadFilter, dueFilter, listedSinceFilter } from '../mongo/outbox-filters';
import { OUTBOX_INDEX } from '../mongo/outbox-model';
import { defineDossierContractTests, dossierWrite, testKeyring } from './define-dossier-contract-tests';
import { testDatabases } from './mongo-test-databases';

const uri = process.env.MONGODB_URI;

/** Every `stage` and `indexName` in the winning plans of an explain output (rejected plans left out). */
function winningStages(explain: unknown): { stages: string[]; indexes: string[] } {
  const stages: string[] = [];
  const indexes: string[] = [];
  const walk = (node: unknown, inWinning: boolean): void => {
    if (Array.isArray(node)) return node.forEach((child) => walk(child, inWinning));
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'rejectedPlans') continue;
      if (inWinning && key === 'stage' && typeof value === 'string') stages.push(value);
      if (inWinning && key === 'indexName' && typeof value === 'string') indexes.push(value);
      walk(value, inWinning || key === 'winningPlan');
    }
  };
  walk(explain, false);
  return { stages, indexes };
}

if (uri) {
  const databases = testDatabases(uri);
  // Stores opened with a keyring other than the default share one database, so the
  // re-seal test can reopen what it wrote with other keys (as the SQLite suite shares a file).
  const rotation = databases.create();
  afterAll(() => databases.dropAll());

  let transactions: Promise<boolean> | undefined;
  /** Whether the server at MONGODB_URI has transactions (a replica set or a sharded cluster); asked once. */
  const hasTransactions = (): Promise<boolean> =>
    (transactions ??= (async () => {
      const connection = await mongoose.createConnection(uri).asPromise();
      try {
        const hello = (await connection.db!.admin().command({ hello: 1 })) as { setName?: string; msg?: string };
        return typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
      } finally {
        await connection.close();
      }
    })());
  const needReplicaSet = async (): Promise<void> => {
    if (!(await hasTransactions())) throw new Error(`MONGODB_URI points at a standalone server, so the dossier contract cannot run: ${NEEDS_REPLICA_SET}`);
  };

  defineDossierContractTests('MongoDB at MONGODB_URI (a fresh database per test; needs a replica set)', async (keyring) => {
    await needReplicaSet();
    const database = keyring.activeKeyId === 'k1' ? databases.create() : rotation;
    return createStore({ mongodbUri: database.uri, dataKeyring: keyring });
  });

  describe('dossiers in MongoDB', () => {
    const opened: Store[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    const open = async (options: { dataKeyring?: ReturnType<typeof testKeyring> } = {}): Promise<{ store: Store; uri: string }> => {
      const database = databases.create();
      const store = await createStore({ mongodbUri: database.uri, ...options });
      opened.push(store);
      return { store, uri: database.uri };
    };

    it('writes a batch only where transactions exist: a standalone server refuses it with CONFIG_INVALID naming the replica set it needs', async () => {
      const { store } = await open({ dataKeyring: testKeyring() });
      const write = dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56' });
      if (await hasTransactions()) {
        await expect(store.dossiers.apply({ dossiers: [write] })).resolves.toMatchObject({ created: 1 });
      } else {
        await expect(store.dossiers.apply({ dossiers: [write] })).rejects.toMatchObject({ extensions: { code: 'CONFIG_INVALID' }, message: expect.stringContaining('--replSet') });
        expect(await store.dossiers.get(write.facts.code)).toBeNull();
      }
    });

    it('leaves no applicant name, ID number or officer name in clear in any collection', async () => {
      await needReplicaSet();
      const { store, uri: databaseUri } = await open({ dataKeyring: testKeyring() });
      const write = dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56', name: 'Phạm Thị Hồng Nhung' });
      (write.record.applicant as Record<string, string>).idNumber = '038194012345';
      await store.dossiers.apply({ dossiers: [write], enqueue: ['portal'], checkpoint: { source: 'province-h56', state: { cursor: 'c1' } } });
      const connection = await mongoose.createConnection(databaseUri).asPromise();
      const documents: Buffer[] = [];
      try {
        for (const { name } of await connection.db!.listCollections().toArray()) {
          for (const document of await connection.db!.collection(name).find().toArray()) documents.push(Buffer.from(mongoose.mongo.BSON.serialize(document)));
        }
      } finally {
        await connection.close();
      }
      const all = Buffer.concat(documents);
      for (const secret of ['Phạm Thị Hồng Nhung', '038194012345', 'Trần Thị Bé']) expect(all.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      // The code is not personal and is kept plain, which shows the search itself works.
      expect(all.includes(Buffer.from('000.00.41.H56-240301-0001', 'utf8'))).toBe(true);
    });

    it('refuses to keep dossiers when no data key is configured', async () => {
      await needReplicaSet();
      const { store } = await open();
      await expect(store.dossiers.apply({ dossiers: [dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56' })] })).rejects.toMatchObject({ extensions: { code: 'CONFIG_INVALID' } });
      expect(await store.dossiers.get('000.00.41.H56-240301-0001')).toBeNull();
    });

    it('walks the hinted index in list order for every list, and never scans a collection for a list, count or figure', async () => {
      await needReplicaSet();
      const { store, uri: databaseUri } = await open({ dataKeyring: testKeyring() });
      const agencies = ['000.00.41.H56', '000.01.41.H56', '000.00.42.H56', '000.00.41.H41'];
      await store.dossiers.apply({
        dossiers: Array.from({ length: 200 }, (_, i) =>
          dossierWrite({ code: `${agencies[i % 4]}-2403-${String(i).padStart(4, '0')}`, agency: agencies[i % 4]!, listed: new Date(Date.parse('2024-03-01T08:00:00+07:00') + i * 3_600_000).toISOString(), status: [10, 4, 2][i % 3]!, klass: (['ON_TIME', 'OPEN', 'OPEN'] as const)[i % 3], due: '2024-03-05', procedure: `1.00${1000 + (i % 5)}` }),
        ),
      });
      const connection = await mongoose.createConnection(databaseUri).asPromise();
      try {
        const dossiers = connection.db!.collection('dossiers');
        const rollups = connection.db!.collection('dossier_rollups');
        const ms = (iso: string): number => Date.parse(iso);
        const scopes: Array<DossierQuery['scope']> = [undefined, { depth: 1, path: 'H56' }, { depth: 2, path: 'H56.41' }, { depth: 4, path: 'H56.41.00.000' }];
        const extras: Array<Omit<DossierQuery, 'today' | 'scope'>> = [
          {},
          { statuses: [4] },
          { procedure: '1.001002' },
          { receivedFromMs: ms('2024-03-02T09:30:00+07:00'), receivedToMs: ms('2024-03-05T17:00:00+07:00') },
          { late: true, channel: 'ONLINE' },
        ];
        for (const scope of scopes) {
          for (const extra of extras) {
            const query: DossierQuery = { ...extra, ...(scope ? { scope } : {}), today: 19_800 };
            const list = winningStages(await dossiers.find(listFilter(query, '0000000000|'), { hint: dossierIndexFor(query), sort: { sortKey: 1 }, limit: 51 }).explain());
            // The query is in the compared value so that a failure names it.
            expect({ query, indexes: [...new Set(list.indexes)] }).toEqual({ query, indexes: [dossierIndexFor(query)] });
            expect(list.stages).not.toContain('SORT');
            expect(list.stages).not.toContain('COLLSCAN');
            const { days, edges } = splitWindowByDay(query.receivedFromMs, query.receivedToMs);
            for (const [fromMs, toMs] of edges) {
              const edge = winningStages(await dossiers.find(dossierFilter(query, { fromMs, toMs }), { hint: dossierIndexFor(query) }).explain());
              expect(edge.stages).not.toContain('COLLSCAN');
            }
            if (days) {
              const cells = winningStages(await rollups.find(rollupFilter(query, days)).explain());
              expect({ query, indexes: [...new Set(cells.indexes)] }).toEqual({ query, indexes: ['dossier_rollup_cell'] });
            }
          }
        }
      } finally {
        await connection.close();
      }
    });

    it('reads due entries, dead letters and day counts in the order of their hinted indexes, and re-enqueues a source on its index', async () => {
      await needReplicaSet();
      const { store, uri: databaseUri } = await open({ dataKeyring: testKeyring() });
      const now = new Date();
      await store.dossiers.apply({
        dossiers: Array.from({ length: 60 }, (_, i) => dossierWrite({ code: `000.00.41.H56-2403-${String(i).padStart(4, '0')}`, agency: '000.00.41.H56' })),
        enqueue: ['portal'],
        now,
      });
      for (let i = 0; i < 10; i += 1) await store.outbox.fail('portal', `000.00.41.H56-2403-${String(i).padStart(4, '0')}`, 1, { kind: 'dead', error: 'refused' }, undefined, now);
      const connection = await mongoose.createConnection(databaseUri).asPromise();
      try {
        const plans = [
          ['due', await connection.db!.collection('outbox').find(dueFilter('portal', 'province-h56', now), { hint: OUTBOX_INDEX.due, sort: DUE_ORDER, limit: 10 }).explain(), OUTBOX_INDEX.due],
          ['dead', await connection.db!.collection('outbox').find(deadFilter('portal', { source: 'province-h56', afterCode: '000.00.41.H56-2403-0003' }), { hint: OUTBOX_INDEX.stateCode, sort: { code: 1 }, limit: 4 }).explain(), OUTBOX_INDEX.stateCode],
          ['days', await connection.db!.collection('outbox_days').find(dayCountsFilter('portal', 0), { hint: OUTBOX_INDEX.day, sort: { day: 1, source: 1 } }).explain(), OUTBOX_INDEX.day],
          ['enqueue', await connection.db!.collection('dossiers').find(listedSinceFilter('province-h56', 0), { hint: DOSSIER_INDEX.source, projection: { _id: 1, version: 1 } }).explain(), DOSSIER_INDEX.source],
        ] as const;
        for (const [name, explain, index] of plans) {
          const { stages, indexes } = winningStages(explain);
          expect({ name, indexes: [...new Set(indexes)] }).toEqual({ name, indexes: [index] });
          // The name is in the compared value so that a failure names the query.
          expect({ name, sorted: stages.includes('SORT'), scanned: stages.includes('COLLSCAN') }).toEqual({ name, sorted: false, scanned: false });
        }
      } finally {
        await connection.close();
      }
      expect(await store.outbox.dayCounts('portal', 0)).toEqual([expect.objectContaining({ source: 'province-h56', failed: 10, dead: 10 })]);
    });
  });
} else {
  describe.skip('dossier store contract: MongoDB (skipped: set MONGODB_URI to a replica set, e.g. mongodb://localhost:27017/?replicaSet=rs0, to run it against a real server)', () => {
    it('needs a MongoDB replica set', () => undefined);
  });
}
