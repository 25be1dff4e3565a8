import { LIVE_STATUSES } from '../apply-transition';
import { OPEN_SPAN_MS, UPDATE_LAG_MS } from '../draw-timeline';
import { createProvinceData, type ProvinceData } from '../province-data';
import type { Dossier } from '../types';
import { AGENCIES, PROCEDURES, SEED, vnDay } from './helpers';

const NOW = new Date('2026-11-01T09:00:00+07:00');
const data = (count: number, seed = SEED, provinceCode = 'H56'): ProvinceData =>
  createProvinceData({ seed, provinceCode, agencies: AGENCIES, procedures: PROCEDURES, count, now: NOW, newPerDay: 0 });
const MILLION = data(1_000_000);

/** Every instant something happened to a dossier (not its deadlines), epoch ms. */
function eventsOf(dossier: Dossier): number[] {
  const all = [dossier.submittedAt, dossier.receivedAt, dossier.finishedAt, dossier.returnedAt, ...dossier.steps.flatMap((step) => [step.start, step.end])];
  return all.filter((iso): iso is string => iso !== null).map((iso) => Date.parse(iso));
}

describe('dossiers computed from their index', () => {
  test('gives dossier i the same content from two separate generators, and another dossier for another seed or province', () => {
    const again = data(1_000_000);
    for (const index of [0, 1, 4_999, 123_456, 777_777, 999_999]) expect(again.dossier(index)).toEqual(MILLION.dossier(index));
    const otherSeed = data(1_000_000, SEED + 1);
    expect([0, 500_000, 999_999].map((index) => otherSeed.dossier(index).code)).not.toEqual([0, 500_000, 999_999].map((index) => MILLION.dossier(index).code));
    expect(data(1_000, SEED, 'H41').dossier(10).agencyCode).toMatch(/\.H41$/);
  });

  test('lists dossiers in index order over the three years before now, denser towards now', () => {
    let previous = -Infinity;
    for (let index = 0; index < 1_000_000; index += 97) {
      const listedAt = MILLION.core(index).listedAt;
      expect(listedAt).toBeGreaterThanOrEqual(previous);
      previous = listedAt;
    }
    const first = MILLION.core(0).listedAt;
    const last = MILLION.core(999_999).listedAt;
    expect((NOW.getTime() - first) / 86_400_000).toBeGreaterThan(1090);
    expect(last).toBeLessThan(NOW.getTime());
    // Twice as dense at the end as at the start: the last tenth of the time holds more than the first.
    const timeline = MILLION.context.timeline;
    const span = NOW.getTime() - timeline.since;
    const firstTenth = timeline.firstAt(timeline.since + span / 10, 1_000_000);
    const lastTenth = 1_000_000 - timeline.firstAt(NOW.getTime() - span / 10, 1_000_000);
    expect(lastTenth / firstTenth).toBeGreaterThan(1.6);
    expect(lastTenth / firstTenth).toBeLessThan(2.2);
  });

  test('numbers 200,000 consecutive codes {agency}-{yyMMdd of the listing day}-{nnnn}, all unique, 0001 upwards each day', () => {
    const codes = new Set<string>();
    let day = '';
    let expected = 0;
    let checked = 0;
    // Start at the first dossier of a day so each day's numbering is seen whole.
    const start = MILLION.context.timeline.firstAt(Date.parse('2025-06-02T00:00:00+07:00'), 1_000_000);
    for (let index = start; index < start + 200_000; index++) {
      const core = MILLION.core(index);
      const code = MILLION.codeOf(core);
      const match = /^(\d{3}\.\d{2}\.\d{2}\.H56)-(\d{6})-(\d{4,})$/.exec(code);
      if (!match) throw new Error(`malformed code ${code}`);
      const [, agency, codeDay, sequence] = match as unknown as [string, string, string, string];
      if (agency !== core.agency.MADONVI) throw new Error(`${code}: agency ${core.agency.MADONVI}`);
      if (codeDay !== vnDay(new Date(core.listedAt).toISOString()).slice(2)) throw new Error(`${code}: listed ${new Date(core.listedAt).toISOString()}`);
      if (codeDay !== day) [day, expected] = [codeDay, 1];
      if (Number(sequence) !== expected) throw new Error(`${code}: expected sequence ${expected}`);
      expected += 1;
      codes.add(code);
      checked += 1;
    }
    expect(checked).toBe(200_000);
    expect(codes.size).toBe(200_000);
  });

  test('finds a dossier from its code by arithmetic, and nothing for a code it never issued', () => {
    for (const index of [0, 31_337, 500_000, 999_999]) expect(MILLION.indexOfCode(MILLION.codeOf(MILLION.core(index)), 1_000_000)).toBe(index);
    const code = MILLION.codeOf(MILLION.core(500_000));
    const [agency, day, sequence] = [code.slice(0, 13), code.slice(14, 20), code.slice(21)];
    const otherAgency = agency === '000.00.41.H56' ? '000.00.42.H56' : '000.00.41.H56';
    expect(MILLION.indexOfCode(`${otherAgency}-${day}-${sequence}`, 1_000_000)).toBeNull();
    expect(MILLION.indexOfCode(`${agency}-${day}-9999`, 1_000_000)).toBeNull();
    expect(MILLION.indexOfCode(`${agency}-${day}-${sequence}`, 500_000)).toBeNull();
    expect(MILLION.indexOfCode(`${agency}-261340-0001`, 1_000_000)).toBeNull();
    expect(MILLION.indexOfCode('not a code', 1_000_000)).toBeNull();
  });

  test('keeps dossiers in progress recent and last updates close to their listing, so listings examine bounded ranges', () => {
    const origin = NOW.getTime();
    let live = 0;
    for (let index = 0; index < 1_000_000; index += 10) {
      const core = MILLION.core(index);
      const lag = core.updatedAt - core.listedAt;
      if (lag < 0 || lag > UPDATE_LAG_MS) throw new Error(`dossier ${index}: updated ${lag / 86_400_000} days after its listing`);
      if (LIVE_STATUSES.has(core.status)) {
        live += 1;
        if (core.listedAt < origin - OPEN_SPAN_MS) throw new Error(`dossier ${index} (status ${core.status}) listed ${(origin - core.listedAt) / 86_400_000} days ago`);
      }
      if ((core.receivedAt === null) !== (core.slot !== 'received')) throw new Error(`dossier ${index}: slot ${core.slot}, received ${core.receivedAt}`);
      if (core.receivedAt !== null && core.receivedAt !== core.listedAt) throw new Error(`dossier ${index}: listed at ${core.listedAt}, received at ${core.receivedAt}`);
    }
    expect(live / 100_000).toBeGreaterThan(0.02);
    expect(live / 100_000).toBeLessThan(0.1);
  });

  test('gives every dossier an updatedAt that is the latest of its instants, and the core the same status and instants as the whole dossier', () => {
    for (let index = 0; index < 1_000_000; index += 4_999) {
      const core = MILLION.core(index);
      const dossier = MILLION.dossierOf(core);
      expect(Date.parse(dossier.updatedAt)).toBe(Math.max(...eventsOf(dossier)));
      expect([dossier.status, dossier.awaitingExtension, Date.parse(dossier.submittedAt), dossier.receivedAt && Date.parse(dossier.receivedAt), Date.parse(dossier.updatedAt)]).toEqual([
        core.status, core.awaitingExtension, core.submittedAt, core.receivedAt, core.updatedAt,
      ]);
    }
  });

  test('makes the same 10 statuses at 20,000 as at 1,000,000 dossiers, in about the same shares', () => {
    const shares = (source: ProvinceData, step: number): Map<number, number> => {
      const counts = new Map<number, number>();
      let n = 0;
      for (let index = 0; index < source.count; index += step, n++) counts.set(source.core(index).status, (counts.get(source.core(index).status) ?? 0) + 1);
      return new Map([...counts].map(([status, count]) => [status, count / n]));
    };
    const small = shares(data(20_000), 1);
    const large = shares(MILLION, 50);
    expect([...small.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const status of [3, 4, 9, 10]) expect(Math.abs((small.get(status) ?? 0) - (large.get(status) ?? 0))).toBeLessThan(0.01);
  });
});
