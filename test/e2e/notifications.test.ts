import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { isWithinAgency } from '../../src/domain';
import { parsePrometheusText } from '../../src/metrics/testing/parse-prometheus-text';
import type { StatusChange } from '../../simulators/one-stop';
import { startTestGateway, type Caller, type TestGateway } from '../utils/gateway';
import { startWebhookReceiver, type WebhookReceiver } from '../utils/webhook-receiver';

/** The national labels (docs/sources.md, the portal's status table), written out here. */
const LABELS: Record<number, string> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

const CHANGE = /* GraphQL */ `
  subscription Changes($agency: String) {
    dossierStatusChanged(filter: { agency: $agency }) {
      id
      dossierCode
      agencyCode
      previousStatus { code label }
      status { code label }
      dossier { code applicant { name phone } }
    }
  }
`;

/** A status change as the gateway sees it: national statuses, the old one null when unmapped. */
interface Change {
  code: string;
  from: number | null;
  to: number;
}

interface ChangeEvent {
  id: string;
  dossierCode: string;
  agencyCode: string;
  previousStatus: { code: number; label: string } | null;
  status: { code: number; label: string };
  dossier: { code: string; applicant: { name: string | null; phone: string | null } } | null;
}

/** A graphql-ws connection as one caller: the token in `connectionParams`, or in the upgrade's Authorization header. */
function connect(gw: TestGateway, caller: Caller, via: 'connectionParams' | 'header' = 'connectionParams'): Client {
  const authorization = caller.authorization;
  const WithHeader = class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { authorization } });
    }
  };
  return createClient({
    url: `${gw.url.replace(/^http/, 'ws')}/graphql/ws`,
    webSocketImpl: via === 'header' ? WithHeader : WebSocket,
    ...(via === 'connectionParams' ? { connectionParams: { authorization } } : {}),
    retryAttempts: 0,
    lazy: false,
    // Closes are what these tests look at; graphql-ws would print each to the console.
    onNonLazyError: () => undefined,
  });
}

/** Collects a subscription's events until `stop`. */
function collect(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const events: ChangeEvent[] = [];
  const errors: unknown[] = [];
  const stop = client.subscribe<{ dossierStatusChanged: ChangeEvent }>(
    { query, variables },
    { next: (result) => (result.data ? events.push(result.data.dossierStatusChanged) : errors.push(result.errors)), error: (error) => errors.push(error), complete: () => undefined },
  );
  return { events, errors, stop };
}

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('status changes delivered to subscriptions, webhooks and citizens', () => {
  let gw: TestGateway;
  let receiver: WebhookReceiver;
  const clients: Client[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({
      dossiersPerProvince: 500,
      notifications: true,
      server: { metrics: true, metricsPort: 0 },
      delivery: { pollMs: 50, subscriptions: { pollMs: 50 }, webhooks: { allowHttp: true, allowLoopback: true, retries: { backoffBaseMs: 20, backoffMaxMs: 100 } } },
    });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await receiver?.close();
    await gw?.close();
  });

  it('delivers a province\'s status changes: each officer\'s subscription gets its jurisdiction\'s and nothing else, a registered webhook gets them signed through a failing receiver, and each applicant one Zalo message in Vietnamese', async () => {
    const h56 = gw.provinces[0]!;
    const district = gw.as('district-officer');
    const commune = gw.as('commune-officer');
    // Another district of Thanh Hóa: the one with the most dossiers besides the district officer's own.
    const byDistrict = new Map<string, number>();
    for (const dossier of h56.iterate()) {
      const [, , l2] = dossier.agencyCode.split('.');
      if (l2 !== '00' && l2 !== '41') byDistrict.set(`000.00.${l2}.H56`, (byDistrict.get(`000.00.${l2}.H56`) ?? 0) + 1);
    }
    const otherCode = [...byDistrict].sort((a, b) => b[1] - a[1])[0]![0];
    const otherDistrict = await gw.withClaims({ client_id: 'demo-one-stop-h56', sub: 'can-bo-huyen-khac-h56', agency: otherCode, scope: 'dossiers:read pii:read' });

    // The district registers its application's webhook; the secret comes back once.
    const registration = await district.graphql<{ registerWebhook: { secret: string; webhook: { id: string; agencyCode: string; events: string[] } } }>(
      /* GraphQL */ `mutation { registerWebhook(input: { agency: "000.00.41.H56", url: "${receiver.url}" }) { secret webhook { id agencyCode events } } }`,
    );
    expect(registration.errors).toBeUndefined();
    expect(registration.data!.registerWebhook.webhook).toMatchObject({ agencyCode: '000.00.41.H56', events: ['DOSSIER_STATUS_CHANGED'] });
    receiver.secret = registration.data!.registerWebhook.secret;
    receiver.failNext(500, 503);

    const subscriptions = {
      district: collect((clients[clients.length] = connect(gw, district, 'header')), CHANGE),
      commune: collect((clients[clients.length] = connect(gw, commune)), CHANGE),
      otherDistrict: collect((clients[clients.length] = connect(gw, otherDistrict)), CHANGE),
      filtered: collect((clients[clients.length] = connect(gw, district)), CHANGE, { agency: '000.01.41.H56' }),
    };
    // The feed starts at the head of the change log once the first subscriber is there.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const zaloBefore = gw.zalo.state().messages.length;

    // Status changes in Thanh Hóa's one-stop system, read by the gateway's sync. iGate shows a
    // dossier awaiting a deadline extension with its own status 10, which the national table
    // has no code for (the gateway records it as unmapped): the national statuses the gateway
    // sees before and after are written out from the simulator's dossiers by that rule.
    const seen = (awaitingExtension: boolean, status: number): number | null => (awaitingExtension ? null : status);
    const before = new Map([...h56.iterate()].map((d) => [d.code, seen(d.awaitingExtension, d.status)]));
    const changes: Change[] = h56
      .mutate({ count: 120 })
      .map((c: StatusChange) => ({ code: c.code, from: before.get(c.code) ?? null, to: seen(c.awaitingExtension, c.to) }))
      .filter((c): c is Change => c.to !== null && c.to !== c.from);
    await gw.running.sources.dossiers.syncAll();
    const agencyOf = (code: string) => h56.dossier(code)!.agencyCode;
    const within = (root: string) => changes.filter((c) => isWithinAgency(agencyOf(c.code), root));
    const expected = (list: Change[]) => list.map((c) => `${c.code} ${c.from}→${c.to}`).sort();
    const got = (events: ChangeEvent[]) => events.map((e) => `${e.dossierCode} ${e.previousStatus?.code ?? null}→${e.status.code}`).sort();
    expect(within('000.00.41.H56').length).toBeGreaterThan(0);
    expect(within('000.01.41.H56').length).toBeGreaterThan(0);
    expect(within(otherCode).length).toBeGreaterThan(0);

    await until('the subscriptions\' events', () =>
      subscriptions.district.events.length >= within('000.00.41.H56').length && subscriptions.otherDistrict.events.length >= within(otherCode).length && subscriptions.commune.events.length >= within('000.01.41.H56').length,
    );
    // Give a stray event outside the jurisdiction time to arrive, were one on its way.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(got(subscriptions.district.events)).toEqual(expected(within('000.00.41.H56')));
    expect(got(subscriptions.otherDistrict.events)).toEqual(expected(within(otherCode)));
    expect(got(subscriptions.commune.events)).toEqual(expected(within('000.01.41.H56')));
    expect(got(subscriptions.filtered.events)).toEqual(expected(within('000.01.41.H56')));
    expect(Object.values(subscriptions).flatMap((s) => s.errors)).toEqual([]);

    // Resolved through the schema: labels in Vietnamese, and @pii as in any query.
    const first = subscriptions.commune.events[0]!;
    const original = h56.dossier(first.dossierCode)!;
    expect(first.status.label).toBe(LABELS[first.status.code]);
    expect(first.dossier!.applicant.name).not.toBe(original.applicant.fullName);
    expect(first.dossier!.applicant.name).toMatch(/^(\p{Lu}\*\*\* ?)+$/u);
    expect(first.dossier!.applicant.phone).toBe(`${original.applicant.phone.slice(0, 3)}*****${original.applicant.phone.slice(-2)}`);
    const sameForDistrict = subscriptions.district.events.find((e) => e.dossierCode === first.dossierCode)!;
    expect(sameForDistrict.dossier!.applicant.name).toBe(original.applicant.fullName);

    // The webhook: every change of the district, signed, the first two calls refused and tried again.
    const delivered = await receiver.waitForDeliveries(within('000.00.41.H56').length);
    expect(delivered.map((c) => JSON.parse(c.body).data).map((d) => `${d.dossierCode} ${d.previousStatus.code}→${d.status.code}`).sort()).toEqual(expected(within('000.00.41.H56')));
    expect(receiver.calls.every((c) => c.verdict.ok)).toBe(true);
    expect(receiver.calls.map((c) => c.answered).slice(0, 2)).toEqual([500, 503]);
    expect(receiver.calls).toHaveLength(within('000.00.41.H56').length + 2);
    const retried = receiver.calls.slice(0, 2).map((c) => c.headers['x-lienthong-event-id']);
    for (const id of retried) expect(delivered.filter((c) => c.headers['x-lienthong-event-id'] === id)).toHaveLength(1);

    // Zalo: one message per change, in Vietnamese, with the new status's template.
    await until('the Zalo messages', () => gw.zalo.state().messages.length - zaloBefore >= changes.length);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const messages = gw.zalo.state().messages.slice(zaloBefore);
    expect(messages.map((m) => `${m.templateData.dossier_code} ${m.templateData.status}`).sort()).toEqual(
      changes.map((c) => `${c.code} ${c.to === 6 ? 'Yêu cầu nghĩa vụ tài chính' : LABELS[c.to]}`).sort(),
    );
    expect(messages.map((m) => m.templateId).sort()).toEqual(changes.map((c) => `4001${String(c.to).padStart(2, '0')}`).sort());
    for (const message of messages) expect(message.phone).toBe(`84${h56.dossier(message.templateData.dossier_code!)!.applicant.phone.slice(1)}`);
    expect(gw.sms.state().messages).toEqual([]);

    // Counted per day in the district's jurisdiction.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const statistics = await district.graphql<{ notificationStatistics: { days: Array<{ day: string; channels: Array<{ channel: string; sent: number; failed: number }>; skipped: Record<string, number> }> } }>(
      /* GraphQL */ `query($day: Date!) { notificationStatistics(agency: "000.00.41.H56", from: $day, to: $day) { days { day channels { channel sent failed } skipped { noConsent noMobilePhone } } } }`,
      { day: today },
    );
    expect(statistics.data!.notificationStatistics.days).toEqual([
      { day: today, channels: [{ channel: 'ZALO_ZNS', sent: within('000.00.41.H56').length, failed: 0 }, { channel: 'SMS_BRANDNAME', sent: 0, failed: 0 }], skipped: { noConsent: 0, noMobilePhone: 0 } },
    ]);

    // In /metrics: this replica's sends, today's counts from the store, nothing left waiting.
    const families = parsePrometheusText(await (await fetch(gw.running.gateway.app.metricsUrl!)).text());
    const sample = (family: string, labels: Record<string, string>) => families.get(family)?.samples.find((x) => Object.entries(labels).every(([k, v]) => x.labels[k] === v))?.value;
    expect(sample('lienthong_notifications_total', { channel: 'zalo-zns', outcome: 'sent' })).toBe(changes.length);
    expect(sample('lienthong_notifications_total', { channel: 'webhook', outcome: 'retry' })).toBe(2);
    expect(sample('lienthong_notifications_total', { channel: 'webhook', outcome: 'sent' })).toBe(within('000.00.41.H56').length);
    expect(sample('lienthong_notifications_today', { channel: 'zalo-zns', outcome: 'sent' })).toBe(changes.length);
    expect(sample('lienthong_outbox_depth', { consumer: 'citizens', state: 'pending' })).toBe(0);
    expect(sample('lienthong_outbox_depth', { consumer: 'webhooks', state: 'dead' })).toBe(0);

    // Read again: nothing is delivered twice.
    await gw.running.sources.dossiers.syncAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(gw.zalo.state().messages.length - zaloBefore).toBe(changes.length);
    expect(receiver.calls.filter((c) => c.answered < 300)).toHaveLength(within('000.00.41.H56').length);
  });
});
