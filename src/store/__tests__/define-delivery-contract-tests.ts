import type { DataKeyring, DeliveryChange, DeliveryPlan, Store, Webhook } from '../index';
import { dossierWrite, testKeyring } from './define-dossier-contract-tests';

const t0 = new Date('2026-03-02T01:00:00Z');
const plus = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);
/** Vietnam-time day number of a date written yyyy-mm-dd (hand rule: UTC midnight of that date, in days). */
const day = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** A change of the log as a consumer plans it. */
function change(seq: number, agencyCode = '000.01.41.H56', status: [number | null, number | null] = [2, 4]): DeliveryChange {
  return { seq, code: `${agencyCode}-260302-${String(seq).padStart(4, '0')}`, version: 2, agencyCode, oldStatus: status[0], newStatus: status[1], at: t0 };
}

/** A citizen message on one channel: Zalo first, SMS held as its fallback. */
function message(seq: number, target: 'zalo-zns' | 'sms-brandname', agencyCode?: string): DeliveryPlan {
  const held = target === 'sms-brandname';
  return { id: `${seq}/${target}`, change: change(seq, agencyCode), target, channel: target, rank: held ? 1 : 0, held, payload: null };
}

function webhook(id: string, agencyCode: string, createdAt = t0): Webhook {
  return { id, agencyCode, url: `https://ung-dung.example.gov.vn/hooks/${id}`, events: ['dossier.status_changed'], secret: `whsec-${id}-0123456789abcdef0123456789`, createdBy: { subject: 'can-bo', clientId: 'ung-dung' }, createdAt };
}

/**
 * The behaviour every store adapter must have for deliveries and webhooks
 * (`sqlite-deliveries.contract.test.ts`, `mongo-deliveries.contract.test.ts`). `createStore`
 * opens a new, empty store with `keyring`.
 */
export function defineDeliveryContractTests(name: string, createStore: (keyring: DataKeyring) => Promise<Store>): void {
  describe(`delivery store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await createStore(testKeyring());
    });
    afterEach(async () => {
      await store.close();
    });

    /** Plans `deliveries` from the consumer's current cursor to `throughSeq`. */
    async function plan(consumer: string, throughSeq: number, deliveries: DeliveryPlan[], counts: Array<{ agencyCode: string; channel: string; outcome: string }> = [], now = t0): Promise<boolean> {
      const afterSeq = await store.deliveries.cursor(consumer, now);
      return store.deliveries.plan(consumer, { afterSeq, throughSeq, deliveries, counts }, undefined, now);
    }

    it('starts a new consumer at the head of the change log, so it announces what happens from then on, and keeps its cursor', async () => {
      expect(await store.deliveries.changeLogHead()).toBe(0);
      await store.dossiers.apply({ dossiers: [dossierWrite({ code: '000.00.41.H56-240301-0001', agency: '000.00.41.H56' }), dossierWrite({ code: '000.00.41.H56-240301-0002', agency: '000.00.41.H56' })] });
      expect(await store.deliveries.changeLogHead()).toBe(2);
      expect(await store.deliveries.cursor('citizens')).toBe(2);
      await store.dossiers.apply({ dossiers: [dossierWrite({ code: '000.00.41.H56-240301-0003', agency: '000.00.41.H56' })] });
      expect(await store.deliveries.changeLogHead()).toBe(3);
      expect(await store.deliveries.cursor('citizens')).toBe(2);
      // Another consumer seen for the first time now starts at the new head.
      expect(await store.deliveries.cursor('webhooks')).toBe(3);
    });

    it('records a batch of deliveries with the moved cursor, and writes nothing from a cursor another planner has moved', async () => {
      expect(await store.deliveries.cursor('citizens', t0)).toBe(0);
      expect(await store.deliveries.plan('citizens', { afterSeq: 0, throughSeq: 3, deliveries: [message(1, 'zalo-zns'), message(1, 'sms-brandname'), message(3, 'zalo-zns')], counts: [] }, undefined, t0)).toBe(true);
      expect(await store.deliveries.cursor('citizens')).toBe(3);
      // A replica that read the cursor at 0 too, and planned the same changes again.
      expect(await store.deliveries.plan('citizens', { afterSeq: 0, throughSeq: 5, deliveries: [message(4, 'zalo-zns')], counts: [{ agencyCode: '000.01.41.H56', channel: 'none', outcome: 'NO_CONSENT' }] }, undefined, t0)).toBe(false);
      expect(await store.deliveries.cursor('citizens')).toBe(3);
      expect(await store.deliveries.get('citizens', '4/zalo-zns')).toBeNull();
      expect(await store.deliveries.dayCounts('citizens', null, day('2026-03-02'), day('2026-03-02'))).toEqual([]);
      expect(await store.deliveries.get('citizens', '1/sms-brandname')).toMatchObject({ state: 'held', attempts: 0, rank: 1, channel: 'sms-brandname', change: change(1), payload: null });
      await expect(store.deliveries.plan('citizens', { afterSeq: 3, throughSeq: 2, deliveries: [], counts: [] })).rejects.toThrow(/throughSeq >= afterSeq/);
    });

    it('leaves a delivery it already has as it is when its change is planned again', async () => {
      await plan('webhooks', 1, [{ ...message(1, 'zalo-zns'), payload: '{"id":"first"}' }]);
      await store.deliveries.settle('webhooks', '1/zalo-zns', { kind: 'retry', at: plus(60), error: 'HTTP 503' }, undefined, t0);
      await plan('webhooks', 2, [{ ...message(1, 'zalo-zns'), payload: '{"id":"second"}' }]);
      expect(await store.deliveries.get('webhooks', '1/zalo-zns')).toMatchObject({ payload: '{"id":"first"}', attempts: 1, lastError: 'HTTP 503', dueAt: plus(60) });
    });

    it('hands out pending deliveries due by a time, soonest first then by id, and never held ones', async () => {
      await plan('citizens', 3, [message(3, 'zalo-zns'), message(3, 'sms-brandname'), message(2, 'zalo-zns'), message(1, 'zalo-zns')], [], t0);
      await store.deliveries.settle('citizens', '1/zalo-zns', { kind: 'retry', at: plus(120), error: 'rate limited' }, undefined, t0);
      expect((await store.deliveries.due('citizens', plus(1), 10)).map((d) => d.id)).toEqual(['2/zalo-zns', '3/zalo-zns']);
      expect((await store.deliveries.due('citizens', plus(120), 10)).map((d) => d.id)).toEqual(['2/zalo-zns', '3/zalo-zns', '1/zalo-zns']);
      expect((await store.deliveries.due('citizens', plus(120), 1)).map((d) => d.id)).toEqual(['2/zalo-zns']);
      expect(await store.deliveries.due('citizens', plus(120), 0)).toEqual([]);
      expect(await store.deliveries.due('webhooks', plus(120), 10)).toEqual([]);
    });

    it('settles a delivery once: delivered cancels its held fallback and counts one sent message of its channel', async () => {
      await plan('citizens', 1, [message(1, 'zalo-zns'), message(1, 'sms-brandname')]);
      expect(await store.deliveries.settle('citizens', '1/zalo-zns', { kind: 'delivered', providerId: 'zns-77', duplicate: true }, undefined, plus(5))).toBe(true);
      expect(await store.deliveries.settle('citizens', '1/zalo-zns', { kind: 'delivered', providerId: 'zns-78', duplicate: false }, undefined, plus(6))).toBe(false);
      expect(await store.deliveries.get('citizens', '1/zalo-zns')).toMatchObject({ state: 'delivered', providerId: 'zns-77', duplicate: true, settledAt: plus(5) });
      expect(await store.deliveries.get('citizens', '1/sms-brandname')).toMatchObject({ state: 'cancelled', settledAt: plus(5) });
      expect(await store.deliveries.settle('citizens', '1/sms-brandname', { kind: 'delivered', providerId: 'sms-1', duplicate: false })).toBe(false);
      expect(await store.deliveries.dayCounts('citizens', null, day('2026-03-02'), day('2026-03-02'))).toEqual([{ day: day('2026-03-02'), channel: 'zalo-zns', outcome: 'sent', count: 1 }]);
    });

    it('releases the fallback when a delivery fails for good or has nothing to send, counting only the failure', async () => {
      await plan('citizens', 2, [message(1, 'zalo-zns'), message(1, 'sms-brandname'), message(2, 'zalo-zns'), message(2, 'sms-brandname')]);
      await store.deliveries.settle('citizens', '1/zalo-zns', { kind: 'retry', at: plus(30), error: 'UPSTREAM_TIMEOUT' }, undefined, plus(1));
      expect(await store.deliveries.get('citizens', '1/sms-brandname')).toMatchObject({ state: 'held' });
      expect(await store.deliveries.settle('citizens', '1/zalo-zns', { kind: 'dead', error: 'BAD_USER_INPUT: -118 no Zalo account' }, undefined, plus(40))).toBe(true);
      expect(await store.deliveries.get('citizens', '1/zalo-zns')).toMatchObject({ state: 'dead', attempts: 2, lastError: 'BAD_USER_INPUT: -118 no Zalo account' });
      expect(await store.deliveries.get('citizens', '1/sms-brandname')).toMatchObject({ state: 'pending', dueAt: plus(40) });
      await store.deliveries.settle('citizens', '2/zalo-zns', { kind: 'cancelled', reason: 'NO_CONSENT' }, undefined, plus(41));
      expect(await store.deliveries.get('citizens', '2/sms-brandname')).toMatchObject({ state: 'pending', dueAt: plus(41) });
      expect(await store.deliveries.dayCounts('citizens', null, day('2026-03-02'), day('2026-03-02'))).toEqual([{ day: day('2026-03-02'), channel: 'zalo-zns', outcome: 'failed', count: 1 }]);
    });

    it('lists dead deliveries in id order by page and by target, and turns them back into pending ones', async () => {
      const hook = (seq: number, target: string): DeliveryPlan => ({ id: `${seq}/${target}`, change: change(seq), target, channel: 'webhook', rank: 0, held: false, payload: `{"seq":${seq}}` });
      await plan('webhooks', 3, [hook(1, 'wh-a'), hook(2, 'wh-a'), hook(3, 'wh-a'), hook(1, 'wh-b'), hook(2, 'wh-b')]);
      for (const id of ['1/wh-a', '2/wh-a', '3/wh-a', '1/wh-b']) await store.deliveries.settle('webhooks', id, { kind: 'dead', error: 'HTTP 500' }, undefined, plus(1));
      const first = await store.deliveries.dead('webhooks', { first: 3 });
      expect([first.items.map((d) => d.id), first.hasNextPage]).toEqual([['1/wh-a', '1/wh-b', '2/wh-a'], true]);
      const second = await store.deliveries.dead('webhooks', { first: 3, afterId: '2/wh-a' });
      expect([second.items.map((d) => d.id), second.hasNextPage]).toEqual([['3/wh-a'], false]);
      expect((await store.deliveries.dead('webhooks', { first: 10, target: 'wh-b' })).items.map((d) => d.id)).toEqual(['1/wh-b']);
      expect(await store.deliveries.retryDead('webhooks', { ids: ['1/wh-a', '1/wh-a', '2/wh-b'] }, plus(10))).toBe(1);
      expect(await store.deliveries.get('webhooks', '1/wh-a')).toMatchObject({ state: 'pending', attempts: 0, lastError: null, settledAt: null, dueAt: plus(10) });
      expect(await store.deliveries.retryDead('webhooks', { target: 'wh-b' }, plus(11))).toBe(1);
      expect(await store.deliveries.retryDead('webhooks', {}, plus(12))).toBe(2);
      expect((await store.deliveries.dead('webhooks', { first: 10 })).items).toEqual([]);
      expect(await store.deliveries.retryDead('webhooks', { ids: [] })).toBe(0);
    });

    it('cancels what is still to send to a target, and nothing else', async () => {
      const hook = (seq: number, target: string): DeliveryPlan => ({ id: `${seq}/${target}`, change: change(seq), target, channel: 'webhook', rank: 0, held: false, payload: '{}' });
      await plan('webhooks', 3, [hook(1, 'wh-a'), hook(2, 'wh-a'), hook(3, 'wh-a'), hook(1, 'wh-b')]);
      await store.deliveries.settle('webhooks', '1/wh-a', { kind: 'delivered', providerId: null, duplicate: false });
      expect(await store.deliveries.cancelTarget('webhooks', 'wh-a', 'webhook deleted', plus(3))).toBe(2);
      expect((await store.deliveries.get('webhooks', '2/wh-a'))).toMatchObject({ state: 'cancelled', lastError: 'webhook deleted', settledAt: plus(3) });
      expect((await store.deliveries.get('webhooks', '1/wh-a'))?.state).toBe('delivered');
      expect((await store.deliveries.get('webhooks', '1/wh-b'))?.state).toBe('pending');
    });

    it('tells how many deliveries are pending, held and dead, and since when the oldest pending one waits', async () => {
      expect(await store.deliveries.depth('citizens')).toEqual({ pending: 0, held: 0, dead: 0, oldestPendingAt: null });
      await plan('citizens', 1, [message(1, 'zalo-zns'), message(1, 'sms-brandname')], [], t0);
      await plan('citizens', 2, [message(2, 'zalo-zns'), message(2, 'sms-brandname')], [], plus(30));
      await store.deliveries.settle('citizens', '2/zalo-zns', { kind: 'dead', error: 'refused' }, undefined, plus(31));
      expect(await store.deliveries.depth('citizens')).toEqual({ pending: 2, held: 1, dead: 1, oldestPendingAt: t0 });
    });

    it('counts per agency path and Vietnam-time day, so a unit reads its own counts and those of the units under it', async () => {
      const commune = '000.01.41.H56';
      const district = '000.00.41.H56';
      const otherDistrict = '000.00.42.H56';
      // 16:59 UTC on 2 March is 23:59 in Vietnam; 17:01 UTC is already 3 March there.
      const late = new Date('2026-03-02T16:59:00Z');
      const next = new Date('2026-03-02T17:01:00Z');
      await plan('citizens', 3, [message(1, 'zalo-zns', commune), message(2, 'zalo-zns', otherDistrict)], [
        { agencyCode: commune, channel: 'none', outcome: 'NO_CONSENT' },
        { agencyCode: district, channel: 'none', outcome: 'NO_MOBILE_PHONE' },
        { agencyCode: otherDistrict, channel: 'none', outcome: 'NO_MOBILE_PHONE' },
      ], late);
      await store.deliveries.settle('citizens', '1/zalo-zns', { kind: 'delivered', providerId: 'm1', duplicate: false }, undefined, next);
      await store.deliveries.settle('citizens', '2/zalo-zns', { kind: 'delivered', providerId: 'm2', duplicate: false }, undefined, next);
      const march2 = day('2026-03-02');
      const march3 = day('2026-03-03');
      expect(await store.deliveries.dayCounts('citizens', { depth: 2, path: 'H56.41' }, march2, march3)).toEqual([
        { day: march2, channel: 'none', outcome: 'NO_CONSENT', count: 1 },
        { day: march2, channel: 'none', outcome: 'NO_MOBILE_PHONE', count: 1 },
        { day: march3, channel: 'zalo-zns', outcome: 'sent', count: 1 },
      ]);
      expect(await store.deliveries.dayCounts('citizens', { depth: 3, path: 'H56.41.01' }, march2, march3)).toEqual([
        { day: march2, channel: 'none', outcome: 'NO_CONSENT', count: 1 },
        { day: march3, channel: 'zalo-zns', outcome: 'sent', count: 1 },
      ]);
      expect(await store.deliveries.dayCounts('citizens', { depth: 1, path: 'H56' }, march3, march3)).toEqual([{ day: march3, channel: 'zalo-zns', outcome: 'sent', count: 2 }]);
      expect(await store.deliveries.dayCounts('citizens', null, march2, march2)).toEqual([
        { day: march2, channel: 'none', outcome: 'NO_CONSENT', count: 1 },
        { day: march2, channel: 'none', outcome: 'NO_MOBILE_PHONE', count: 2 },
      ]);
      expect(await store.deliveries.dayCounts('webhooks', null, march2, march3)).toEqual([]);
    });

    it('purges deliveries settled before a time, keeping those still to send and every count', async () => {
      await plan('citizens', 3, [message(1, 'zalo-zns'), message(2, 'zalo-zns'), message(3, 'zalo-zns')]);
      await store.deliveries.settle('citizens', '1/zalo-zns', { kind: 'delivered', providerId: 'm1', duplicate: false }, undefined, plus(10));
      await store.deliveries.settle('citizens', '2/zalo-zns', { kind: 'dead', error: 'refused' }, undefined, plus(20));
      expect(await store.deliveries.purgeSettled(plus(15), 100)).toBe(1);
      expect(await store.deliveries.get('citizens', '1/zalo-zns')).toBeNull();
      expect(await store.deliveries.purgeSettled(plus(100), 100)).toBe(1);
      expect(await store.deliveries.get('citizens', '3/zalo-zns')).toMatchObject({ state: 'pending' });
      expect((await store.deliveries.dayCounts('citizens', null, day('2026-03-02'), day('2026-03-02'))).map((c) => [c.outcome, c.count])).toEqual([['failed', 1], ['sent', 1]]);
    });

    it('refuses a planning or an outcome from a replica whose lease moved on, writing nothing', async () => {
      const now = new Date();
      const lease = (await store.leases.acquire('delivery:citizens', 'a', 1000, now))!;
      const fence = { name: lease.name, holder: lease.holder, token: lease.token };
      expect(await store.deliveries.plan('citizens', { afterSeq: await store.deliveries.cursor('citizens'), throughSeq: 1, deliveries: [message(1, 'zalo-zns')], counts: [] }, fence, now)).toBe(true);
      const later = new Date(now.getTime() + 5000);
      await store.leases.acquire('delivery:citizens', 'b', 1000, later);
      await expect(store.deliveries.settle('citizens', '1/zalo-zns', { kind: 'delivered', providerId: 'x', duplicate: false }, fence, later)).rejects.toMatchObject({ extensions: { code: 'LEASE_LOST' } });
      await expect(store.deliveries.plan('citizens', { afterSeq: 1, throughSeq: 2, deliveries: [message(2, 'zalo-zns')], counts: [] }, fence, later)).rejects.toMatchObject({ extensions: { code: 'LEASE_LOST' } });
      expect(await store.deliveries.get('citizens', '1/zalo-zns')).toMatchObject({ state: 'pending' });
      expect(await store.deliveries.get('citizens', '2/zalo-zns')).toBeNull();
      expect(await store.deliveries.cursor('citizens')).toBe(1);
    });

    describe('webhooks', () => {
      it('keeps a registration with its secret, and lists the webhooks of a jurisdiction oldest first', async () => {
        await store.webhooks.create(webhook('wh-commune', '000.01.41.H56', plus(2)), 20);
        await store.webhooks.create(webhook('wh-district', '000.00.41.H56', plus(1)), 20);
        await store.webhooks.create(webhook('wh-other', '000.00.42.H56', plus(3)), 20);
        await store.webhooks.create(webhook('wh-h41', '000.00.00.H41', plus(4)), 20);
        expect(await store.webhooks.get('wh-commune')).toEqual(webhook('wh-commune', '000.01.41.H56', plus(2)));
        expect(await store.webhooks.get('wh-none')).toBeNull();
        expect((await store.webhooks.list({ depth: 2, path: 'H56.41' })).map((w) => w.id)).toEqual(['wh-district', 'wh-commune']);
        expect((await store.webhooks.list({ depth: 1, path: 'H56' })).map((w) => w.id)).toEqual(['wh-district', 'wh-commune', 'wh-other']);
        expect((await store.webhooks.list(null)).map((w) => w.id)).toEqual(['wh-district', 'wh-commune', 'wh-other', 'wh-h41']);
        expect(await store.webhooks.countOf('000.00.41.H56')).toBe(1);
        expect(await store.webhooks.delete('wh-district')).toBe(true);
        expect(await store.webhooks.delete('wh-district')).toBe(false);
        expect((await store.webhooks.list({ depth: 2, path: 'H56.41' })).map((w) => w.id)).toEqual(['wh-commune']);
      });

      it('lists registrations without their secrets, and refuses one past the cap of its agency even when all are made at once', async () => {
        const made = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((n, i) => store.webhooks.create(webhook(`wh-${n}`, '000.00.41.H56', plus(i)), 3)));
        expect(made.filter(Boolean)).toHaveLength(3);
        expect(await store.webhooks.countOf('000.00.41.H56')).toBe(3);
        // Another agency's cap is its own.
        expect(await store.webhooks.create(webhook('wh-f', '000.00.42.H56', plus(9)), 3)).toBe(true);
        const [listed] = await store.webhooks.list({ depth: 2, path: 'H56.41' });
        expect(listed).not.toHaveProperty('secret');
        const found = await store.webhooks.find('wh-f');
        expect(found).toEqual({ ...webhook('wh-f', '000.00.42.H56', plus(9)), secret: undefined });
        expect(found).not.toHaveProperty('secret');
        expect(await store.webhooks.find('wh-none')).toBeNull();
      });
    });
  });
}
