import type { DossierRecord } from '../../domain';
import { computeDossierStatistics } from '../dossier-statistics';
import { timelinessOf, vietnamDay } from '../on-time';

/** A dossier with only what timeliness reads; everything else empty. */
function dossier(fields: Partial<Pick<DossierRecord, 'appointmentAt' | 'finishedAt' | 'returnedAt' | 'updatedAt' | 'channel'>> & { status: number | null }): DossierRecord {
  return {
    code: '000.00.41.H56-240301-0001', source: 'province-h56', procedureCode: null, procedureName: null, sector: null,
    applicant: { name: null, kind: null, idNumber: null, idKind: null, phone: null, email: null, address: null },
    agencyCode: '000.00.41.H56', agencyName: null, channel: fields.channel ?? 'IN_PERSON',
    status: { code: fields.status, vendorCode: String(fields.status), vendorLabel: null }, receiptNumber: null, summary: null,
    submittedAt: null, receivedAt: '2024-03-01T08:00:00+07:00', appointmentAt: fields.appointmentAt ?? null,
    finishedAt: fields.finishedAt ?? null, returnedAt: fields.returnedAt ?? null, updatedAt: fields.updatedAt ?? null,
    steps: [], fees: [], submittedPapers: [], resultPapers: [],
  };
}

/** 2024-03-20 10:00 in Vietnam: "now" for every case below. */
const NOW = Date.parse('2024-03-20T10:00:00+07:00');

describe('the Vietnam-time day of an instant', () => {
  it('puts every written shape of one moment on the same day', () => {
    // 2024-03-15 is day 19797 since 1970-01-01 (hand count: 54 years of 365 days + 13 leap days + 74 days into 2024).
    expect(vietnamDay('2024-03-15T00:00:00+07:00')).toBe(19797);
    expect(vietnamDay('2024-03-15T23:59:59+07:00')).toBe(19797);
    expect(vietnamDay('2024-03-14T17:00:00.000Z')).toBe(19797); // 00:00 on the 15th in Vietnam
    expect(vietnamDay('2024-03-15T16:59:59.999+0000')).toBe(19797); // 23:59:59.999 in Vietnam
    expect(vietnamDay('2024-03-15T17:00:00Z')).toBe(19798); // already the 16th in Vietnam
    expect(vietnamDay(null)).toBeNull();
    expect(vietnamDay('not a date')).toBeNull();
  });
});

describe('timeliness as the reporting rules count it', () => {
  it.each([
    // [why, dossier, expected onTime]
    ['finished at 10:00 on a date-only due day is on time', { status: 10, appointmentAt: '2024-03-15T00:00:00+07:00', finishedAt: '2024-03-15T10:00:00+07:00' }, true],
    ['finished at 23:59 on the due day is on time', { status: 9, appointmentAt: '2024-03-15T00:00:00+07:00', finishedAt: '2024-03-15T23:59:00+07:00' }, true],
    ['finished at 00:00 the day after is late', { status: 9, appointmentAt: '2024-03-15T00:00:00+07:00', finishedAt: '2024-03-16T00:00:00+07:00' }, false],
    ['finished in the afternoon of a due day whose appointment says 08:00 is on time', { status: 10, appointmentAt: '2024-03-15T08:00:00+07:00', finishedAt: '2024-03-15T16:30:00+07:00' }, true],
    ['an appointment written in UTC is still a Vietnam day', { status: 10, appointmentAt: '2024-03-14T17:00:00.000Z', finishedAt: '2024-03-15T17:30:00+07:00' }, true],
    ['an end written in UTC that falls on the next Vietnam day is late', { status: 10, appointmentAt: '2024-03-15T00:00:00+07:00', finishedAt: '2024-03-15T17:00:00Z' }, false],
    ['finished before the due day is on time', { status: 10, appointmentAt: '2024-03-15T00:00:00+07:00', finishedAt: '2024-03-10T09:00:00+07:00' }, true],
    ['without an end, the return date decides', { status: 10, appointmentAt: '2024-03-15T00:00:00+07:00', returnedAt: '2024-03-18T09:00:00+07:00' }, false],
    ['without end or return, the last update decides when it is on time', { status: 9, appointmentAt: '2024-03-15T00:00:00+07:00', updatedAt: '2024-03-14T09:00:00+07:00' }, true],
    ['finished with a due day and no date at all counts as late', { status: 9, appointmentAt: '2024-03-15T00:00:00+07:00' }, false],
    ['finished without an appointment cannot be late', { status: 10, finishedAt: '2024-03-18T09:00:00+07:00' }, true],
    ['open and its due day is today: not late yet', { status: 4, appointmentAt: '2024-03-20T00:00:00+07:00' }, null],
    ['open and due yesterday: late', { status: 4, appointmentAt: '2024-03-19T17:00:00+07:00' }, false],
    ['open without an appointment is never late', { status: 5 }, null],
    ['refused is neither', { status: 3, appointmentAt: '2024-03-01T00:00:00+07:00' }, null],
    ['an unmapped status is neither', { status: null, appointmentAt: '2024-03-01T00:00:00+07:00' }, null],
  ] as const)('%s', (_why, fields, onTime) => {
    expect(timelinessOf(dossier(fields), NOW).onTime).toBe(onTime);
  });

  it('calls an open dossier overdue only from the day after its due day', () => {
    expect(timelinessOf(dossier({ status: 2, appointmentAt: '2024-03-20T00:00:00+07:00' }), NOW).overdue).toBe(false);
    expect(timelinessOf(dossier({ status: 2, appointmentAt: '2024-03-19T00:00:00+07:00' }), NOW).overdue).toBe(true);
    expect(timelinessOf(dossier({ status: 10, appointmentAt: '2024-03-01T00:00:00+07:00', finishedAt: '2024-03-05T00:00:00+07:00' }), NOW).overdue).toBe(false);
  });
});

describe('the published statistics', () => {
  it('count hand-made cases the way the reporting rules do', () => {
    const dossiers = [
      dossier({ status: 10, appointmentAt: '2024-03-15T00:00:00+07:00', finishedAt: '2024-03-15T10:00:00+07:00', channel: 'ONLINE' }), // on time (due day)
      dossier({ status: 10, finishedAt: '2024-03-12T10:00:00+07:00' }), // on time (no deadline)
      dossier({ status: 9, appointmentAt: '2024-03-10T00:00:00+07:00', finishedAt: '2024-03-11T08:00:00+07:00', channel: 'ONLINE' }), // late
      dossier({ status: 4, appointmentAt: '2024-03-19T00:00:00+07:00', channel: 'ONLINE' }), // open, overdue
      dossier({ status: 4, appointmentAt: '2024-03-20T00:00:00+07:00' }), // open, due today
      dossier({ status: 3 }), // refused
      dossier({ status: 7, channel: 'POSTAL' }), // withdrawn
    ];
    expect(computeDossierStatistics(dossiers, NOW)).toEqual({
      received: 7,
      processed: 3,
      onTime: 2,
      late: 1,
      inProgress: 2,
      overdue: 1,
      onlineRate: 3 / 7,
      onTimeRate: 2 / 3,
    });
  });

  it('gives an on-time rate of 1 for one on-time dossier and one without a deadline', () => {
    const stats = computeDossierStatistics(
      [dossier({ status: 10, appointmentAt: '2024-03-15T00:00:00+07:00', finishedAt: '2024-03-14T10:00:00+07:00' }), dossier({ status: 10, finishedAt: '2024-03-14T10:00:00+07:00' })],
      NOW,
    );
    expect(stats).toMatchObject({ processed: 2, onTime: 2, late: 0, onTimeRate: 1 });
  });

  it('answers null rates when nothing was received or processed', () => {
    expect(computeDossierStatistics([], NOW)).toMatchObject({ received: 0, onlineRate: null, onTimeRate: null });
    expect(computeDossierStatistics([dossier({ status: 4 })], NOW)).toMatchObject({ received: 1, processed: 0, onlineRate: 0, onTimeRate: null });
  });
});
