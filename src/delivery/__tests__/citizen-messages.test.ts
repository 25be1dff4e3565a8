import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSmsBrandnameSimulator, type SmsBrandnameSimulator } from '../../../simulators/sms-brandname';
import { startZaloZnsSimulator, type ZaloZnsSimulator } from '../../../simulators/zalo-zns';
import { vietnamDayOfMs } from '../../domain';
import { createSilentLogger } from '../../log';
import { notificationsFromConfig, trackingIdOf, type Notifications } from '../../notifications';
import type { Store } from '../../store';
import { CITIZENS_CONSUMER, createCitizenMessages } from '../citizen-messages';
import { createChangeDispatcher, type ChangeDispatcher } from '../create-change-dispatcher';
import { notificationsSection, openStore, record, withStatus, write } from './delivery-fixture';

const logger = createSilentLogger();

describe('citizens\' status messages from the change log', () => {
  let zalo: ZaloZnsSimulator;
  let sms: SmsBrandnameSimulator;
  let store: Store;
  let notifications: Notifications;
  const opened: Array<{ close(): Promise<void> }> = [];

  /** A dispatcher of this store's citizens' messages, retrying at once (no random wait) up to 3 tries. */
  const dispatcher = (holder = 'replica-a'): ChangeDispatcher =>
    createChangeDispatcher({ store, consumer: createCitizenMessages({ store, notifications }), logger, holder, maxAttempts: 3, random: () => 0, pollMs: 20 });

  async function start(options: Parameters<typeof notificationsSection>[2] = {}, zaloOptions: Parameters<typeof startZaloZnsSimulator>[0] = {}): Promise<void> {
    [zalo, sms] = await Promise.all([startZaloZnsSimulator({ refreshToken: 'rt-1', ...zaloOptions }), startSmsBrandnameSimulator()]);
    store = await openStore();
    notifications = notificationsFromConfig(
      notificationsSection({ url: zalo.url, oauthUrl: zalo.oauthUrl, appId: zalo.appId, secretKey: zalo.secretKey, refreshToken: 'rt-1' }, { url: sms.url, apiKey: sms.apiKey, secretKey: sms.secretKey }, options),
      { dataDir: mkdtempSync(path.join(tmpdir(), 'lienthong-zalo-')) },
    )!;
    opened.push(zalo, sms, store, notifications);
    // The OA's access token is fetched now (readiness reads the quota with it), so `failNext` hits sends, not the token refresh.
    await Promise.all(notifications.connectors.map((c) => c.checkReady()));
  }

  afterEach(async () => {
    for (const o of opened.splice(0).reverse()) await o.close();
  });

  it('sends one Vietnamese Zalo message per status change, only where the applicant consented and a mobile is known, and counts why not elsewhere', async () => {
    await start();
    const an = record('000.06.00.H41-240315-0001');
    const landline = record('000.06.00.H41-240315-0002', {}, { phone: '0238 3844 123' });
    const noConsent = record('000.00.41.H56-240315-0003');
    // Read for the first time: history, announced to no one.
    await write(store, an, landline, noConsent);
    await dispatcher().drain();
    // The cursor starts at the log's head when the consumer first runs; these are the changes after it.
    await write(store, withStatus(an, 4), withStatus(landline, 4), withStatus(noConsent, 9), { ...an, summary: 'đổi trích yếu', status: { code: 4, vendorCode: '4', vendorLabel: null } });
    await dispatcher().drain();

    expect(zalo.state().messages.map(({ phone, templateId, templateData, trackingId }) => ({ phone, templateId, templateData, trackingId }))).toEqual([
      {
        phone: '84912345678',
        templateId: '400104',
        templateData: { customer_name: 'N.V. An', dossier_code: '000.06.00.H41-240315-0001', status: 'Đang xử lý', agency_name: 'UBND xã Thanh Thái', appointment_date: '20/03/2024' },
        trackingId: trackingIdOf('000.06.00.H41-240315-0001', 2, 'zalo-zns'),
      },
    ]);
    expect(sms.state().messages).toEqual([]);
    const today = vietnamDayOfMs(Date.now());
    expect(await store.deliveries.dayCounts(CITIZENS_CONSUMER, { depth: 1, path: 'H41' }, today, today)).toEqual([
      { day: today, channel: 'none', outcome: 'NO_MOBILE_PHONE', count: 1 },
      { day: today, channel: 'zalo-zns', outcome: 'sent', count: 1 },
    ]);
    expect(await store.deliveries.dayCounts(CITIZENS_CONSUMER, { depth: 1, path: 'H56' }, today, today)).toEqual([{ day: today, channel: 'none', outcome: 'NO_CONSENT', count: 1 }]);
    // Draining again sends nothing more: each change is planned once and delivered once.
    await dispatcher().drain();
    expect(zalo.state().messages).toHaveLength(1);
  });

  it('sends the SMS fallback only when Zalo failed for good, and counts both', async () => {
    await start({}, { phonesWithoutZalo: ['84912345678'] });
    const an = record('000.06.00.H41-240315-0001');
    await write(store, an);
    await dispatcher().drain();
    await write(store, withStatus(an, 9));
    await dispatcher().drain();
    expect(zalo.state().messages).toEqual([]);
    expect(sms.state().messages.map((m) => [m.phone, m.content])).toEqual([['84912345678', 'UBND xa Thanh Thai: Ho so 000.06.00.H41-240315-0001 cua N.V. An da co ket qua. Moi ong/ba den nhan ket qua.']]);
    const today = vietnamDayOfMs(Date.now());
    expect(await store.deliveries.dayCounts(CITIZENS_CONSUMER, null, today, today)).toEqual([
      { day: today, channel: 'sms-brandname', outcome: 'sent', count: 1 },
      { day: today, channel: 'zalo-zns', outcome: 'failed', count: 1 },
    ]);
  });

  it('tries again after a refusal that may pass (Zalo\'s rate limit) and sends the message once, without the fallback', async () => {
    await start();
    const an = record('000.06.00.H41-240315-0001');
    await write(store, an);
    await dispatcher().drain();
    zalo.failNext(2, { error: -32, message: 'Vượt quá giới hạn' });
    await write(store, withStatus(an, 4));
    const rounds = await dispatcher().drain();
    expect(rounds.map((r) => [r.retried, r.sent])).toEqual([[1, 0], [1, 0], [0, 1], [0, 0]]);
    expect(zalo.state().messages).toHaveLength(1);
    expect(sms.state().messages).toEqual([]);
    expect(await store.deliveries.get(CITIZENS_CONSUMER, `${(await store.dossiers.changesAfter(1, 1))[0]!.seq}/zalo-zns`)).toMatchObject({ state: 'delivered', attempts: 2, lastError: expect.stringContaining('-32') });
  });

  it('gives up after its tries when the refusal lasts, then sends the fallback', async () => {
    await start();
    const an = record('000.06.00.H41-240315-0001');
    await write(store, an);
    await dispatcher().drain();
    zalo.failNext(3, { error: -32 });
    await write(store, withStatus(an, 4));
    await dispatcher().drain();
    expect(zalo.state().messages).toEqual([]);
    expect(sms.state().messages).toHaveLength(1);
    expect((await store.deliveries.dead(CITIZENS_CONSUMER, { first: 10 })).items.map((d) => [d.target, d.attempts])).toEqual([['zalo-zns', 3]]);
  });

  it('records a message the provider had already taken (sent before a crash, its outcome never written) as a duplicate, and the citizen gets it once', async () => {
    await start();
    const an = record('000.06.00.H41-240315-0001');
    await write(store, an);
    await dispatcher().drain();
    await write(store, withStatus(an, 4));
    // What a process killed after Zalo took the message did: the send, with the change's tracking id.
    await notifications.channels['zalo-zns']!.send({ phone: '0912345678', templateId: '400104', templateData: { customer_name: 'N.V. An', dossier_code: an.code, status: 'Đang xử lý', agency_name: 'UBND xã Thanh Thái', appointment_date: '20/03/2024' }, trackingId: trackingIdOf(an.code, 2, 'zalo-zns') });
    await dispatcher().drain();
    expect(zalo.state().messages).toHaveLength(1);
    expect((await store.deliveries.due(CITIZENS_CONSUMER, new Date(Date.now() + 3_600_000), 10))).toEqual([]);
    const [delivery] = (await store.dossiers.changesAfter(1, 1)).map((c) => `${c.seq}/zalo-zns`);
    expect(await store.deliveries.get(CITIZENS_CONSUMER, delivery!)).toMatchObject({ state: 'delivered', duplicate: true, providerId: zalo.state().messages[0]!.msgId });
  });

  it('sends each message once when two replicas drain at the same time', async () => {
    await start();
    const records = Array.from({ length: 12 }, (_, i) => record(`000.06.00.H41-240315-${String(i + 1).padStart(4, '0')}`, {}, { phone: `09123456${String(i).padStart(2, '0')}` }));
    await write(store, ...records);
    await dispatcher().drain();
    await write(store, ...records.map((r) => withStatus(r, 4)));
    await Promise.all([dispatcher('replica-a').drain(), dispatcher('replica-b').drain(), dispatcher('replica-c').drain()]);
    await dispatcher('replica-a').drain();
    expect(zalo.state().messages.map((m) => m.templateData.dossier_code).sort()).toEqual(records.map((r) => r.code));
    // Zalo would take a repeated tracking id as a duplicate, so the sends themselves are counted: one each, none repeated.
    expect(zalo.stats.byOperation.sendTemplate).toBe(12);
  });
});
