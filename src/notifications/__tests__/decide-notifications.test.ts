import { consentPolicy } from '../consent-policy';
import { decideNotifications, type DossierChange, type NotificationPolicy } from '../decide-notifications';
import { dossierRecord } from './dossier-fixture';

const change = (overrides: Partial<DossierChange> = {}): DossierChange => ({
  dossierCode: '000.00.06.H41-240315-0001',
  version: 4,
  oldStatus: 1,
  newStatus: 2,
  agencyCode: '000.06.00.H41',
  at: '2024-03-15T09:00:05+07:00',
  ...overrides,
});
const policy = (overrides: Partial<NotificationPolicy> = {}): NotificationPolicy => ({
  channels: ['zalo-zns', 'sms-brandname'],
  consent: consentPolicy({ provinces: { H41: true } }),
  statuses: new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  delivery: 'first-success',
  ...overrides,
});

describe('decideNotifications', () => {
  it('announces a status change on Zalo first and by SMS as the fallback, to the phone in 84… form', () => {
    const { sends, skipped } = decideNotifications(change(), dossierRecord(), policy());
    expect(skipped).toBeNull();
    expect(sends).toEqual([
      {
        channel: 'zalo-zns',
        trackingId: expect.stringMatching(/^lt-[0-9a-f]{32}$/),
        fallback: false,
        message: {
          phone: '84912345678',
          templateId: '400102',
          templateData: { customer_name: 'N.V. An', dossier_code: '000.00.06.H41-240315-0001', status: 'Được tiếp nhận', agency_name: 'UBND xã Thanh Thái', appointment_date: '20/03/2024' },
          trackingId: sends[0]!.trackingId,
        },
      },
      {
        channel: 'sms-brandname',
        trackingId: expect.stringMatching(/^lt-[0-9a-f]{32}$/),
        fallback: true,
        message: {
          phone: '84912345678',
          text: 'UBND xã Thanh Thái: Hồ sơ 000.00.06.H41-240315-0001 của N.V. An đã được tiếp nhận. Hẹn trả kết quả ngày 20/03/2024.',
          trackingId: sends[1]!.trackingId,
        },
      },
    ]);
    expect(sends[0]!.trackingId).not.toBe(sends[1]!.trackingId);
  });

  it('gives the same tracking ids to the same change every time, and new ones to the next change', () => {
    const once = decideNotifications(change(), dossierRecord(), policy()).sends.map((s) => s.trackingId);
    const again = decideNotifications(change(), dossierRecord({ agencyName: 'renamed meanwhile' }), policy()).sends.map((s) => s.trackingId);
    const next = decideNotifications(change({ version: 5, oldStatus: 2, newStatus: 4 }), dossierRecord(), policy()).sends.map((s) => s.trackingId);
    expect(again).toEqual(once);
    expect(next.some((id) => once.includes(id))).toBe(false);
  });

  it('never puts the ID number, the full name, the email or the address in a message', () => {
    const record = dossierRecord();
    const text = JSON.stringify(decideNotifications(change(), record, policy()).sends);
    for (const personal of [record.applicant.idNumber!, record.applicant.name!, record.applicant.email!, 'Xóm 3']) expect(text).not.toContain(personal);
  });

  it('sends on every channel when the policy says so, and with the deployment\'s template ids', () => {
    const { sends } = decideNotifications(change(), dossierRecord(), policy({ delivery: 'every-channel', znsTemplateIds: { 2: '231677' } }));
    expect(sends.map((s) => [s.channel, s.fallback])).toEqual([['zalo-zns', false], ['sms-brandname', false]]);
    expect(sends[0]!.channel === 'zalo-zns' && sends[0]!.message.templateId).toBe('231677');
  });

  it.each([
    ['the status did not change', change({ oldStatus: 2 }), dossierRecord(), policy(), 'NO_STATUS_CHANGE'],
    ['the new status is not mapped', change({ newStatus: null }), dossierRecord(), policy(), 'NO_STATUS_CHANGE'],
    ['the status is not announced', change(), dossierRecord(), policy({ statuses: new Set([9, 10]) }), 'STATUS_NOT_ANNOUNCED'],
    ['the province did not say its applicants consented', change({ dossierCode: '000.00.20.H56-240315-0001' }), dossierRecord({ code: '000.00.20.H56-240315-0001' }), policy(), 'NO_CONSENT'],
    ['the applicant has no phone', change(), dossierRecord({}, { phone: null }), policy(), 'NO_MOBILE_PHONE'],
    ['the phone is a landline', change(), dossierRecord({}, { phone: '0238 3844 123' }), policy(), 'NO_MOBILE_PHONE'],
    ['no channel is configured', change(), dossierRecord(), policy({ channels: [] }), 'NO_CHANNEL'],
  ])('sends nothing when %s', (_why, c, record, p, reason) => {
    expect(decideNotifications(c, record, p)).toEqual({ sends: [], skipped: reason });
  });

  it('refuses a record of another dossier than the change names', () => {
    expect(() => decideNotifications(change(), dossierRecord({ code: '000.00.06.H41-240315-0002' }), policy())).toThrow(/change 000.00.06.H41-240315-0001, record 000.00.06.H41-240315-0002/);
  });
});

describe('consentPolicy', () => {
  it('follows the province of the dossier code, then the default', () => {
    const consent = consentPolicy({ byDefault: true, provinces: { H48: false } });
    expect(consent(dossierRecord({ code: '000.00.53.H48-240315-0001' }))).toBe(false);
    expect(consent(dossierRecord({ code: '000.00.20.H56-240315-0001' }))).toBe(true);
    expect(consentPolicy({})(dossierRecord())).toBe(false);
  });
});
