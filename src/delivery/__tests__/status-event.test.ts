import type { DossierChange } from '../../store';
import { dayOfDossierCode, statusEventOf } from '../status-event';

const change = (overrides: Partial<DossierChange>): DossierChange => ({
  seq: 7,
  code: '000.01.41.H56-261129-0012',
  source: 'province-h56',
  version: 2,
  agencyCode: '000.01.41.H56',
  oldStatus: 2,
  newStatus: 4,
  kind: 'updated',
  // 18:00 UTC on 29 November is 01:00 on 30 November in Vietnam.
  at: new Date('2026-11-29T18:00:00Z'),
  ...overrides,
});
const window = { newDossierWindowDays: 2 };

describe('status-change events of the change log', () => {
  it('reads the registration day a dossier code carries, and nothing from a code without a real date', () => {
    expect(dayOfDossierCode('000.01.41.H56-261129-0012')).toBe(Date.UTC(2026, 10, 29) / 86_400_000);
    expect(dayOfDossierCode(' 000.00.06.H41-240229-0001 ')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(dayOfDossierCode('000.00.06.H41-230229-0001')).toBeNull();
    expect(dayOfDossierCode('000.00.06.H41-241301-0001')).toBeNull();
    expect(dayOfDossierCode('HS-2024-0001')).toBeNull();
  });

  it('is an event when the national status changed, and carries the change as logged', () => {
    expect(statusEventOf(change({}), window)).toEqual({ seq: 7, code: '000.01.41.H56-261129-0012', version: 2, agencyCode: '000.01.41.H56', oldStatus: 2, newStatus: 4, at: new Date('2026-11-29T18:00:00Z') });
  });

  it('is no event when the status stayed, or became one the table does not map', () => {
    expect(statusEventOf(change({ oldStatus: 4 }), window)).toBeNull();
    expect(statusEventOf(change({ newStatus: null }), window)).toBeNull();
    expect(statusEventOf(change({ oldStatus: null, newStatus: 4 }), window)).not.toBeNull();
  });

  it('announces a dossier seen for the first time only when its code says it was registered lately, so a first read of history announces nothing', () => {
    const created = (code: string) => statusEventOf(change({ kind: 'created', oldStatus: null, newStatus: 2, code }), window);
    // The change was logged on 30 November, Vietnam time: the 28th is two days before, the 27th three.
    expect(created('000.01.41.H56-261128-0001')).not.toBeNull();
    expect(created('000.01.41.H56-261127-0001')).toBeNull();
    expect(created('000.01.41.H56-240315-0001')).toBeNull();
    expect(created('000.01.41.H56-261201-0001')).not.toBeNull();
    expect(created('000.01.41.H56-261202-0001')).toBeNull();
    expect(created('000.01.41.H56-X-0001')).toBeNull();
    expect(statusEventOf(change({ kind: 'created', oldStatus: null, code: '000.01.41.H56-261127-0001' }), { newDossierWindowDays: 3 })).not.toBeNull();
  });
});
