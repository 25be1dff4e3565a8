import { startWebhookReceiver, type WebhookReceiver } from '../../../test/utils/webhook-receiver';
import { createSilentLogger } from '../../log';
import type { Store } from '../../store';
import { createChangeDispatcher, type ChangeDispatcher } from '../create-change-dispatcher';
import { WEBHOOKS_CONSUMER, createWebhookCalls, webhookEventId } from '../webhook-calls';
import { createWebhookRegistry, type WebhookRegistry } from '../webhook-registry';
import { openStore, record, withStatus, write } from './delivery-fixture';

const logger = createSilentLogger();
const by = { subject: 'can-bo-huyen', clientId: 'ung-dung-huyen' };

describe('webhook calls from the change log', () => {
  let store: Store;
  let registry: WebhookRegistry;
  let receivers: WebhookReceiver[];
  const dispatcher = (): ChangeDispatcher => createChangeDispatcher({ store, consumer: createWebhookCalls({ store, timeoutMs: 2000 }), logger, holder: 'replica-a', maxAttempts: 4, random: () => 0 });

  beforeEach(async () => {
    store = await openStore();
    registry = createWebhookRegistry({ store, allowHttp: true });
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
});
