import { createHmac } from 'node:crypto';
import { buildWebhookPayload } from '../build-webhook-payload';
import { signWebhook, verifyWebhookSignature } from '../sign-webhook';
import { dossierRecord } from './dossier-fixture';

const now = Date.parse('2024-03-15T02:00:00Z');
const secret = 'whsec-agency-app-1';
const { body } = buildWebhookPayload(
  { dossierCode: '000.00.06.H41-240315-0001', version: 4, oldStatus: 1, newStatus: 2, agencyCode: '000.06.00.H41', at: '2024-03-15T09:00:05+07:00' },
  dossierRecord(),
  'evt-1',
);

describe('webhook signatures', () => {
  it('signs HMAC-SHA256 of "t.body" with the secret, as a receiver computes it', () => {
    const headers = signWebhook(body, secret, now);
    const t = now / 1000;
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(headers).toEqual({ 'x-lienthong-signature': `t=${t},v1=${expected}`, 'x-lienthong-timestamp': String(t) });
  });

  it('verifies a signed body within the window', () => {
    const header = signWebhook(body, secret, now)['x-lienthong-signature'];
    expect(verifyWebhookSignature({ body, header, secrets: secret, nowMs: now + 60_000 })).toEqual({ ok: true, timestamp: now / 1000 });
  });

  it('refuses a tampered body', () => {
    const header = signWebhook(body, secret, now)['x-lienthong-signature'];
    const tampered = body.replace('"code":2', '"code":9');
    expect(tampered).not.toBe(body);
    expect(verifyWebhookSignature({ body: tampered, header, secrets: secret, nowMs: now })).toEqual({ ok: false, reason: 'SIGNATURE_MISMATCH' });
  });

  it('refuses a replay older than the window, and a timestamp from the future, even correctly signed', () => {
    const header = signWebhook(body, secret, now)['x-lienthong-signature'];
    expect(verifyWebhookSignature({ body, header, secrets: secret, nowMs: now + 301_000 })).toEqual({ ok: false, reason: 'TIMESTAMP_OUTSIDE_WINDOW' });
    expect(verifyWebhookSignature({ body, header, secrets: secret, nowMs: now - 301_000 })).toEqual({ ok: false, reason: 'TIMESTAMP_OUTSIDE_WINDOW' });
    expect(verifyWebhookSignature({ body, header, secrets: secret, nowMs: now + 299_000 }).ok).toBe(true);
  });

  it('refuses a timestamp moved forward, since the timestamp is signed with the body', () => {
    const header = signWebhook(body, secret, now)['x-lienthong-signature'].replace(`t=${now / 1000}`, `t=${now / 1000 + 600}`);
    expect(verifyWebhookSignature({ body, header, secrets: secret, nowMs: now + 600_000 })).toEqual({ ok: false, reason: 'SIGNATURE_MISMATCH' });
  });

  it('accepts either secret during a rotation, and refuses another', () => {
    const header = signWebhook(body, ['new-secret', secret], now)['x-lienthong-signature'];
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifyWebhookSignature({ body, header, secrets: secret, nowMs: now }).ok).toBe(true);
    expect(verifyWebhookSignature({ body, header, secrets: 'new-secret', nowMs: now }).ok).toBe(true);
    expect(verifyWebhookSignature({ body, header, secrets: 'someone-else', nowMs: now })).toEqual({ ok: false, reason: 'SIGNATURE_MISMATCH' });
  });

  it.each([
    [undefined, 'SIGNATURE_MISSING'],
    ['', 'SIGNATURE_MISSING'],
    ['v1=abc', 'SIGNATURE_MALFORMED'],
    [`t=${now / 1000}`, 'SIGNATURE_MALFORMED'],
    [`t=soon,v1=${'0'.repeat(64)}`, 'SIGNATURE_MALFORMED'],
  ])('refuses the header %j as %s', (header, reason) => {
    expect(verifyWebhookSignature({ body, header, secrets: secret, nowMs: now })).toEqual({ ok: false, reason });
  });
});

describe('buildWebhookPayload', () => {
  it('describes the change with codes, labels and the appointment, and nothing personal', () => {
    const record = dossierRecord();
    const { event, body: text } = buildWebhookPayload(
      { dossierCode: record.code, version: 4, oldStatus: 1, newStatus: 2, agencyCode: '000.06.00.H41', at: '2024-03-15T09:00:05+07:00' },
      record,
      'evt-1',
    );
    expect(event).toEqual({
      id: 'evt-1',
      type: 'dossier.status_changed',
      occurredAt: '2024-03-15T09:00:05+07:00',
      data: {
        dossierCode: '000.00.06.H41-240315-0001',
        version: 4,
        agencyCode: '000.06.00.H41',
        procedureCode: '1.001612',
        previousStatus: { code: 1, label: 'Mới đăng ký' },
        status: { code: 2, label: 'Được tiếp nhận' },
        appointmentAt: '2024-03-19T17:00:00.000Z',
      },
    });
    expect(JSON.parse(text)).toEqual(event);
    for (const personal of [record.applicant.name!, record.applicant.idNumber!, record.applicant.phone!]) expect(text).not.toContain(personal);
  });
});
