import mongoose from 'mongoose';
import pino from 'pino';
import { deliveries } from '../mongo/deliveries';
import {
  DAY_ORDER,
  DUE_ORDER,
  countOperations,
  cursorAtFilter,
  dayCountsFilter,
  deadFilter,
  dueFilter,
  heldFilter,
  openOfTargetFilter,
  outcomeUpdate,
  pendingFilter,
  planOperation,
  purgeFilter,
  retryDeadFilter,
  retryDeadUpdate,
  settledBeforeFilter,
} from '../mongo/delivery-filters';
import { DELIVERY_INDEX } from '../mongo/delivery-models';
import { dossiers } from '../mongo/dossiers';
import { WEBHOOK_INDEX, rankedUpToFilter, webhooks } from '../mongo/webhooks';
import type { DeliveryPlan } from '../index';
import { testKeyring } from './define-dossier-contract-tests';

// mongoose's own casting of one bulkWrite operation (filter, update, and the defaults it
// would add as `$setOnInsert` to an upsert): what `Model.bulkWrite` sends, without a server.
const { castUpdateOne } = require('mongoose/lib/helpers/model/castBulkWrite') as {
  castUpdateOne(model: mongoose.Model<any>, operation: Record<string, unknown>, options: object, now: Date): { filter: unknown; update: Record<string, unknown> };
};

// Models compiled on a connection that never connects, with buffering off so that anything
// that did reach for the database would fail at once: validation, index definitions and the
// documents built need no server, and no mock pretends to be one. What the server does with
// them is tested by mongo-deliveries.contract.test.ts when MONGODB_URI is set.
const connection = mongoose.createConnection();
(connection.config as { bufferCommands?: boolean }).bufferCommands = false;
dossiers.defineModels(connection, { auditRetentionDays: 30 });
const models = deliveries.defineModels(connection, { auditRetentionDays: 30 });
const { Delivery, DeliveryCursor, DeliveryDay } = models;
const { Webhook } = webhooks.defineModels(connection, { auditRetentionDays: 30 });
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

const t0 = new Date('2026-03-02T01:00:00Z');
const plan: DeliveryPlan = {
  id: '41/zalo-zns',
  change: { seq: 41, code: '000.01.41.H56-260302-0007', version: 3, agencyCode: '000.01.41.H56', oldStatus: 2, newStatus: 4, at: t0 },
  target: 'zalo-zns',
  channel: 'zalo-zns',
  rank: 0,
  held: false,
  payload: null,
};

describe('MongoDB delivery schemas', () => {
  const document = {
    _id: 'citizens|41/zalo-zns', consumer: 'citizens', deliveryId: '41/zalo-zns', seq: 41, code: plan.change.code, version: 3, agencyCode: '000.01.41.H56',
    oldStatus: 2, newStatus: 4, changedAt: t0, target: 'zalo-zns', channel: 'zalo-zns', rank: 0, held: false, payload: null, state: 'pending', attempts: 0,
    dueAt: t0, lastError: null, providerId: null, duplicate: false, createdAt: t0, settledAt: null,
  };

  it('keeps a delivery with a seq and version from 1, statuses 1–10 or null, whole attempts from 0 and one of five states', async () => {
    expect(await validationErrors(new Delivery(document))).toEqual([]);
    expect(await validationErrors(new Delivery({ ...document, state: 'dead', attempts: 6, lastError: 'UPSTREAM_TIMEOUT', settledAt: t0, oldStatus: null }))).toEqual([]);
    expect(await validationErrors(new Delivery({ ...document, state: 'sent', attempts: -1, seq: 0, version: 1.5, newStatus: 11 }))).toEqual(['attempts', 'newStatus', 'seq', 'state', 'version']);
    expect(await validationErrors(new Delivery({}))).toEqual(
      ['_id', 'agencyCode', 'attempts', 'changedAt', 'channel', 'code', 'consumer', 'createdAt', 'deliveryId', 'dueAt', 'duplicate', 'held', 'rank', 'seq', 'state', 'target', 'version'],
    );
    expect(() => new Delivery({ ...document, phone: '0912345678' })).toThrow(/phone/);
  });

  it('has exactly the delivery indexes its queries walk', () => {
    expect(Delivery.schema.indexes()).toEqual([
      [{ consumer: 1, state: 1, dueAt: 1, deliveryId: 1 }, { name: 'delivery_due' }],
      [{ consumer: 1, state: 1, deliveryId: 1 }, { name: 'delivery_state_id' }],
      [{ consumer: 1, seq: 1, rank: 1 }, { name: 'delivery_change' }],
      [{ consumer: 1, target: 1, state: 1 }, { name: 'delivery_target' }],
      [{ settledAt: 1 }, { name: 'delivery_settled', partialFilterExpression: { settledAt: { $type: 'date' } } }],
    ]);
  });

  it('keeps one cursor per consumer and one count per consumer, path, day, channel and outcome, with no default for an upsert to overwrite', async () => {
    expect(await validationErrors(new DeliveryCursor({ _id: 'citizens', seq: 0, updatedAt: t0 }))).toEqual([]);
    expect(await validationErrors(new DeliveryCursor({ _id: 'citizens', seq: -1 }))).toEqual(['seq', 'updatedAt']);
    const count = { consumer: 'citizens', path: 'H56.41', day: 20_514, channel: 'zalo-zns', outcome: 'sent', n: 3 };
    expect(await validationErrors(new DeliveryDay(count))).toEqual([]);
    expect(await validationErrors(new DeliveryDay({ ...count, day: -1, n: 0.5 }))).toEqual(['day', 'n']);
    expect(DeliveryDay.schema.indexes()).toEqual([[{ consumer: 1, path: 1, day: 1, channel: 1, outcome: 1 }, { name: 'delivery_day_key', unique: true }]]);
    expect(defaultedPaths(DeliveryCursor)).toEqual([]);
    expect(defaultedPaths(DeliveryDay)).toEqual([]);
  });

  it('keeps a webhook with at least one known event and its secret only sealed', async () => {
    const webhook = { _id: 'wh-1', agencyCode: '000.00.41.H56', path1: 'H56', path2: 'H56.41', path3: 'H56.41.00', path4: 'H56.41.00.000', url: 'https://a.example.gov.vn/h', events: ['dossier.status_changed'], keyId: 'k1', sealedSecret: Buffer.from([1, 2]), createdAt: t0 };
    expect(await validationErrors(new Webhook(webhook))).toEqual([]);
    expect(await validationErrors(new Webhook({ ...webhook, events: [] }))).toEqual(['events']);
    expect(await validationErrors(new Webhook({ ...webhook, events: ['dossier.deleted'] }))).toEqual(['events.0']);
    expect(() => new Webhook({ ...webhook, secret: 'whsec-clear' })).toThrow(/secret/);
    expect(Webhook.schema.indexes().map(([, options]) => options.name)).toEqual([...Object.values(WEBHOOK_INDEX.path), WEBHOOK_INDEX.agency]);
  });

  it('hints only indexes it declares', () => {
    const declared = [Delivery, DeliveryDay].flatMap((model) => model.schema.indexes().map(([, options]) => options.name));
    expect(declared.sort()).toEqual(Object.values(DELIVERY_INDEX).sort());
  });
});

describe('MongoDB delivery documents', () => {
  it('inserts a planned delivery with every field in $setOnInsert, so planning it again changes nothing, and mongoose adds nothing', () => {
    const sent = castUpdateOne(Delivery, (planOperation('citizens', plan, t0) as unknown as { updateOne: Record<string, unknown> }).updateOne, {}, t0);
    expect(sent.filter).toEqual({ _id: { $eq: 'citizens|41/zalo-zns' } });
    expect(Object.keys(sent.update)).toEqual(['$setOnInsert']);
    expect(sent.update.$setOnInsert).toEqual({
      consumer: 'citizens', deliveryId: '41/zalo-zns', seq: 41, code: '000.01.41.H56-260302-0007', version: 3, agencyCode: '000.01.41.H56', oldStatus: 2, newStatus: 4,
      changedAt: t0, target: 'zalo-zns', channel: 'zalo-zns', rank: 0, held: false, payload: null, state: 'pending', attempts: 0, dueAt: t0, lastError: null,
      providerId: null, duplicate: false, createdAt: t0, settledAt: null,
    });
    const held = castUpdateOne(Delivery, (planOperation('citizens', { ...plan, id: '41/sms-brandname', held: true, rank: 1 }, t0) as unknown as { updateOne: Record<string, unknown> }).updateOne, {}, t0);
    expect(held.update.$setOnInsert).toMatchObject({ state: 'held', held: true, rank: 1 });
  });

  it('counts under every path of the agency and everything, on the Vietnam-time day', () => {
    // 17:30 UTC on 2 March is already 3 March in Vietnam (day 20515).
    const operations = countOperations('citizens', [{ agencyCode: '000.01.41.H56', channel: 'none', outcome: 'NO_CONSENT' }], new Date('2026-03-02T17:30:00Z'));
    const filters = operations.map((op) => castUpdateOne(DeliveryDay, (op as unknown as { updateOne: Record<string, unknown> }).updateOne, {}, t0));
    expect(filters.map((f) => (f.filter as { path: { $eq: string } }).path.$eq)).toEqual(['*', 'H56', 'H56.41', 'H56.41.01', 'H56.41.01.000']);
    expect(filters[0]).toEqual({
      filter: { consumer: { $eq: 'citizens' }, path: { $eq: '*' }, day: { $eq: 20_515 }, channel: { $eq: 'none' }, outcome: { $eq: 'NO_CONSENT' } },
      update: { $inc: { n: 1 } },
      upsert: true,
    });
    expect(countOperations('citizens', [{ agencyCode: 'not a code', channel: 'none', outcome: 'x' }], t0)).toHaveLength(1);
  });

  it('moves a cursor only from where it was read, and settles only a pending delivery', () => {
    expect(cursorAtFilter('citizens', 40)).toEqual({ _id: { $eq: 'citizens' }, seq: { $eq: 40 } });
    expect(pendingFilter('citizens', '41/zalo-zns')).toEqual({ _id: { $eq: 'citizens|41/zalo-zns' }, state: { $eq: 'pending' } });
    expect(heldFilter('citizens', 41)).toEqual({ consumer: { $eq: 'citizens' }, seq: { $eq: 41 }, state: { $eq: 'held' } });
  });

  it('writes each outcome as written: delivered and dead settle, a retry moves the due time, and both failures count a try', () => {
    const at = new Date('2026-03-02T01:05:00Z');
    expect(outcomeUpdate({ kind: 'delivered', providerId: 'm1', duplicate: true }, t0)).toEqual({ $set: { state: 'delivered', providerId: 'm1', duplicate: true, settledAt: t0 } });
    expect(outcomeUpdate({ kind: 'retry', at, error: 'e' }, t0)).toEqual({ $inc: { attempts: 1 }, $set: { dueAt: at, lastError: 'e' } });
    expect(outcomeUpdate({ kind: 'dead', error: 'e' }, t0)).toEqual({ $inc: { attempts: 1 }, $set: { state: 'dead', lastError: 'e', settledAt: t0 } });
    expect(outcomeUpdate({ kind: 'cancelled', reason: 'r' }, t0)).toEqual({ $set: { state: 'cancelled', lastError: 'r', settledAt: t0 } });
    for (const outcome of [{ kind: 'retry', at, error: 'e' }, { kind: 'dead', error: 'e' }, { kind: 'delivered', providerId: null, duplicate: false }] as const) {
      const query = Delivery.findOneAndUpdate(pendingFilter('citizens', 'x'), outcomeUpdate(outcome, t0));
      expect((query as unknown as { _castUpdate(update: unknown): unknown })._castUpdate(query.getUpdate())).toEqual(outcomeUpdate(outcome, t0));
    }
  });

  it('reads due deliveries and day counts in the order of the index each walks', () => {
    const tail = (name: string, from: number) => Object.entries([...Delivery.schema.indexes(), ...DeliveryDay.schema.indexes()].find(([, o]) => o.name === name)![0]).slice(from);
    expect(tail(DELIVERY_INDEX.due, 2)).toEqual(Object.entries(DUE_ORDER));
    expect(tail(DELIVERY_INDEX.day, 2)).toEqual(Object.entries(DAY_ORDER));
  });

  it('keeps every operator of ours through mongoose\'s own query building, its sanitizeFilter and its casting, and no caller value becomes one', () => {
    const filters: Array<[mongoose.Model<any>, Record<string, unknown>]> = [
      [Delivery, dueFilter('citizens', t0)],
      [Delivery, deadFilter('webhooks', { afterId: '4/wh', target: 'wh' })],
      [Delivery, retryDeadFilter('webhooks', { ids: ['a', 'b', 'a'] })],
      [Delivery, openOfTargetFilter('webhooks', 'wh')],
      [Delivery, settledBeforeFilter(t0)],
      [Delivery, purgeFilter(['1/wh', '2/wh'], t0)],
      [Webhook, rankedUpToFilter('000.00.41.H56', t0, 'wh_b')],
      [DeliveryDay, dayCountsFilter('citizens', 'H56', 20_500, 20_510)],
    ];
    for (const [model, filter] of filters) {
      expect(JSON.stringify(sentFilter(model, filter))).toBe(JSON.stringify(filter));
      expect(() => model.find(filter).cast()).not.toThrow();
    }
    expect(retryDeadFilter('webhooks', { ids: ['a', 'b', 'a'] })).toEqual({ consumer: { $eq: 'webhooks' }, state: { $eq: 'dead' }, deliveryId: trusted({ $in: ['a', 'b'] }) });
    expect(() => retryDeadFilter('webhooks', { ids: [/./ as unknown as string] })).toThrow(TypeError);
    const operator = { $ne: null } as unknown as string;
    expect(dueFilter(operator, t0)).toMatchObject({ consumer: { $eq: { $ne: null } } });
    expect(deadFilter('webhooks', { afterId: '', target: '' })).toEqual({ consumer: { $eq: 'webhooks' }, state: { $eq: 'dead' } });
  });

  it('deletes only the purge\'s deliveries that are still settled before the cut-off, so a dead letter retried after they were read stays', () => {
    // A retry sets state pending and settledAt null (retryDeadUpdate); the delete must ask both again, not the ids alone.
    expect(purgeFilter(['7/wh'], t0)).toEqual({ _id: trusted({ $in: ['7/wh'] }), settledAt: trusted({ $type: 'date', $lt: t0 }), state: trusted({ $in: ['delivered', 'dead', 'cancelled'] }) });
    expect(retryDeadUpdate(t0)).toEqual({ $set: expect.objectContaining({ state: 'pending', settledAt: null }) });
  });
});

describe('MongoDB deliveries without transactions', () => {
  it('refuses to plan or settle on a standalone server before asking it anything, naming the replica set it needs', async () => {
    const repository = deliveries.create(models, { connection, logger: pino({ enabled: false }), supportsTransactions: false, keyring: testKeyring() });
    await expect(repository.plan('citizens', { afterSeq: 0, throughSeq: 1, deliveries: [plan], counts: [] })).rejects.toMatchObject({ extensions: { code: 'CONFIG_INVALID' }, message: expect.stringContaining('--replSet') });
    await expect(repository.settle('citizens', '41/zalo-zns', { kind: 'dead', error: 'e' })).rejects.toMatchObject({ extensions: { code: 'CONFIG_INVALID' } });
  });
});
