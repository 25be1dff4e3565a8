import { LIVE_STATUSES } from '../apply-transition';
import { createProvinceData } from '../province-data';
import { createProvinceState, type ProvinceState } from '../province-state';
import type { Dossier, NationalStatus } from '../types';
import { AGENCIES, PROCEDURES, SEED, vnDay } from './helpers';

const NOW = Date.parse('2026-11-01T09:00:00+07:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function start({ count = 1_500, newPerDay = 48, changesPerDay = 0, speed = 0, seed = SEED } = {}): ProvinceState {
  const data = createProvinceData({ seed, provinceCode: 'H41', agencies: AGENCIES, procedures: PROCEDURES, count, now: new Date(NOW), newPerDay });
  return createProvinceState({ data, speed, newPerDay, changesPerDay });
}

const iso = (ms: number): string => `${new Date(ms + 7 * HOUR).toISOString().slice(0, 19)}+07:00`;
const all = (state: ProvinceState): Dossier[] => Array.from({ length: state.total() }, (_, index) => state.dossier(index));

/** The stages a dossier may go to from each status, as a desk records them (docs/sources.md §2 table). */
const NEXT: Readonly<Record<number, readonly NationalStatus[]>> = { 1: [2, 3], 2: [4, 5, 7], 4: [4, 5, 6, 7, 8, 9], 5: [4, 7], 6: [4, 9], 9: [10] };

describe('the simulated clock and its changes', () => {
  test('moves dossiers in progress one stage along their lives, now, with a step that records it', () => {
    const state = start();
    state.advance(HOUR);
    const before = new Map(all(state).map((dossier) => [dossier.code, dossier]));
    const changes = state.mutate({ count: 60 });
    expect(changes).toHaveLength(60);
    expect(new Set(changes.map((change) => change.code)).size).toBe(60);
    for (const change of changes) {
      const was = before.get(change.code)!;
      const index = state.data.indexOfCode(change.code, state.total())!;
      const now = state.dossier(index);
      expect(was.status).toBe(change.from);
      expect(LIVE_STATUSES.has(change.from)).toBe(true);
      expect(NEXT[change.from]).toContain(change.to);
      expect([now.status, now.updatedAt]).toEqual([change.to, iso(NOW + HOUR)]);
      expect(Date.parse(now.updatedAt)).toBeGreaterThan(Date.parse(was.updatedAt));
      // The step that was open closed at the change; the dossier is open again only if still in progress.
      expect(now.steps.length).toBeGreaterThanOrEqual(was.steps.length);
      expect(now.steps.filter((step) => step.end === null)).toHaveLength([1, 2, 4, 5, 6].includes(change.to) ? 1 : 0);
      expect(now.steps.some((step) => step.start === now.updatedAt || step.end === now.updatedAt)).toBe(true);
      if (change.to === 2) expect([now.receivedAt, now.accepter === null]).toEqual([now.updatedAt, false]);
      if ([3, 7, 8, 9].includes(change.to)) expect(now.finishedAt).toBe(now.updatedAt);
      if (change.to === 9) expect(now.resultPapers).toHaveLength(1);
      if (change.to === 10) expect(now.returnedAt).toBe(now.updatedAt);
      expect(now.code).toBe(was.code);
    }
    // Everything else is as it was.
    const touched = new Set(changes.map((change) => change.code));
    for (const dossier of all(state)) if (!touched.has(dossier.code)) expect(dossier).toEqual(before.get(dossier.code));
  });

  test('runs out of dossiers to move once every one is finished', () => {
    const state = start({ count: 300 });
    for (let round = 0; round < 12; round++) state.mutate({ fraction: 1 });
    expect(all(state).filter((dossier) => LIVE_STATUSES.has(dossier.status))).toEqual([]);
    expect(state.mutate({ count: 5 })).toEqual([]);
    expect(() => state.mutate({ fraction: 1.5 })).toThrow(/fraction/);
  });

  test('corrects a field silently: the dossier changes, its updatedAt does not', () => {
    const state = start();
    const index = all(state).findIndex((dossier) => dossier.status === 10);
    const before = state.dossier(index);
    state.advance(DAY);
    const after = state.correct(index, { applicantName: 'Nguyễn Thị Sửa', phone: '0912000111' });
    expect(after.applicant.fullName).toBe('Nguyễn Thị Sửa');
    expect(after.applicant.phone).toBe('0912000111');
    expect(after.updatedAt).toBe(before.updatedAt);
    expect({ ...after, applicant: before.applicant }).toEqual(before);
    const byDefault = state.correct(index + 1);
    expect(byDefault.applicant.fullName).not.toBe(state.data.dossier(index + 1).applicant.fullName);
    expect(byDefault.applicant.fullName.split(' ')[0]).toBe(state.data.dossier(index + 1).applicant.fullName.split(' ')[0]);
    expect(state.correctedSince(NOW + DAY)).toEqual([index, index + 1]);
    expect(state.correctedSince(NOW + 2 * DAY)).toEqual([]);
  });

  test('registers new dossiers as the clock moves, numbered on from the day\'s last code, online ones waiting and some received at once', () => {
    const state = start({ newPerDay: 48 });
    expect(state.total()).toBe(1_500);
    state.advance(2 * DAY);
    const arrivals = Array.from({ length: state.total() - 1_500 }, (_, k) => state.dossier(1_500 + k));
    expect(arrivals.length).toBeGreaterThanOrEqual(95);
    expect(arrivals.length).toBeLessThanOrEqual(97);
    expect(new Set(arrivals.map((dossier) => dossier.status))).toEqual(new Set([1, 2]));
    for (const dossier of arrivals) {
      expect(Date.parse(dossier.submittedAt)).toBeGreaterThan(NOW);
      expect(Date.parse(dossier.submittedAt)).toBeLessThanOrEqual(NOW + 2 * DAY);
      expect(dossier.updatedAt).toBe(dossier.submittedAt);
      if (dossier.status === 1) expect([dossier.channel, dossier.receivedAt]).toEqual([2, null]);
      else expect(dossier.receivedAt).toBe(dossier.submittedAt);
    }
    // Codes continue each day's numbering after the generated history's last dossier of that day.
    const codes = all(state).map((dossier) => dossier.code);
    expect(new Set(codes).size).toBe(codes.length);
    const today = `-${vnDay(iso(NOW)).slice(2)}-`;
    const numbers = codes.filter((code) => code.includes(today)).map((code) => Number(code.slice(-4))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, k) => k + 1));
    expect(arrivals.some((dossier) => dossier.code.includes(today))).toBe(true);
  });

  test('makes status changes at its own pace as it moves, and none while it stands still', () => {
    // Enough dossiers in progress that the day's changes never run out of them.
    const state = start({ count: 20_000, newPerDay: 0, changesPerDay: 240 });
    state.sync();
    expect(state.summary().statusChanges).toBe(0);
    state.advance(HOUR);
    expect(state.summary().statusChanges).toBe(10);
    state.advance(DAY - HOUR);
    expect(state.summary().statusChanges).toBe(240);
    const changed = [...state.overlay.keys()].map((index) => state.dossier(index));
    expect(changed.length).toBeGreaterThan(150);
    expect(changed.every((dossier) => Date.parse(dossier.updatedAt) > NOW && Date.parse(dossier.updatedAt) <= NOW + DAY)).toBe(true);
  });

  test('runs its clock with real time times the speed', async () => {
    const state = start({ speed: 3_600_000 });
    const before = state.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    // 30 ms of real time at an hour per millisecond: at least a day.
    expect(state.now() - before).toBeGreaterThanOrEqual(DAY);
    expect(state.total()).toBeGreaterThan(1_500);
    state.setSpeed(0);
    const still = state.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.now()).toBe(still);
  });

  test('gives the same dossiers for the same seed and the same calls', () => {
    const run = (): { changes: unknown; dossiers: Dossier[] } => {
      const state = start({ changesPerDay: 100 });
      state.advance(6 * HOUR);
      const changes = [state.mutate({ count: 25 }), state.mutate({ fraction: 0.1 })];
      state.correct(42);
      state.advance(DAY);
      return { changes, dossiers: all(state) };
    };
    const first = run();
    expect(run()).toEqual(first);
    const other = start({ changesPerDay: 100, seed: SEED + 1 });
    other.advance(6 * HOUR);
    expect(other.mutate({ count: 25 }).map((change) => change.code)).not.toEqual((first.changes as Array<Array<{ code: string }>>)[0]!.map((change) => change.code));
  });
});
