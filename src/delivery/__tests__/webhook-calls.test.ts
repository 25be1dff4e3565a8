import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/utils/webhook-receiver';
import { createSilentLogger } from '../../log';
import { createStore, type Store } from '../../store';
import { createChangeDispatcher, type ChangeDispatcher } from '../create-change-dispatcher';
import { webhookAddressRefusal } from '../webhook-address';
import { WEBHOOKS_CONSUMER, createWebhookCalls, webhookEventId } from '../webhook-calls';
import { createWebhookRegistry, type WebhookRegistry } from '../webhook-registry';
import { openStore, record, withStatus, write } from './delivery-fixture';

const logger = createSilentLogger();
const by = { subject: 'can-bo-huyen', clientId: 'ung-dung-huyen' };

describe('webhook calls from the change log', () => {
  let store: Store;
  let registry: WebhookRegistry;
  let receivers: WebhookReceiver[];
  const dispatcher = (): ChangeDispatcher => createChangeDispatcher({ store, consumer: createWebhookCalls({ store, logger, timeoutMs: 2000, allowLoopback: true }), logger, holder: 'replica-a', maxAttempts: 4, random: () => 0 });

  beforeEach(async () => {
    store = await openStore();
    registry = createWebhookRegistry({ store, allowHttp: true, allowLoopback: true });
    receivers = [];
  });
  afterEach(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await store.close();
  });

  async function receiverFor(agency: string): Promise<WebhookReceiver> {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    receiver.secret = (await registry.register({ agency, url: receiver.url }, by)).secret;
    return receiver;
  }

  it('posts each status change, signed, to the webhooks of the agencies that hold the dossier, and to no other', async () => {
    const district = await receiverFor('000.00.41.H56');
    const province = await receiverFor('000.00.00.H56');
    const otherDistrict = await receiverFor('000.00.42.H56');
    const ward = record('000.01.41.H56-240315-0007', { procedureCode: '1.001612', appointmentAt: '2024-03-20T10:00:00+07:00' });
    await write(store, ward);
    await dispatcher().drain();
    await write(store, withStatus(ward, 4));
    await dispatcher().drain();

    expect(otherDistrict.calls).toEqual([]);
    for (const receiver of [district, province]) {
      expect(receiver.calls).toHaveLength(1);
      const [call] = receiver.calls;
      expect(call!.verdict).toMatchObject({ ok: true });
      const hookId = (await registry.list(receiver === district ? '000.00.41.H56' : '000.00.00.H56')).find((h) => h.url === receiver.url)!.id;
      expect(JSON.parse(call!.body)).toEqual({
        id: webhookEventId(hookId, ward.code, 2),
        type: 'dossier.status_changed',
        occurredAt: expect.any(String),
        data: {
          dossierCode: '000.01.41.H56-240315-0007',
          version: 2,
          agencyCode: '000.01.41.H56',
          procedureCode: '1.001612',
          previousStatus: { code: 2, label: 'Được tiếp nhận' },
          status: { code: 4, label: 'Đang xử lý' },
          appointmentAt: '2024-03-20T10:00:00+07:00',
        },
      });
      expect(call!.headers['x-lienthong-event-id']).toBe(JSON.parse(call!.body).id);
      expect(call!.headers['content-type']).toBe('application/json; charset=utf-8');
      // Signed with the secret answered at registration, and with no other.
      expect(call!.headers['x-lienthong-timestamp']).toBe(/t=(\d+)/.exec(String(call!.headers['x-lienthong-signature']))![1]);
    }
    expect(district.calls[0]!.body).not.toContain('Nguyễn Văn An');
  });

  it('tries a failing receiver again with the same body and event id, freshly signed, until it answers 2xx', async () => {
    const receiver = await receiverFor('000.00.41.H56');
    receiver.failNext(500, 503);
    const ward = record('000.01.41.H56-240315-0007');
    await write(store, ward);
    await dispatcher().drain();
    await write(store, withStatus(ward, 5));
    const rounds = await dispatcher().drain();
    expect(rounds.map((r) => [r.retried, r.sent])).toEqual([[1, 0], [1, 0], [0, 1], [0, 0]]);
    expect(receiver.calls.map((c) => [c.answered, c.verdict.ok])).toEqual([[500, true], [503, true], [204, true]]);
    expect(new Set(receiver.calls.map((c) => c.body)).size).toBe(1);
    expect(new Set(receiver.calls.map((c) => c.headers['x-lienthong-event-id'])).size).toBe(1);
    const [delivery] = (await store.deliveries.due(WEBHOOKS_CONSUMER, new Date(Date.now() + 86_400_000), 10));
    expect(delivery).toBeUndefined();
  });

  it('keeps a call refused for good (410 Gone) or out of tries as a dead letter, and sends it again once retried', async () => {
    const gone = await receiverFor('000.00.41.H56');
    const broken = await receiverFor('000.00.41.H56');
    gone.failNext(410);
    broken.failNext(500, 500, 500, 500);
    const ward = record('000.01.41.H56-240315-0007');
    await write(store, ward);
    await dispatcher().drain();
    await write(store, withStatus(ward, 4));
    await dispatcher().drain();
    expect([gone.calls.length, broken.calls.length]).toEqual([1, 4]);
    const dead = await registry.deadLetters({ first: 10 });
    expect(dead.items.map((d) => [d.attempts, d.lastError]).sort()).toEqual([
      [1, 'UPSTREAM_ERROR: the receiver answered HTTP 410'],
      [4, 'UPSTREAM_ERROR: the receiver answered HTTP 500'],
    ]);
    expect(await registry.retryDeadLetters({ ids: dead.items.map((d) => d.id) })).toBe(2);
    await dispatcher().drain();
    expect([gone.calls.map((c) => c.answered), broken.calls.map((c) => c.answered)]).toEqual([[410, 204], [500, 500, 500, 500, 204]]);
    expect((await registry.deadLetters({ first: 10 })).items).toEqual([]);
  });

  it('cancels what was still to send to a webhook once it is deleted', async () => {
    const receiver = await receiverFor('000.00.41.H56');
    receiver.failNext(503);
    const ward = record('000.01.41.H56-240315-0007');
    await write(store, ward);
    await dispatcher().drain();
    await write(store, withStatus(ward, 4));
    await dispatcher().drain(1);
    const [hook] = await registry.list('000.00.41.H56');
    expect(await registry.delete(hook!.id)).toBe(true);
    expect(await registry.delete(hook!.id)).toBe(false);
    await dispatcher().drain();
    expect(receiver.calls.map((c) => c.answered)).toEqual([503]);
    expect(await store.deliveries.depth(WEBHOOKS_CONSUMER)).toEqual({ pending: 0, held: 0, dead: 0, oldestPendingAt: null });
  });

  it('refuses a registration it could not deliver or keep safely, saying what arrived', async () => {
    const strict = createWebhookRegistry({ store, maxPerAgency: 1 });
    const refusal = (message: RegExp) => expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }), message: expect.stringMatching(message) });
    await expect(strict.register({ agency: '000.00.41.H56', url: 'http://ung-dung.example.gov.vn/hooks' }, by)).rejects.toEqual(refusal(/must be an https URL/));
    await expect(strict.register({ agency: '000.00.41.H56', url: 'https://user:pass@ung-dung.example.gov.vn/hooks' }, by)).rejects.toEqual(refusal(/credentials/));
    await expect(strict.register({ agency: '000.00.41.H56', url: '/hooks' }, by)).rejects.toEqual(refusal(/absolute URL/));
    await expect(strict.register({ agency: 'H56', url: 'https://a.example.gov.vn/' }, by)).rejects.toEqual(refusal(/agency code/));
    await expect(strict.register({ agency: '000.00.41.H56', url: 'https://a.example.gov.vn/', events: ['dossier.deleted'] }, by)).rejects.toEqual(refusal(/"events"/));
    await expect(strict.register({ agency: '000.00.41.H56', url: 'https://a.example.gov.vn/', secret: 'short' }, by)).rejects.toEqual(refusal(/got 5 characters/));
    const made = await strict.register({ agency: '000.00.41.H56', url: 'https://a.example.gov.vn/hooks' }, by);
    expect(made).toMatchObject({ agencyCode: '000.00.41.H56', url: 'https://a.example.gov.vn/hooks', events: ['dossier.status_changed'], createdBy: by });
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await expect(strict.register({ agency: '000.00.41.H56', url: 'https://b.example.gov.vn/hooks' }, by)).rejects.toEqual(refusal(/has 1 webhooks already/));
  });

  it('counts and keeps a registration in one step, so registrations made at once never pass maxPerAgency', async () => {
    const capped = createWebhookRegistry({ store, maxPerAgency: 2 });
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => capped.register({ agency: '000.00.41.H56', url: `https://ung-dung.example.gov.vn/hooks/${i}` }, by)));
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.extensions.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(await store.webhooks.countOf('000.00.41.H56')).toBe(2);
  });

  it('fails only the calls of a webhook whose secret does not unseal, and goes on calling the others', async () => {
    // The first webhook's secret is sealed under a data key the store is then reopened without.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-unsealable-'));
    const lost = await createStore({ dataDir, dataKeyring: { activeKeyId: 'lost', keys: new Map([['lost', randomBytes(32)]]) } });
    const unreadable = await startWebhookReceiver();
    receivers.push(unreadable);
    await createWebhookRegistry({ store: lost, allowHttp: true, allowLoopback: true }).register({ agency: '000.00.41.H56', url: unreadable.url }, by);
    await lost.close();
    await store.close();
    store = await createStore({ dataDir, dataKeyring: { activeKeyId: 'k2', keys: new Map([['k2', randomBytes(32)]]) } });
    registry = createWebhookRegistry({ store, allowHttp: true, allowLoopback: true });
    const readable = await receiverFor('000.00.41.H56');
    const ward = record('000.01.41.H56-240315-0007');
    await write(store, ward);
    await dispatcher().drain();
    await write(store, withStatus(ward, 4));
    await dispatcher().drain();
    expect(readable.calls.map((c) => [c.answered, c.verdict.ok])).toEqual([[204, true]]);
    expect(unreadable.calls).toEqual([]);
    const dead = await registry.deadLetters({ first: 10 });
    expect(dead.items.map((d) => [d.attempts, d.lastError])).toEqual([[4, expect.stringMatching(/^STORE_UNAVAILABLE: the webhook's signing secret could not be unsealed \(record of wh_\w+ is sealed under data key "lost", which is not configured\)$/)]]);
    // Still readable without its secret, so whoever acts for the agency can delete it and register anew.
    const broken = dead.items[0]!.target;
    expect(await registry.get(broken)).toMatchObject({ id: broken, url: unreadable.url });
    expect(await registry.delete(broken)).toBe(true);
  });

  describe('addresses a webhook may not call', () => {
    const refusal = (message: RegExp) => expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }), message: expect.stringMatching(message) });

    it('refuses at registration a URL naming this machine or its link, in any spelling, and keeps the private networks agencies live on', async () => {
      const open = createWebhookRegistry({ store, maxPerAgency: 100 });
      const refused: Array<[string, RegExp]> = [
        ['https://127.0.0.1:4732/metrics', /127\.0\.0\.1 is a loopback address/],
        ['https://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
        ['https://[::1]:4731/graphql', /\[::1\] is a loopback address/],
        ['https://localhost:22/', /localhost is a loopback name/],
        ['https://LOCALHOST./', /localhost\. is a loopback name/],
        ['https://api.localhost/', /api\.localhost is a loopback name/],
        // The URL parser reads these as 127.0.0.1 (hex, one number, short form).
        ['https://0x7f000001/', /127\.0\.0\.1 is a loopback address/],
        ['https://2130706433/', /127\.0\.0\.1 is a loopback address/],
        ['https://127.1/', /127\.0\.0\.1 is a loopback address/],
        ['https://[::ffff:127.0.0.1]/', /\[::ffff:7f00:1\] is a loopback address/],
        ['https://[::ffff:a9fe:a9fe]/', /is a link-local address/],
        ['https://[fe80::1]/', /is a link-local address/],
        ['https://0.0.0.0/', /is an unspecified address/],
        ['https://[::]/', /is an unspecified address/],
        ['https://224.0.0.1/', /is a multicast address/],
        ['https://[ff02::1]/', /is a multicast address/],
        ['https://255.255.255.255/', /is a reserved or broadcast address/],
      ];
      for (const [url, reason] of refused) {
        await expect(open.register({ agency: '000.00.41.H56', url }, by)).rejects.toEqual(refusal(reason));
      }
      for (const url of ['https://10.20.30.40/hooks', 'https://172.16.0.9/hooks', 'https://192.168.1.10/hooks', 'https://[fd00::7]/hooks', 'https://mot-cua.huyen.gov.vn/hooks']) {
        await expect(open.register({ agency: '000.00.41.H56', url }, by)).resolves.toMatchObject({ url });
      }
      // allowLoopback lets the tests' own receiver in, and nothing else.
      const tests = createWebhookRegistry({ store, maxPerAgency: 100, allowLoopback: true });
      await expect(tests.register({ agency: '000.00.41.H56', url: 'https://127.0.0.1:8443/' }, by)).resolves.toMatchObject({ url: 'https://127.0.0.1:8443/' });
      await expect(tests.register({ agency: '000.00.41.H56', url: 'https://169.254.169.254/' }, by)).rejects.toEqual(refusal(/is a link-local address/));
    });

    it('never contacts a refused address at call time, whether named by the URL or by what its name resolves to, and says why the call failed', async () => {
      // Kept in the store directly, as a registration made before the rule, or a name rebound to loopback after it, would be.
      const receiver = await startWebhookReceiver();
      receivers.push(receiver);
      const port = new URL(receiver.url).port;
      for (const [id, url] of [['wh_literal', `http://127.0.0.1:${port}/`], ['wh_name', `http://localhost:${port}/`]] as const) {
        await store.webhooks.create({ id, agencyCode: '000.00.41.H56', url, events: ['dossier.status_changed'], secret: `whsec_${'x'.repeat(40)}`, createdBy: by, createdAt: new Date() }, 20);
      }
      const guarded = createChangeDispatcher({ store, consumer: createWebhookCalls({ store, logger, timeoutMs: 2000 }), logger, holder: 'replica-a', maxAttempts: 4, random: () => 0 });
      const ward = record('000.01.41.H56-240315-0007');
      await write(store, ward);
      await guarded.drain();
      await write(store, withStatus(ward, 4));
      await guarded.drain();
      expect(receiver.calls).toEqual([]);
      const dead = (await registry.deadLetters({ first: 10 })).items.map((d) => [d.target, d.attempts, d.lastError]).sort();
      expect(dead).toEqual([
        ['wh_literal', 1, "UPSTREAM_UNAVAILABLE: not called: the webhook's address 127.0.0.1 is a loopback address"],
        ['wh_name', 1, expect.stringMatching(/^UPSTREAM_UNAVAILABLE: not called: the webhook's host localhost resolves only to addresses a webhook may not call \((127\.0\.0\.1|::1) is a loopback address/)],
      ]);
      // Where loopback is allowed, the same name is looked up and connected to through the same guard.
      expect(await registry.retryDeadLetters({ webhookId: 'wh_name' })).toBe(1);
      await createChangeDispatcher({ store, consumer: createWebhookCalls({ store, logger, timeoutMs: 2000, allowLoopback: true }), logger, holder: 'replica-a', maxAttempts: 4, random: () => 0 }).drain();
      expect(receiver.calls.map((c) => c.answered)).toEqual([204]);
    });

    it('judges the addresses DNS answers as they are written there, IPv4-mapped and zoned ones among them', () => {
      expect(webhookAddressRefusal('::ffff:127.0.0.1')).toBe('is a loopback address');
      expect(webhookAddressRefusal('::ffff:169.254.169.254')).toBe('is a link-local address (cloud metadata among them)');
      expect(webhookAddressRefusal('fe80::1%eth0')).toBe('is a link-local address (cloud metadata among them)');
      expect(webhookAddressRefusal('127.8.9.10')).toBe('is a loopback address');
      expect(webhookAddressRefusal('127.8.9.10', { allowLoopback: true })).toBeNull();
      expect(webhookAddressRefusal('::ffff:10.0.0.1')).toBeNull();
      expect(webhookAddressRefusal('100.64.0.1')).toBeNull();
      expect(webhookAddressRefusal('not-an-address')).toBe('is not an IP address');
    });
  });
});
