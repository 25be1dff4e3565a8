import { createSeededRandom } from '../../kit';
import { createDossierLister, type DossierQuery, type StatusFilter } from '../list-dossiers';
import { nationalStatusFilter } from '../national-status-filter';
import { createProvinceData, type ProvinceData } from '../province-data';
import { createProvinceState, type ProvinceState } from '../province-state';
import type { Dossier, NationalStatus } from '../types';
import { AGENCIES, isUnder, PROCEDURES, SEED } from './helpers';

const NOW = new Date('2026-11-01T09:00:00+07:00');
const DAY = 86_400_000;
const OPEN: NationalStatus[] = [1, 2, 4, 5, 6];

interface Row {
  index: number;
  dossier: Dossier;
  listedAt: number;
  receivedAt: number | null;
  updatedAt: number;
}

/** The truth by brute force: every dossier as the state builds it, in listing order, read from the dossiers themselves. */
function everything(state: ProvinceState): Row[] {
  state.sync();
  const rows = Array.from({ length: state.total() }, (_, index) => {
    const dossier = state.dossier(index);
    const receivedAt = dossier.receivedAt === null ? null : Date.parse(dossier.receivedAt);
    return { index, dossier, listedAt: receivedAt ?? Date.parse(dossier.submittedAt), receivedAt, updatedAt: Date.parse(dossier.updatedAt) };
  });
  return rows.sort((a, b) => a.listedAt - b.listedAt || a.index - b.index);
}

function start(count: number, { newPerDay = 40, changesPerDay = 120 } = {}): { data: ProvinceData; state: ProvinceState } {
  const data = createProvinceData({ seed: SEED, provinceCode: 'H56', agencies: AGENCIES, procedures: PROCEDURES, count, now: NOW, newPerDay });
  return { data, state: createProvinceState({ data, speed: 0, newPerDay, changesPerDay }) };
}

/** A small province whose clock has moved: arrivals, status changes by the clock and by mutate, corrections. */
function moved(): ProvinceState {
  const { state } = start(1_500);
  state.advance(3 * DAY + 5 * 3_600_000);
  state.mutate({ count: 40 });
  state.advance(7_200_000);
  state.mutate({ fraction: 0.2 });
  for (const index of [3, 700, 1_400]) state.correct(index, { applicantName: `Người Sửa ${index}` });
  return state;
}

const listAll = (state: ProvinceState, query: DossierQuery): number[] => {
  const listing = createDossierLister(state).list(query);
  return listing.page(0, listing.total);
};

describe('listing dossiers over index ranges and the overlay', () => {
  const states: Array<[string, ProvinceState]> = [['as generated', start(1_500).state], ['after the clock moved', moved()]];

  test.each(states)('lists exactly the dossiers listed in a window, in listing order (%s)', (_, state) => {
    const rows = everything(state);
    const random = createSeededRandom(7);
    const first = rows[0]!.listedAt;
    const last = rows[rows.length - 1]!.listedAt;
    for (let k = 0; k < 40; k++) {
      const a = first - DAY + Math.floor(random.next() * (last - first + 2 * DAY));
      const b = a + Math.floor(random.next() * 120 * DAY);
      // Half the windows start or end exactly on a dossier's instant: from includes it, to excludes it.
      const from = k % 2 === 0 ? rows[Math.floor(random.next() * rows.length)]!.listedAt : a;
      const window = k % 5 === 0 ? { from: null, to: b } : k % 7 === 0 ? { from, to: null } : { from, to: Math.max(from, b) };
      const inside = (at: number): boolean => (window.from === null || at >= window.from) && (window.to === null || at < window.to);
      expect(listAll(state, { listed: window })).toEqual(rows.filter((row) => inside(row.listedAt)).map((row) => row.index));
      expect(listAll(state, { received: window })).toEqual(rows.filter((row) => row.receivedAt !== null && inside(row.receivedAt)).map((row) => row.index));
    }
  });

  test.each(states)('lists exactly the dossiers updated in a window, the boundary included by from and excluded by to (%s)', (_, state) => {
    const rows = everything(state);
    const byUpdate = [...rows].sort((a, b) => a.updatedAt - b.updatedAt || a.index - b.index);
    for (const position of [0, 100, 1_000, byUpdate.length - 60, byUpdate.length - 1]) {
      const boundary = byUpdate[position]!.updatedAt;
      for (const window of [{ from: boundary, to: null }, { from: boundary - 2 * DAY, to: boundary }, { from: boundary, to: boundary + DAY }]) {
        const expected = byUpdate.filter((row) => row.updatedAt >= window.from && (window.to === null || row.updatedAt < window.to));
        expect(listAll(state, { updated: window, sort: [{ field: 'updatedAt', direction: 1 }] })).toEqual(expected.map((row) => row.index));
        expect(listAll(state, { updated: window })).toEqual(rows.filter((row) => expected.includes(row)).map((row) => row.index));
      }
    }
  });

  test.each(states)('lists exactly the dossiers in progress, or of any one status (%s)', (_, state) => {
    const rows = everything(state);
    const open = listAll(state, { status: nationalStatusFilter('test', OPEN) });
    expect(open).toEqual(rows.filter((row) => OPEN.includes(row.dossier.status)).map((row) => row.index));
    expect(open.length).toBeGreaterThan(20);
    for (const status of [1, 3, 4, 9, 10] as const) {
      expect(listAll(state, { status: nationalStatusFilter('test', [status]) })).toEqual(rows.filter((row) => row.dossier.status === status).map((row) => row.index));
    }
    const extension: StatusFilter = { key: 'extension', national: new Set([4]), accepts: (status, awaiting) => status === 4 && awaiting };
    expect(listAll(state, { status: extension })).toEqual(rows.filter((row) => row.dossier.awaitingExtension).map((row) => row.index));
  });

  test.each(states)('filters by agency, procedure and code, and sorts by code and update, as a brute-force pass does (%s)', (_, state) => {
    const rows = everything(state);
    const district = rows.find((row) => row.dossier.agencyLevel === 3)!.dossier.agencyCode.replace(/^\d{3}\.\d{2}/, '000.00');
    expect(listAll(state, { agency: district })).toEqual(rows.filter((row) => isUnder(row.dossier.agencyCode, district)).map((row) => row.index));
    expect(listAll(state, { agency: null })).toEqual([]);
    const procedure = rows[17]!.dossier.procedureCode;
    expect(listAll(state, { procedureCode: procedure })).toEqual(rows.filter((row) => row.dossier.procedureCode === procedure).map((row) => row.index));
    const code = rows[1_234]!.dossier.code;
    expect(listAll(state, { code })).toEqual([rows[1_234]!.index]);
    expect(listAll(state, { codeContains: code.slice(0, 20).toLowerCase() })).toEqual(rows.filter((row) => row.dossier.code.startsWith(code.slice(0, 20))).map((row) => row.index));
    const byCode = [...rows].sort((a, b) => (a.dossier.code < b.dossier.code ? -1 : 1));
    expect(listAll(state, { sort: [{ field: 'code', direction: 1 }] })).toEqual(byCode.map((row) => row.index));
    expect(listAll(state, { sort: [{ field: 'code', direction: -1 }] })).toEqual([...byCode].reverse().map((row) => row.index));
    const byUpdate = [...rows].sort((a, b) => b.updatedAt - a.updatedAt || a.index - b.index);
    expect(listAll(state, { sort: [{ field: 'updatedAt', direction: -1 }] })).toEqual(byUpdate.map((row) => row.index));
  });

  test('gives the same pages whatever their size while nothing changes', () => {
    const state = moved();
    const lister = createDossierLister(state);
    for (const query of [{}, { received: { from: Date.parse('2025-01-01T00:00:00+07:00'), to: null } }, { status: nationalStatusFilter('test', OPEN) }, { sort: [{ field: 'updatedAt' as const, direction: 1 as const }] }]) {
      const whole = listAll(state, query);
      for (const size of [7, 50, 200]) {
        const paged: number[] = [];
        for (let offset = 0; offset < whole.length + size; offset += size) paged.push(...lister.list(query).page(offset, size));
        expect(paged).toEqual(whole);
      }
    }
  });

  test('examines only recent dossiers for statuses in progress and a recent update window, and only those listed outside office hours for statuses never received, at a million dossiers', () => {
    const { data } = start(1_000_000);
    let cores = 0;
    const counted: ProvinceData = { ...data, core: (index) => ((cores += 1), data.core(index)) };
    const state = createProvinceState({ data: counted, speed: 0, newPerDay: 1_000, changesPerDay: 3_000 });
    state.advance(2 * 3_600_000);
    state.mutate({ count: 200 });
    const lister = createDossierLister(state);
    cores = 0;
    const open = lister.list({ status: nationalStatusFilter('test', OPEN) });
    expect(open.total).toBeGreaterThan(10_000);
    expect(cores).toBeLessThan(200_000);
    cores = 0;
    const updated = lister.list({ updated: { from: NOW.getTime() - DAY, to: null }, sort: [{ field: 'updatedAt', direction: 1 }] });
    expect(updated.total).toBeGreaterThan(200);
    expect(cores).toBeLessThan(250_000);
    cores = 0;
    const neverReceived = lister.list({ status: nationalStatusFilter('test', [1, 3]) });
    expect(neverReceived.total).toBeGreaterThan(10_000);
    expect(cores).toBeLessThan(50_000);
    // A reception window and paging need no pass at all.
    cores = 0;
    const window = lister.list({ received: { from: Date.parse('2025-03-01T00:00:00+07:00'), to: Date.parse('2025-04-01T00:00:00+07:00') } });
    window.page(Math.floor(window.total / 2), 200);
    expect(window.total).toBeGreaterThan(20_000);
    expect(cores).toBeLessThan(1_000);
  });
});
