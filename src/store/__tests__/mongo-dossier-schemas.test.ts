import mongoose from 'mongoose';
import pino from 'pino';
import type { DossierQuery } from '../index';
import { splitWindowByDay } from '../dossier-rollup';
import { seal, unseal } from '../seal';
import { dossierFilter, dossierIndexFor, edgeGroupsPipeline, listFilter, rollupFilter, rollupGroupsPipeline } from '../mongo/dossier-filters';
import { DOSSIER_INDEX, type DossierDocument } from '../mongo/dossier-models';
import { bytesOf, dossierDocument, factsOf } from '../mongo/dossier-documents';
import { dossiers, rollupOperations } from '../mongo/dossiers';
import { acquireFilter, acquireUpdate, fenceFilter, leases } from '../mongo/leases';
import { netRollupDeltas } from '../dossier-rollup';
import { dossierWrite, testKeyring } from './define-dossier-contract-tests';

// Models compiled on a connection that never connects: validation, index definitions and
// filter documents need no server, and no mock pretends to be one. What the server does
// with them is tested by mongo-dossiers.contract.test.ts when MONGODB_URI is set.
const connection = mongoose.createConnection();
const { Lease } = leases.defineModels(connection, { auditRetentionDays: 30 });
const models = dossiers.defineModels(connection, { auditRetentionDays: 30 });
const { Dossier, DossierRollup, DossierChange, Counter, SyncCheckpoint } = models;
const { trusted } = mongoose;

afterAll(() => connection.close());

async function validationErrors(document: { validate(): Promise<void> }): Promise<string[]> {
  try {
    await document.validate();
    return [];
  } catch (error) {
    return Object.keys((error as mongoose.Error.ValidationError).errors ?? {}).sort();
  }
}

const ms = (iso: string): number => Date.parse(iso);
const keyring = testKeyring();
const write = dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56', status: 4, klass: 'OPEN', due: '2024-03-10' });
const stored = dossierDocument(write.facts, 1, new Date('2024-03-02T00:00:00Z'), seal(JSON.stringify(write.record), write.facts.code, keyring));

describe('MongoDB dossier schema', () => {
  it('keeps the facts as plain fields keyed by code, and the record only sealed', async () => {
    expect(await validationErrors(new Dossier(stored))).toEqual([]);
    expect(stored).toMatchObject({
      _id: '000.00.41.H56-240301-0001',
      path1: 'H56',
      path2: 'H56.41',
      path3: 'H56.41.00',
      path4: 'H56.41.00.000',
      // 2024-03-01T08:00:00+07:00 is 1709254800 s; 9999999999 − 1709254800 = 8290745199.
      sortKey: '8290745199|000.00.41.H56-240301-0001',
      keyId: 'k1',
    });
    expect(Object.keys(stored)).not.toContain('record');
    expect(stored.sealed.includes(Buffer.from('Nguyễn Văn Thử', 'utf8'))).toBe(false);
    expect(JSON.parse(unseal(stored.sealed, stored._id, keyring))).toEqual(write.record);
  });

  it('reads back through BSON, the form the server stores and returns, as the same facts and record', () => {
    const { BSON } = mongoose.mongo;
    const roundTripped = BSON.deserialize(BSON.serialize(new Dossier(stored).toBSON())) as DossierDocument;
    expect(roundTripped.sealed).toBeInstanceOf(mongoose.mongo.Binary);
    expect(factsOf(roundTripped)).toEqual(write.facts);
    expect(JSON.parse(unseal(bytesOf(roundTripped.sealed), roundTripped._id, keyring))).toEqual(write.record);
  });

  it('accepts a dossier whose optional facts are all null', async () => {
    const bare = dossierWrite({ code: '000.00.41.H56-240301-0002', agency: '000.00.41.H56', listed: null, received: null, status: null, channel: null, procedure: null, klass: 'OTHER' });
    const document = dossierDocument(bare.facts, 3, new Date(), seal('{}', bare.facts.code, keyring));
    expect(document.sortKey).toBe('~|000.00.41.H56-240301-0002');
    expect(await validationErrors(new Dossier(document))).toEqual([]);
  });

  it('refuses a class outside the four, a status outside 1–10, fractional numbers, version 0, a bad key id and a list key that is not the dossier\'s', async () => {
    const bad = new Dossier({ ...stored, klass: 'SOMETIMES', status: 11, dueDay: 19_790.5, version: 0, keyId: 'k 1', sortKey: '0000000000|000.00.41.H56-240301-0001' });
    expect(await validationErrors(bad)).toEqual(['dueDay', 'keyId', 'klass', 'sortKey', 'status', 'version']);
    expect(await validationErrors(new Dossier({ ...stored, status: 2.5, listedMs: 1.5, sortKey: undefined }))).toEqual(['listedMs', 'sortKey', 'status']);
  });

  it('refuses a dossier without its required fields, and throws on a field it does not know', async () => {
    expect(await validationErrors(new Dossier({}))).toEqual(['_id', 'agencyCode', 'changedAt', 'contentHash', 'keyId', 'klass', 'path1', 'path2', 'path3', 'path4', 'sealed', 'settled', 'sortKey', 'source', 'version']);
    expect(() => new Dossier({ ...stored, record: write.record })).toThrow(/record/);
  });

  it('has exactly the indexes its queries walk: list order per jurisdiction depth, per procedure and overall; dossiers not settled by source and code; counts by source; a key\'s records by code', () => {
    expect(Dossier.schema.indexes()).toEqual([
      [{ sortKey: 1 }, { name: 'dossier_sort' }],
      [{ path1: 1, sortKey: 1 }, { name: 'dossier_path1' }],
      [{ path2: 1, sortKey: 1 }, { name: 'dossier_path2' }],
      [{ path3: 1, sortKey: 1 }, { name: 'dossier_path3' }],
      [{ path4: 1, sortKey: 1 }, { name: 'dossier_path4' }],
      [{ procedure: 1, sortKey: 1 }, { name: 'dossier_procedure' }],
      [{ source: 1, _id: 1 }, { name: 'dossier_unsettled', partialFilterExpression: { settled: false } }],
      [{ source: 1 }, { name: 'dossier_source' }],
      [{ keyId: 1, _id: 1 }, { name: 'dossier_key' }],
    ]);
  });

  it('hints only indexes it declares', () => {
    const declared = Dossier.schema.indexes().map(([, options]) => options.name);
    const scopes: Array<DossierQuery['scope']> = [undefined, { depth: 1, path: 'H56' }, { depth: 2, path: 'H56.41' }, { depth: 3, path: 'H56.41.01' }, { depth: 4, path: 'H56.41.01.000' }];
    const hinted = scopes.flatMap((scope) => [{}, { procedure: '1.001612' }].map((extra) => dossierIndexFor({ ...extra, ...(scope ? { scope } : {}), today: 0 })));
    for (const name of [...hinted, DOSSIER_INDEX.unsettled, DOSSIER_INDEX.source, DOSSIER_INDEX.key]) expect(declared).toContain(name);
  });
});

describe('MongoDB rollup, change log, counter, checkpoint and lease schemas (the outbox\'s are in mongo-outbox-schemas.test.ts)', () => {
  const cell = { path: 'H56', day: 19_783, status: 4, channel: 'ONLINE', klass: 'OPEN', dueDay: 19_792, n: 2 };

  it('keeps rollup cells unique by their six dimensions, with the empty channel and -1 for "none" allowed', async () => {
    expect(DossierRollup.schema.indexes()).toEqual([[{ path: 1, day: 1, status: 1, channel: 1, klass: 1, dueDay: 1 }, { name: 'dossier_rollup_cell', unique: true }]]);
    expect(await validationErrors(new DossierRollup({ ...cell, channel: '', day: -1, status: -1, dueDay: -1 }))).toEqual([]);
    expect(await validationErrors(new DossierRollup({ ...cell, channel: null, day: -2, status: 11, klass: 'SOMETIMES', n: 0.5 }))).toEqual(['channel', 'day', 'klass', 'n', 'status']);
  });

  it('declares no default on a rollup field, since mongoose would add it to an upsert as $setOnInsert over the value seeded from the filter', () => {
    // `_id` is the one exception: an automatic ObjectId, which mongoose leaves to the server on upserts.
    const defaults = Object.entries(DossierRollup.schema.paths).filter(([name, path]) => name !== '_id' && (path as unknown as { defaultValue?: unknown }).defaultValue !== undefined);
    expect(defaults.map(([name]) => name)).toEqual([]);
  });

  it('keys the change log by seq and keeps its statuses national', async () => {
    const change = { _id: 1, code: 'C', source: 'province-h56', version: 1, agencyCode: '000.00.41.H56', oldStatus: null, newStatus: 4, kind: 'created', at: new Date() };
    expect(await validationErrors(new DossierChange(change))).toEqual([]);
    expect(await validationErrors(new DossierChange({ ...change, _id: 0, newStatus: 0, kind: 'deleted' }))).toEqual(['_id', 'kind', 'newStatus']);
    expect(DossierChange.schema.indexes()).toEqual([]);
  });

  it('has one counter, for the change log', async () => {
    expect(await validationErrors(new Counter({ _id: 'dossier_change', seq: 0 }))).toEqual([]);
    expect(await validationErrors(new Counter({ _id: 'other', seq: -1 }))).toEqual(['_id', 'seq']);
  });

  it('keeps a checkpoint as the JSON text of an object', async () => {
    expect(await validationErrors(new SyncCheckpoint({ _id: 'province-h56', state: '{"cursor":"x"}', updatedAt: new Date() }))).toEqual([]);
    expect(await validationErrors(new SyncCheckpoint({ _id: 'province-h56', state: '[1]', updatedAt: new Date() }))).toEqual(['state']);
    expect(await validationErrors(new SyncCheckpoint({ _id: 'province-h56', state: '{cursor', updatedAt: new Date() }))).toEqual(['state']);
  });

  it('keeps a lease by name with a token from 1', async () => {
    expect(await validationErrors(new Lease({ _id: 'sync:province-h56', holder: 'replica-a', token: 1, expiresAt: new Date() }))).toEqual([]);
    expect(await validationErrors(new Lease({ _id: 'sync:province-h56', holder: 'replica-a', token: 0, expiresAt: new Date(), fencedWrites: -1 }))).toEqual(['fencedWrites', 'token']);
    expect(Lease.schema.indexes()).toEqual([]);
  });
});

describe('MongoDB dossier filters', () => {
  const TODAY = 19_792; // 10 March 2024, Vietnam time

  it('gives a reception window as a sortKey range to walk and an exact receivedMs range, with every caller value in $eq or a trusted operator', () => {
    const query: DossierQuery = {
      scope: { depth: 2, path: 'H56.41' },
      statuses: [2, 4],
      channel: 'ONLINE',
      procedure: '2.000477',
      receivedFromMs: ms('2024-03-01T12:00:00+07:00'),
      receivedToMs: ms('2024-03-02T00:00:00+07:00'),
      late: true,
      today: TODAY,
    };
    const built = dossierFilter(query);
    const before = JSON.stringify(built);

    mongoose.sanitizeFilter(built);

    expect(JSON.stringify(built)).toBe(before);
    // toMs − 1 ms is second 1709312399 → 9999999999 − 1709312399 = 8290687600 (newest end, lowest key);
    // fromMs is second 1709269200 → 8290730799 (oldest end, highest key).
    expect(built).toEqual({
      path2: { $eq: 'H56.41' },
      status: trusted({ $in: [2, 4] }),
      channel: { $eq: 'ONLINE' },
      procedure: { $eq: '2.000477' },
      sortKey: trusted({ $gte: '8290687600|', $lte: '8290730799|\uffff' }),
      receivedMs: trusted({ $gte: 1_709_269_200_000, $lt: 1_709_312_400_000 }),
      $or: [{ klass: { $eq: 'LATE' } }, { klass: { $eq: 'OPEN' }, dueDay: trusted({ $gte: 0, $lt: TODAY }) }],
    });
  });

  it('asks for everything not late with $nor, so an open dossier without a due day (null) counts as not late', () => {
    expect(dossierFilter({ late: false, today: TODAY })).toEqual({
      $nor: [{ klass: { $eq: 'LATE' } }, { klass: { $eq: 'OPEN' }, dueDay: trusted({ $gte: 0, $lt: TODAY }) }],
    });
  });

  it('replaces the query\'s window with an edge\'s, and leaves an open end open', () => {
    const query: DossierQuery = { receivedFromMs: ms('2024-03-01T12:00:00+07:00'), today: TODAY };
    expect(dossierFilter(query)).toEqual({ sortKey: trusted({ $lte: '8290730799|\uffff' }), receivedMs: trusted({ $gte: 1_709_269_200_000 }) });
    expect(dossierFilter(query, { fromMs: ms('2024-03-01T12:00:00+07:00'), toMs: ms('2024-03-02T00:00:00+07:00') })).toMatchObject({
      sortKey: trusted({ $gte: '8290687600|', $lte: '8290730799|\uffff' }),
      receivedMs: trusted({ $gte: 1_709_269_200_000, $lt: 1_709_312_400_000 }),
    });
    expect(dossierFilter({ today: TODAY })).toEqual({});
  });

  it('continues a page after its key within the window\'s key range', () => {
    const query: DossierQuery = { scope: { depth: 1, path: 'H56' }, receivedToMs: ms('2024-03-02T00:00:00+07:00'), today: TODAY };
    expect(listFilter(query, '8290700000|000.00.41.H56-240301-0001')).toEqual({
      path1: { $eq: 'H56' },
      sortKey: trusted({ $gte: '8290687600|', $gt: '8290700000|000.00.41.H56-240301-0001' }),
      receivedMs: trusted({ $lt: 1_709_312_400_000 }),
    });
    expect(listFilter({ today: TODAY }, 'k')).toEqual({ sortKey: trusted({ $gt: 'k' }) });
  });

  it('never lets an operator-shaped value through: it stays inside $eq, and an $in list takes whole numbers only', () => {
    const operator = { $ne: null } as unknown as string;
    expect(dossierFilter({ scope: { depth: 1, path: operator }, channel: operator, procedure: operator, today: 0 })).toEqual({
      path1: { $eq: { $ne: null } },
      channel: { $eq: { $ne: null } },
      procedure: { $eq: { $ne: null } },
    });
    expect(() => dossierFilter({ statuses: [/./ as unknown as number], today: 0 })).toThrow(TypeError);
    expect(() => rollupFilter({ statuses: [4, '4' as unknown as number], today: 0 }, {})).toThrow(/whole numbers/);
  });

  it('keeps every operator of ours through mongoose\'s own query building, its sanitizeFilter and its casting', () => {
    const query: DossierQuery = { scope: { depth: 4, path: 'H56.41.00.000' }, statuses: [4], late: false, receivedFromMs: 1_709_269_200_000, receivedToMs: 1_709_312_400_000, today: TODAY };
    const filters = [listFilter(query, '8290700000|x'), dossierFilter(query, { fromMs: 1, toMs: 2 }), dossierFilter({ late: true, today: TODAY })];
    for (const filter of filters) {
      const merged = Dossier.find(filter).getFilter();
      const before = JSON.stringify(merged);
      mongoose.sanitizeFilter(merged);
      expect(JSON.stringify(merged)).toBe(before);
      expect(JSON.stringify(merged)).toBe(JSON.stringify(filter));
      expect(() => Dossier.find(filter).cast()).not.toThrow();
    }
    // The same value without `trusted` would have been defused, which shows the check bites.
    const untrusted = Dossier.find({ sortKey: { $gt: 'k' } } as Record<string, unknown>).getFilter();
    mongoose.sanitizeFilter(untrusted);
    expect(untrusted).toEqual({ sortKey: { $eq: { $gt: 'k' } } });
  });

  it('walks the jurisdiction\'s index when scoped, else the procedure\'s, else list order', () => {
    expect(dossierIndexFor({ scope: { depth: 3, path: 'H56.41.01' }, procedure: '1.001612', today: 0 })).toBe('dossier_path3');
    expect(dossierIndexFor({ procedure: '1.001612', statuses: [4], today: 0 })).toBe('dossier_procedure');
    expect(dossierIndexFor({ channel: 'ONLINE', late: true, today: 0 })).toBe('dossier_sort');
  });

  it('reads rollup cells of whole days only, never day -1 once a window is set, and path * without a scope', () => {
    // From 1 March 12:00 to 5 March 00:00: whole days 2–4 March (19784–19786); 1 March's afternoon is an edge.
    const windowed: DossierQuery = { receivedFromMs: ms('2024-03-01T12:00:00+07:00'), receivedToMs: ms('2024-03-05T00:00:00+07:00'), channel: 'ONLINE', today: TODAY };
    const split = splitWindowByDay(windowed.receivedFromMs, windowed.receivedToMs);
    expect(split).toEqual({ days: { first: 19_784, last: 19_786 }, edges: [[ms('2024-03-01T12:00:00+07:00'), ms('2024-03-02T00:00:00+07:00')]] });
    expect(rollupFilter(windowed, split.days)).toEqual({ path: { $eq: '*' }, day: trusted({ $gte: 19_784, $lte: 19_786 }), channel: { $eq: 'ONLINE' } });
    const before: DossierQuery = { scope: { depth: 1, path: 'H56' }, receivedToMs: ms('2024-03-03T00:00:00+07:00'), today: TODAY };
    expect(rollupFilter(before, splitWindowByDay(undefined, before.receivedToMs).days)).toEqual({ path: { $eq: 'H56' }, day: trusted({ $gte: 0, $lte: 19_784 }) });
    expect(rollupFilter({ statuses: [9, 10], late: false, today: TODAY }, {})).toEqual({
      path: { $eq: '*' },
      status: trusted({ $in: [9, 10] }),
      $nor: [{ klass: { $eq: 'LATE' } }, { klass: { $eq: 'OPEN' }, dueDay: trusted({ $gte: 0, $lt: TODAY }) }],
    });
  });

  it('groups rollup cells and edge dossiers alike, by channel (\'\' when unknown), class and the due day of open ones', () => {
    const query: DossierQuery = { scope: { depth: 1, path: 'H56' }, today: TODAY };
    expect(rollupGroupsPipeline(query, { first: 19_784 }).slice(1)).toEqual([
      { $group: { _id: { channel: '$channel', klass: '$klass', dueDay: '$dueDay' }, n: { $sum: '$n' } } },
      { $project: { _id: 0, channel: '$_id.channel', klass: '$_id.klass', dueDay: '$_id.dueDay', n: 1 } },
    ]);
    const [match, group] = edgeGroupsPipeline(query, { fromMs: 1, toMs: 2 });
    expect(match).toEqual({ $match: dossierFilter(query, { fromMs: 1, toMs: 2 }) });
    expect(group).toEqual({
      $group: {
        _id: { channel: { $ifNull: ['$channel', ''] }, klass: '$klass', dueDay: { $cond: [{ $eq: ['$klass', 'OPEN'] }, { $ifNull: ['$dueDay', -1] }, -1] } },
        n: { $sum: 1 },
      },
    });
  });
});

describe('MongoDB rollup writes', () => {
  it('moves a dossier to another district by -1 on the cells it leaves and +1 on those it joins, deleting the left ones once empty', () => {
    const listed = '2024-03-01T08:00:00+07:00';
    const before = dossierWrite({ code: 'C', agency: '000.00.41.H56', listed, status: 4, klass: 'OPEN', due: '2024-03-05' }).facts;
    const after = dossierWrite({ code: 'C', agency: '000.02.42.H56', listed, status: 4, klass: 'OPEN', due: '2024-03-05', hash: 'moved' }).facts;
    // Received 1 March (day 19783), due 5 March (19787); * and H56 are shared, so they do not move.
    const dims = (path: string) => ({ path: { $eq: path }, day: { $eq: 19_783 }, status: { $eq: 4 }, channel: { $eq: 'ONLINE' }, klass: { $eq: 'OPEN' }, dueDay: { $eq: 19_787 } });
    expect(rollupOperations(netRollupDeltas([{ before, after }]))).toEqual([
      { updateOne: { filter: dims('H56.41'), update: { $inc: { n: -1 } }, upsert: true } },
      { updateOne: { filter: dims('H56.41.00'), update: { $inc: { n: -1 } }, upsert: true } },
      { updateOne: { filter: dims('H56.41.00.000'), update: { $inc: { n: -1 } }, upsert: true } },
      { updateOne: { filter: dims('H56.42'), update: { $inc: { n: 1 } }, upsert: true } },
      { updateOne: { filter: dims('H56.42.02'), update: { $inc: { n: 1 } }, upsert: true } },
      { updateOne: { filter: dims('H56.42.02.000'), update: { $inc: { n: 1 } }, upsert: true } },
      { deleteOne: { filter: { ...dims('H56.41'), n: trusted({ $lte: 0 }) } } },
      { deleteOne: { filter: { ...dims('H56.41.00'), n: trusted({ $lte: 0 }) } } },
      { deleteOne: { filter: { ...dims('H56.41.00.000'), n: trusted({ $lte: 0 }) } } },
    ]);
  });

  it('adds a batch of new dossiers as one $inc per cell, and writes nothing for a change that moves no cell', () => {
    const one = dossierWrite({ code: 'A', agency: '000.00.41.H56' }).facts;
    const two = dossierWrite({ code: 'B', agency: '000.00.41.H56' }).facts;
    const operations = rollupOperations(netRollupDeltas([{ after: one }, { after: two }]));
    expect(operations.map((operation) => ('updateOne' in operation ? [operation.updateOne.filter.path, operation.updateOne.update] : operation))).toEqual(
      ['*', 'H56', 'H56.41', 'H56.41.00', 'H56.41.00.000'].map((path) => [{ $eq: path }, { $inc: { n: 2 } }]),
    );
    expect(rollupOperations(netRollupDeltas([{ before: one, after: { ...one, contentHash: 'other' } }]))).toEqual([]);
  });
});

describe('MongoDB leases', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('takes a lease when free, expired or already the holder\'s, computing the token from the stored lease in the same update', () => {
    expect(acquireFilter('catalogue', 'replica-a', now)).toEqual({ _id: { $eq: 'catalogue' }, $or: [{ expiresAt: trusted({ $lte: now }) }, { holder: { $eq: 'replica-a' } }] });
    const expiresAt = new Date(now.getTime() + 30_000);
    expect(acquireUpdate('replica-a', expiresAt, now)).toEqual([
      {
        $set: {
          token: { $cond: [{ $and: [{ $eq: ['$holder', { $literal: 'replica-a' }] }, { $gt: ['$expiresAt', { $literal: now }] }] }, '$token', { $add: [{ $ifNull: ['$token', 0] }, 1] }] },
          holder: { $literal: 'replica-a' },
          expiresAt: { $literal: expiresAt },
        },
      },
    ]);
  });

  it('keeps a holder spelled like a field path or an operator a plain value', () => {
    const update = acquireUpdate('$token', now, now)[0]!.$set as Record<string, unknown>;
    expect(update.holder).toEqual({ $literal: '$token' });
    expect(acquireFilter('x', { $ne: null } as unknown as string, now)).toMatchObject({ $or: [expect.anything(), { holder: { $eq: { $ne: null } } }] });
  });

  it('fences on name, holder, token and an unexpired lease', () => {
    const built = fenceFilter({ name: 'sync:province-h56', holder: 'replica-a', token: 3 }, now);
    const before = JSON.stringify(built);
    mongoose.sanitizeFilter(built);
    expect(JSON.stringify(built)).toBe(before);
    expect(built).toEqual({ _id: { $eq: 'sync:province-h56' }, holder: { $eq: 'replica-a' }, token: { $eq: 3 }, expiresAt: trusted({ $gt: now }) });
  });
});

describe('MongoDB dossier writes without transactions', () => {
  it('warns at start and refuses a batch on a standalone server with CONFIG_INVALID naming the replica set it needs, before touching the database', async () => {
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line).msg as string) });
    const repository = dossiers.create(models, { connection, logger, supportsTransactions: false, keyring });
    expect(warnings).toEqual([expect.stringMatching(/^dossier writes will be refused: .*replica set/)]);
    await expect(repository.apply({ dossiers: [write] })).rejects.toMatchObject({
      extensions: { code: 'CONFIG_INVALID' },
      message: expect.stringMatching(/replica set.*--replSet rs0.*rs\.initiate\(\)/),
    });
  });
});
