import { createSilentLogger } from '../../log';
import type { Store } from '../../store';
import { createChangeFeed, type ChangeFeed } from '../change-feed';
import type { StatusChangeEvent } from '../status-event';
import { openStore, record, withStatus, write } from './delivery-fixture';

/** The next `count` events of a stream, or what is there after `timeoutMs`. */
async function take(stream: AsyncIterator<StatusChangeEvent>, count: number, timeoutMs = 5000): Promise<StatusChangeEvent[]> {
  const events: StatusChangeEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  while (events.length < count && Date.now() < deadline) {
    const next = await Promise.race([stream.next(), new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now()))]);
    if (next === null || next.done) break;
    events.push(next.value);
  }
  return events;
}

describe('the change feed of GraphQL subscriptions', () => {
  let store: Store;
  let feed: ChangeFeed;
  beforeEach(async () => {
    store = await openStore();
  });
  afterEach(async () => {
    feed.close();
    await store.close();
  });

  it('hands each subscriber the status changes it accepts, from when it subscribed, in the order they were logged', async () => {
    feed = createChangeFeed({ store, logger: createSilentLogger(), pollMs: 20 });
    const ward = record('000.01.41.H56-240315-0001');
    const otherDistrict = record('000.01.42.H56-240315-0002');
    await write(store, ward, otherDistrict, withStatus(ward, 4));
    const district = feed.subscribe((e) => e.agencyCode.endsWith('.41.H56'));
    const everyone = feed.subscribe(() => true);
    // Let the feed start at the log's head before anything new is logged.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await write(store, withStatus(otherDistrict, 4), withStatus(ward, 5), { ...withStatus(ward, 5), summary: 'chỉ sửa trích yếu' }, withStatus(ward, 9));
    expect((await take(district, 2)).map((e) => [e.code, e.oldStatus, e.newStatus])).toEqual([
      ['000.01.41.H56-240315-0001', 4, 5],
      ['000.01.41.H56-240315-0001', 5, 9],
    ]);
    expect((await take(everyone, 3)).map((e) => [e.code, e.newStatus])).toEqual([
      ['000.01.42.H56-240315-0002', 4],
      ['000.01.41.H56-240315-0001', 5],
      ['000.01.41.H56-240315-0001', 9],
    ]);
    expect(feed.subscribers).toBe(2);
    await district.return!();
    expect(feed.subscribers).toBe(1);
  });

  it('drops a subscriber that falls behind, with RATE_LIMITED, and keeps serving the others', async () => {
    feed = createChangeFeed({ store, logger: createSilentLogger(), pollMs: 20, maxQueued: 2, slowSubscriberMs: 300 });
    const dossiers = Array.from({ length: 4 }, (_, i) => record(`000.01.41.H56-240315-000${i + 1}`));
    await write(store, ...dossiers);
    const slow = feed.subscribe(() => true);
    const keen = feed.subscribe(() => true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const keenEvents = take(keen, 4);
    await write(store, ...dossiers.map((d) => withStatus(d, 4)));
    expect((await keenEvents).map((e) => e.code)).toEqual(dossiers.map((d) => d.code));
    expect((await take(slow, 2)).map((e) => e.code)).toEqual(dossiers.slice(0, 2).map((d) => d.code));
    await expect(slow.next()).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED', limit: 'maxQueued' } });
    expect(feed.subscribers).toBe(1);
  });

  it('refuses a subscriber beyond the most it keeps, and ends every stream when it closes', async () => {
    feed = createChangeFeed({ store, logger: createSilentLogger(), pollMs: 20, maxSubscribers: 1 });
    const only = feed.subscribe(() => true);
    expect(() => feed.subscribe(() => true)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', limit: 'maxSubscriptions' }) }));
    feed.close();
    await expect(only.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('refuses a connection its subscriptions beyond maxPerConnection, and a caller beyond maxPerPrincipal across connections, while others still subscribe', async () => {
    feed = createChangeFeed({ store, logger: createSilentLogger(), pollMs: 20, maxPerConnection: 2, maxPerPrincipal: 3 });
    const first = {};
    const second = {};
    const commune = (connection: object) => ({ connection, principal: 'can-bo-xa' });
    const streams = [feed.subscribe(() => true, commune(first)), feed.subscribe(() => true, commune(first))];
    expect(() => feed.subscribe(() => true, commune(first))).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', limit: 'maxPerConnection' }) }));
    streams.push(feed.subscribe(() => true, commune(second)));
    // The caller's third, on its second connection: a fourth anywhere is one too many.
    expect(() => feed.subscribe(() => true, commune(second))).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', limit: 'maxPerPrincipal' }) }));
    const province = feed.subscribe(() => true, { connection: {}, principal: 'can-bo-tinh' });
    expect(feed.subscribers).toBe(4);
    // A completed subscription gives its slot back, to its connection and its caller.
    await streams[0]!.return!();
    streams.push(feed.subscribe(() => true, commune(first)));
    expect(feed.subscribers).toBe(4);
    for (const stream of [...streams, province]) await stream.return!();
    expect(feed.subscribers).toBe(0);
    // Counted once however often a stream is ended: all three slots of the caller are free again.
    await streams[1]!.return!();
    const again = [feed.subscribe(() => true, commune(first)), feed.subscribe(() => true, commune(first)), feed.subscribe(() => true, commune(second))];
    expect(feed.subscribers).toBe(3);
    for (const stream of again) await stream.return!();
  });
});
