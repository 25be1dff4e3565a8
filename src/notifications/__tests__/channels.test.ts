import { createSmsBrandnameConnector, type SmsMessage } from '../../../connectors/sms-brandname';
import { createZaloZnsConnector, type ZnsMessage } from '../../../connectors/zalo-zns';
import { startSmsBrandnameSimulator, type SmsBrandnameSimulator } from '../../../simulators/sms-brandname';
import { startZaloZnsSimulator, type ZaloZnsSimulator } from '../../../simulators/zalo-zns';
import { consentPolicy } from '../consent-policy';
import { decideNotifications } from '../decide-notifications';
import { rateLimitedChannel } from '../notification-channel';
import { STATUS_TEMPLATES, ZNS_PARAM_LIMITS } from '../templates';
import { dossierRecord } from './dossier-fixture';

describe('status messages through the channels', () => {
  let zalo: ZaloZnsSimulator;
  let sms: SmsBrandnameSimulator;
  beforeAll(async () => {
    [zalo, sms] = await Promise.all([startZaloZnsSimulator({ refreshToken: 'rt' }), startSmsBrandnameSimulator()]);
  });
  afterAll(async () => {
    await Promise.all([zalo.close(), sms.close()]);
  });

  it('are taken by the strict simulators for every status, each once, whatever the names', async () => {
    const templateLimits = Object.fromEntries(Object.values(STATUS_TEMPLATES).map((t) => [t.znsTemplateId, ZNS_PARAM_LIMITS]));
    const znsConnector = createZaloZnsConnector({ url: zalo.url, oauthUrl: zalo.oauthUrl, appId: zalo.appId, secretKey: zalo.secretKey, refreshToken: 'rt', templateLimits });
    const smsConnector = createSmsBrandnameConnector({ url: sms.url, apiKey: sms.apiKey, secretKey: sms.secretKey, brandname: 'UBND-TINH' });
    const record = dossierRecord(
      { agencyName: 'Trung tâm Phục vụ hành chính công tỉnh Nghệ An – Chi nhánh huyện Thanh Chương', appointmentAt: '2024-03-20T16:00:00+07:00' },
      { name: 'Tôn Nữ Thị Phương Thảo', phone: '+84 386-123-456' },
    );
    const policy = { channels: ['zalo-zns', 'sms-brandname'] as const, consent: consentPolicy({ byDefault: true }), statuses: new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), delivery: 'every-channel' as const };
    for (let status = 1; status <= 10; status++) {
      const { sends } = decideNotifications({ dossierCode: record.code, version: status, oldStatus: status === 1 ? null : status - 1, newStatus: status, agencyCode: record.agencyCode, at: '2024-03-15T09:00:00+07:00' }, record, policy);
      for (const send of sends) {
        // Sent twice, as after a crash between the send and its record: the provider keeps one.
        for (let i = 0; i < 2; i++) {
          const receipt = send.channel === 'zalo-zns' ? await znsConnector.send(send.message) : await smsConnector.send(send.message);
          expect(receipt).toMatchObject({ delivered: true, duplicate: i === 1 });
        }
      }
    }
    expect(zalo.state().messages.map((m) => m.templateId)).toEqual(Object.values(STATUS_TEMPLATES).map((t) => t.znsTemplateId));
    expect(zalo.state().messages.every((m) => m.phone === '84386123456' && m.templateData.customer_name === 'T.N.T.P. Thảo')).toBe(true);
    expect(sms.state().messages).toHaveLength(10);
    // The agency (78 characters plain) is shortened so the whole status-2 text is one segment.
    expect(sms.state().messages[1]!.content).toBe('Trung tam Phuc vu hanh chinh cong tinh Nghe An - Chi n...: Ho so 000.00.06.H41-240315-0001 cua T.N.T.P. Thao da duoc tiep nhan. Hen tra ket qua ngay 20/03/2024.');
    await Promise.all([znsConnector.close(), smsConnector.close()]);
  });

  it('waits for the channel\'s rate limit instead of sending a burst', async () => {
    const sent: number[] = [];
    const channel = rateLimitedChannel<SmsMessage | ZnsMessage>({ name: 'fake', send: async () => (sent.push(Date.now()), { delivered: true, providerId: null, duplicate: false, sentAt: null }) }, { capacity: 1, refillPerSecond: 10 });
    const started = Date.now();
    await Promise.all([1, 2, 3].map(() => channel.send({ phone: '0912345678', text: 'x', trackingId: 't' })));
    // One at once, then one per 100 ms: the third cannot go before 200 ms.
    expect(sent).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
