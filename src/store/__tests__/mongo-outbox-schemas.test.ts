import mongoose from 'mongoose';
import pino from 'pino';
import { dossiers } from '../mongo/dossiers';
import { outbox } from '../mongo/outbox';
import {
  DUE_ORDER,
  completeFilter,
  dayCountFilter,
  dayCountUpdate,
  dayCountsFilter,
  deadFilter,
  depthPipeline,
  dueFilter,
  enqueueOperation,
  enqueueOperations,
  failFilter,
  failUpdate,
  isEnqueuedSince,
  listedSinceFilter,
  retryDeadFilter,
  retryDeadUpdate,
  tallyOf,
} from '../mongo/outbox-filters';
import { OUTBOX_INDEX } from '../mongo/outbox-model';
import { dossierWrite } from './define-dossier-contract-tests';

// mongoose's own casting of one bulkWrite operation (filter, update, and the defaults it
// would add as `$setOnInsert` to an upsert): what `Model.bulkWrite` sends, without a server.
const { castUpdateOne } = require('mongoose/lib/helpers/model/castBulkWrite') as {
  castUpdateOne(model: mongoose.Model<any>, operation: Record<string, unknown>, options: object, now: Date): { filter: unknown; update: Record<string, unknown> };
};

// Models compiled on a connection that never connects, with buffering off so that anything
// that did reach for the database would fail at once: validation, index definitions and the
// documents built need no server, and no mock pretends to be one. What the server does with
// them is tested by the outbox contract tests in mongo-dossiers.contract.test.ts when
// MONGODB_URI is set.
const connection = mongoose.createConnection();
(connection.config as { bufferCommands?: boolean }).bufferCommands = false;
const dossierModels = dossiers.defineModels(connection, { auditRetentionDays: 30 });
const models = outbox.defineModels(connection, { auditRetentionDays: 30 });
const { OutboxEntry, OutboxDay, OutboxControl } = models;
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

/** The fields of a schema that declare a default (besides the automatic `_id`). */
const defaultedPaths = (model: mongoose.Model<any>): string[] =>
  Object.entries(model.schema.paths)
    .filter(([name, path]) => name !== '_id' && (path as unknown as { defaultValue?: unknown }).defaultValue !== undefined)
    .map(([name]) => name);

/** The filter as it leaves mongoose for the server: merged into a query, sanitized as the store's connection does. */
function sentFilter(model: mongoose.Model<any>, filter: Record<string, unknown>): Record<string, unknown> {
  const merged = model.find(filter).getFilter();
  mongoose.sanitizeFilter(merged);
  return merged;
}

const t0 = new Date('2026-03-01T01:00:00Z');

describe('MongoDB outbox schemas', () => {
  const entry = { consumer: 'portal', code: '000.00.41.H56-240301-0001', source: 'province-h56', version: 2, state: 'pending', attempts: 0, dueAt: t0, lastError: null, enqueuedAt: t0 };

  it('shares the entry model with the dossier repository, which writes entries in its transactions', () => {
    expect(OutboxEntry).toBe(dossierModels.OutboxEntry);
  });

  it('keeps an entry with a version from 1, whole attempts from 0 and one of two states', async () => {
    expect(await validationErrors(new OutboxEntry(entry))).toEqual([]);
    expect(await validationErrors(new OutboxEntry({ ...entry, state: 'dead', lastError: 'MaTTHC không tồn tại', attempts: 3 }))).toEqual([]);
    expect(await validationErrors(new OutboxEntry({ ...entry, state: 'sent', attempts: -1, version: 0 }))).toEqual(['attempts', 'state', 'version']);
    expect(await validationErrors(new OutboxEntry({ ...entry, attempts: 1.5, version: 2.5 }))).toEqual(['attempts', 'version']);
    expect(await validationErrors(new OutboxEntry({}))).toEqual(['attempts', 'code', 'consumer', 'dueAt', 'enqueuedAt', 'source', 'state', 'version']);
    expect(() => new OutboxEntry({ ...entry, record: {} })).toThrow(/record/);
  });

  it('has exactly the entry indexes its queries walk: one entry per consumer and code, due ones per source in order, dead letters by code', () => {
    expect(OutboxEntry.schema.indexes()).toEqual([
      [{ consumer: 1, code: 1 }, { name: 'outbox_key', unique: true }],
      [{ consumer: 1, source: 1, state: 1, dueAt: 1, code: 1 }, { name: 'outbox_source_due' }],
      [{ consumer: 1, state: 1, code: 1 }, { name: 'outbox_state_code' }],
    ]);
  });

  it('keeps one day count per consumer, day and source, in whole numbers from 0, with no default for an upsert to overwrite', async () => {
    const count = { consumer: 'portal', source: 'province-h56', day: 20_513, delivered: 5, failed: 1, dead: 0 };
    expect(await validationErrors(new OutboxDay(count))).toEqual([]);
    expect(await validationErrors(new OutboxDay({ ...count, day: -1, delivered: -1, failed: 0.5 }))).toEqual(['day', 'delivered', 'failed']);
    expect(OutboxDay.schema.indexes()).toEqual([[{ consumer: 1, day: 1, source: 1 }, { name: 'outbox_day_key', unique: true }]]);
    expect(defaultedPaths(OutboxDay)).toEqual([]);
  });

  it('keeps one pause switch per consumer and source, with no default for an upsert to overwrite', async () => {
    expect(await validationErrors(new OutboxControl({ consumer: 'portal', source: 'province-h56', paused: false }))).toEqual([]);
    expect(await validationErrors(new OutboxControl({ consumer: 'portal' }))).toEqual(['paused', 'source']);
    expect(OutboxControl.schema.indexes()).toEqual([[{ consumer: 1, source: 1 }, { name: 'outbox_control_key', unique: true }]]);
    expect(defaultedPaths(OutboxControl)).toEqual([]);
  });

  it('hints only indexes it declares', () => {
    const declared = [OutboxEntry, OutboxDay, OutboxControl].flatMap((model) => model.schema.indexes().map(([, options]) => options.name));
    expect(declared.sort()).toEqual(Object.values(OUTBOX_INDEX).sort());
  });
});

describe('MongoDB outbox filters', () => {
  it('asks for the pending entries of one consumer and source due by now, in the order of the index it walks', () => {
    expect(dueFilter('portal', 'province-h56', t0)).toEqual({ consumer: { $eq: 'portal' }, source: { $eq: 'province-h56' }, state: { $eq: 'pending' }, dueAt: trusted({ $lte: t0 }) });
    // The sort is the index's key after its equality fields, so the index is walked in order.
    const [keys] = OutboxEntry.schema.indexes().find(([, options]) => options.name === OUTBOX_INDEX.due)!;
    expect(Object.entries(keys).slice(3)).toEqual(Object.entries(DUE_ORDER));
  });

  it('settles an entry at the version delivered or an older one, and a failure only at its version while it is pending', () => {
    expect(completeFilter('portal', 'C', 3)).toEqual({ consumer: { $eq: 'portal' }, code: { $eq: 'C' }, version: trusted({ $lte: 3 }) });
    expect(failFilter('portal', 'C', 3)).toEqual({ consumer: { $eq: 'portal' }, code: { $eq: 'C' }, version: { $eq: 3 }, state: { $eq: 'pending' } });
  });

  it('counts a try on every failure: a retry moves the due time, a dead letter changes state, both keep the error', () => {
    const at = new Date('2026-03-01T01:05:00Z');
    expect(failUpdate({ kind: 'retry', at, error: 'UPSTREAM_TIMEOUT' })).toEqual({ $inc: { attempts: 1 }, $set: { dueAt: at, lastError: 'UPSTREAM_TIMEOUT' } });
    expect(failUpdate({ kind: 'dead', error: 'MaTTHC không tồn tại' })).toEqual({ $inc: { attempts: 1 }, $set: { state: 'dead', lastError: 'MaTTHC không tồn tại' } });
    expect(tallyOf('delivered')).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(tallyOf({ kind: 'retry', at, error: 'x' })).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(tallyOf({ kind: 'dead', error: 'x' })).toEqual({ delivered: 0, failed: 1, dead: 1 });
  });

  it('keeps a day count by its three keys and increments all three figures, so a new count has every field and nothing else', () => {
    const sent = castUpdateOne(OutboxDay, { filter: dayCountFilter('portal', 'province-h56', 20_513), update: dayCountUpdate({ delivered: 0, failed: 1, dead: 1 }), upsert: true }, {}, t0);
    expect(sent.filter).toEqual({ consumer: { $eq: 'portal' }, source: { $eq: 'province-h56' }, day: { $eq: 20_513 } });
    expect(sent.update).toEqual({ $inc: { delivered: 0, failed: 1, dead: 1 } });
    expect(dayCountsFilter('portal', 20_500)).toEqual({ consumer: { $eq: 'portal' }, day: trusted({ $gte: 20_500 }) });
  });

  it('pages dead letters of one source or all after a code, reading an empty source or code as none, as SQLite does', () => {
    expect(deadFilter('portal', {})).toEqual({ consumer: { $eq: 'portal' }, state: { $eq: 'dead' } });
    expect(deadFilter('portal', { source: 'province-h56', afterCode: 'C' })).toEqual({ consumer: { $eq: 'portal' }, state: { $eq: 'dead' }, source: { $eq: 'province-h56' }, code: trusted({ $gt: 'C' }) });
    expect(deadFilter('portal', { source: '', afterCode: '' })).toEqual({ consumer: { $eq: 'portal' }, state: { $eq: 'dead' } });
  });

  it('brings back the dead letters of the given codes whatever their source, else of a source, else all, fresh and due at once', () => {
    expect(retryDeadFilter('portal', { source: 'province-h41', codes: ['B', 'A', 'B'] })).toEqual({ consumer: { $eq: 'portal' }, state: { $eq: 'dead' }, code: trusted({ $in: ['B', 'A'] }) });
    expect(retryDeadFilter('portal', { source: 'province-h41' })).toEqual({ consumer: { $eq: 'portal' }, state: { $eq: 'dead' }, source: { $eq: 'province-h41' } });
    expect(retryDeadFilter('portal', {})).toEqual({ consumer: { $eq: 'portal' }, state: { $eq: 'dead' } });
    expect(retryDeadUpdate(t0)).toEqual({ $set: { state: 'pending', attempts: 0, dueAt: t0, lastError: null } });
  });

  it('lets no code into an $in list but strings, and no operator-shaped value out of its $eq', () => {
    expect(() => retryDeadFilter('portal', { codes: [/./ as unknown as string] })).toThrow(TypeError);
    const operator = { $ne: null } as unknown as string;
    expect(dueFilter(operator, operator, t0)).toMatchObject({ consumer: { $eq: { $ne: null } }, source: { $eq: { $ne: null } } });
    expect(completeFilter('portal', operator, 1)).toMatchObject({ code: { $eq: { $ne: null } } });
  });

  it('keeps every operator of ours through mongoose\'s own query building, its sanitizeFilter and its casting', () => {
    const filters: Array<[mongoose.Model<any>, Record<string, unknown>]> = [
      [OutboxEntry, dueFilter('portal', 'province-h56', t0)],
      [OutboxEntry, failFilter('portal', 'C', 2)],
      [OutboxEntry, deadFilter('portal', { source: 'province-h56', afterCode: 'C' })],
      [OutboxEntry, retryDeadFilter('portal', { codes: ['A', 'B'] })],
      [OutboxDay, dayCountsFilter('portal', 20_500)],
      [dossierModels.Dossier, listedSinceFilter('province-h56', 1_709_312_400_000)],
    ];
    for (const [model, filter] of filters) {
      expect(JSON.stringify(sentFilter(model, filter))).toBe(JSON.stringify(filter));
      expect(() => model.find(filter).cast()).not.toThrow();
    }
    // The same range without `trusted` would have been defused, which shows the check bites.
    expect(sentFilter(OutboxEntry, { dueAt: { $lte: t0 } })).toEqual({ dueAt: { $eq: { $lte: t0 } } });
  });

  it('casts a failure\'s update as written: no field added, none dropped', () => {
    const at = new Date('2026-03-01T01:05:00Z');
    for (const outcome of [{ kind: 'retry', at, error: 'e' }, { kind: 'dead', error: 'e' }] as const) {
      const query = OutboxEntry.findOneAndUpdate(failFilter('portal', 'C', 2), failUpdate(outcome));
      expect((query as unknown as { _castUpdate(update: unknown): unknown })._castUpdate(query.getUpdate())).toEqual(failUpdate(outcome));
    }
  });

  it('groups a consumer\'s entries per source: pending and dead counts, and the oldest pending entry\'s enqueue time', () => {
    expect(depthPipeline('portal')).toEqual([
      { $match: { consumer: { $eq: 'portal' } } },
      {
        $group: {
          _id: '$source',
          pending: { $sum: { $cond: [{ $eq: ['$state', 'pending'] }, 1, 0] } },
          dead: { $sum: { $cond: [{ $eq: ['$state', 'dead'] }, 1, 0] } },
          oldestPendingAt: { $min: { $cond: [{ $eq: ['$state', 'pending'] }, '$enqueuedAt', null] } },
        },
      },
      { $sort: { _id: 1 } },
      { $project: { _id: 0, source: '$_id', pending: 1, dead: 1, oldestPendingAt: 1 } },
    ]);
  });
});

describe('MongoDB outbox writes', () => {
  it('enqueues a dossier as one upsert by consumer and code: pending, due now, fresh, never to an older version than the entry holds', () => {
    const operation = enqueueOperation('portal', 'province-h56', '000.00.41.H56-240301-0001', 4, t0);
    const expected = {
      filter: { consumer: { $eq: 'portal' }, code: { $eq: '000.00.41.H56-240301-0001' } },
      update: { $max: { version: 4 }, $set: { source: 'province-h56', state: 'pending', attempts: 0, dueAt: t0, lastError: null, enqueuedAt: t0 } },
      upsert: true,
    };
    expect(operation).toEqual({ updateOne: expected });
    // As mongoose sends it: no `$setOnInsert` of a default (lastError's is set anyway), nothing dropped.
    const sent = castUpdateOne(OutboxEntry, { ...expected }, {}, t0);
    expect(sent.update).toEqual(expected.update);
    expect(sent.filter).toEqual(expected.filter);
  });

  it('enqueues the changes of a batch for each consumer, only those listed at or after enqueueSinceMs and the undated ones', () => {
    const since = Date.parse('2024-03-02T00:00:00+07:00');
    const write = (code: string, listed: string | null) => ({ facts: dossierWrite({ code, agency: '000.00.41.H56', listed }).facts, version: 2 });
    const writes = [write('A', '2024-03-01T23:59:59.999+07:00'), write('B', '2024-03-02T00:00:00+07:00'), write('C', null)];
    expect(isEnqueuedSince(writes[0]!.facts, since)).toBe(false);
    expect(isEnqueuedSince(writes[0]!.facts, undefined)).toBe(true);
    const codes = (operations: ReturnType<typeof enqueueOperations>) => operations.map((operation) => 'updateOne' in operation && [operation.updateOne.filter.consumer, operation.updateOne.filter.code]);
    expect(codes(enqueueOperations(writes, { consumers: ['portal', 'webhooks'], enqueueSinceMs: since, now: t0 }))).toEqual([
      [{ $eq: 'portal' }, { $eq: 'B' }],
      [{ $eq: 'webhooks' }, { $eq: 'B' }],
      [{ $eq: 'portal' }, { $eq: 'C' }],
      [{ $eq: 'webhooks' }, { $eq: 'C' }],
    ]);
    expect(enqueueOperations(writes, { consumers: ['portal'], now: t0 })).toHaveLength(3);
    expect(enqueueOperations(writes, { consumers: [], now: t0 })).toEqual([]);
  });

  it('re-enqueues a source\'s dossiers listed (received, else submitted) at or after a time, which leaves undated ones (null) out', () => {
    expect(listedSinceFilter('province-h56', 1_709_312_400_000)).toEqual({ source: { $eq: 'province-h56' }, listedMs: trusted({ $gte: 1_709_312_400_000 }) });
  });
});

describe('MongoDB outbox without transactions', () => {
  const logger = pino({ level: 'silent' });
  const repository = outbox.create(models, { connection, logger, supportsTransactions: false });

  it('refuses to settle an entry on a standalone server with CONFIG_INVALID naming the replica set it needs, before touching the database', async () => {
    await expect(repository.complete('portal', 'C', 1)).rejects.toMatchObject({ extensions: { code: 'CONFIG_INVALID' }, message: expect.stringMatching(/replica set.*--replSet rs0/) });
    await expect(repository.fail('portal', 'C', 1, { kind: 'dead', error: 'x' })).rejects.toMatchObject({ extensions: { code: 'CONFIG_INVALID' } });
  });

  it('answers a request for nothing without asking the server, which would read a limit of 0 as no limit', async () => {
    await expect(repository.due('portal', 'province-h56', t0, 0)).resolves.toEqual([]);
    await expect(repository.retryDead('portal', { codes: [] })).resolves.toBe(0);
    await expect(repository.dead('portal', { first: -1 })).resolves.toEqual({ items: [], hasNextPage: false });
    // Anything that did ask would fail at once on this unconnected connection, which shows the three above did not.
    await expect(repository.due('portal', 'province-h56', t0, 1)).rejects.toThrow(/bufferCommands/);
  });
});
