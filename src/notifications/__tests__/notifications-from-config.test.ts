import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSmsBrandnameSimulator, type SmsBrandnameSimulator } from '../../../simulators/sms-brandname';
import { startZaloZnsSimulator, type ZaloZnsSimulator } from '../../../simulators/zalo-zns';
import { configSchema } from '../../config';
import { decideNotifications } from '../decide-notifications';
import { notificationsFromConfig, ZALO_TOKEN_FILE } from '../notifications-from-config';
import { dossierRecord } from './dossier-fixture';

const base = {
  auth: { issuer: 'i', audience: 'a', jwks: { keys: [{ kty: 'OKP' }] } },
  sources: { nationalProcedures: { url: 'http://127.0.0.1:1', dstcode: 'VN:GOV:000.00.00.G22:x', username: 'u', password: 'p' } },
};

describe('notifications from the config', () => {
  let zalo: ZaloZnsSimulator;
  let sms: SmsBrandnameSimulator;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'notifications-'));
  beforeAll(async () => {
    [zalo, sms] = await Promise.all([startZaloZnsSimulator({ refreshToken: 'configured-rt' }), startSmsBrandnameSimulator()]);
  });
  afterAll(async () => {
    await Promise.all([zalo.close(), sms.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds both channels, Zalo first, with the consent and template ids the config states, and keeps the rotated refresh token in the data directory', async () => {
    const config = configSchema.parse({
      ...base,
      notifications: {
        zaloZns: { url: zalo.url, oauthUrl: zalo.oauthUrl, appId: zalo.appId, secretKey: zalo.secretKey, refreshToken: 'configured-rt', templateIds: { '2': '400102' } },
        smsBrandname: { url: sms.url, apiKey: sms.apiKey, secretKey: sms.secretKey, brandname: 'UBND-TINH' },
        consent: { provinces: { H41: true } },
        statuses: [2, 9, 10],
      },
    });
    const notifications = notificationsFromConfig(config.notifications, { dataDir })!;
    expect(notifications.policy.channels).toEqual(['zalo-zns', 'sms-brandname']);
    const change = { dossierCode: '000.00.06.H41-240315-0001', version: 2, oldStatus: 1, newStatus: 2, agencyCode: '000.06.00.H41', at: '2024-03-15T09:00:00+07:00' };
    const { sends } = decideNotifications(change, dossierRecord(), notifications.policy);
    expect(decideNotifications({ ...change, newStatus: 4 }, dossierRecord(), notifications.policy).skipped).toBe('STATUS_NOT_ANNOUNCED');
    for (const send of sends) {
      const receipt = send.channel === 'zalo-zns' ? await notifications.channels['zalo-zns']!.send(send.message) : await notifications.channels['sms-brandname']!.send(send.message);
      expect(receipt.delivered).toBe(true);
    }
    expect(zalo.state().messages).toHaveLength(1);
    expect(sms.state().messages).toHaveLength(1);
    const kept = JSON.parse(readFileSync(path.join(dataDir, ZALO_TOKEN_FILE), 'utf8')) as { refreshToken: string };
    expect(kept.refreshToken).toBe(zalo.state().refreshToken);
    await expect(Promise.all(notifications.connectors.map((c) => c.checkReady()))).resolves.toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
    await notifications.close();
  });

  it('answers null without the section, and refuses a template id for a status outside 1–10', () => {
    expect(notificationsFromConfig(undefined, { dataDir })).toBeNull();
    const bad = configSchema.safeParse({ ...base, notifications: { zaloZns: { appId: 'a', secretKey: 's', refreshToken: 'r', templateIds: { '11': 'x' } } } });
    expect(bad.success).toBe(false);
  });
});
