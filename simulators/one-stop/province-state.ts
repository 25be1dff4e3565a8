import { performance } from 'node:perf_hooks';
import { createSeededRandom, type SeededRandom } from '../kit';
import { applyTransition, LIVE_STATUSES, pickTransition, type Transition } from './apply-transition';
import { factsOfCore, factsOfDossier, type DossierFacts } from './dossier-facts';
import { OPEN_SPAN_MS } from './draw-timeline';
import { indexFraction, indexSeed } from './index-seed';
import { hashString } from './object-id';
import { pickPerson } from './people';
import type { ProvinceData } from './province-data';
import type { Dossier, NationalStatus } from './types';
import { DAY_MS, formatVnIso } from './vn-time';

/** How many built dossiers the state keeps (about 5 KB each). */
const BUILT_CACHE_SIZE = 2_000;

/** A silent correction of a dossier's data: what a nightly reconciliation must catch, since `updatedAt` does not move. */
export interface DossierCorrection {
  applicantName?: string;
  identityNumber?: string;
  phone?: string;
  email?: string | null;
  summary?: string;
}

export const CORRECTABLE_FIELDS: ReadonlyArray<keyof DossierCorrection> = ['applicantName', 'identityNumber', 'phone', 'email', 'summary'];

/** One status change made by `mutate` or by the clock. */
export interface StatusChange {
  code: string;
  from: NationalStatus;
  to: NationalStatus;
  awaitingExtension: boolean;
  /** ISO, `+07:00`: the dossier's new `updatedAt`. */
  at: string;
}

/** What `GET /__sim/state` shows. */
export interface SimState {
  /** The simulated clock, ISO with `+07:00`. */
  now: string;
  speed: number;
  newPerDay: number;
  changesPerDay: number;
  /** Dossiers now: the generated history plus arrivals. */
  dossiers: number;
  generated: number;
  arrivals: number;
  statusChanges: number;
  corrections: number;
  /** Dossiers the overlay holds (arrived, changed or corrected): what the simulator's memory grows with. */
  overlay: number;
  version: number;
}

/** A dossier the clock has touched: its current facts and what happened to it. */
export interface OverlayEntry {
  facts: DossierFacts;
  transitions: Transition[];
  corrections: Array<{ at: number; patch: DossierCorrection }>;
}

export interface ProvinceStateOptions {
  data: ProvinceData;
  /** Simulated milliseconds per real millisecond; 0 stops the clock (only `advance` moves it). */
  speed: number;
  /** Dossiers registered per simulated day. */
  newPerDay: number;
  /** Status changes per simulated day, made by the clock on dossiers picked by seed. */
  changesPerDay: number;
}

export interface ProvinceState {
  readonly data: ProvinceData;
  /** Brings arrivals and the clock's status changes up to the clock; every read calls it. */
  sync(): void;
  /** The clock, epoch ms. */
  now(): number;
  /** Dossiers now (after sync). */
  total(): number;
  /** Bumped by every arrival, change and correction: caches of listings key on it. */
  version(): number;
  readonly overlay: ReadonlyMap<number, OverlayEntry>;
  /** Generated dossiers (index below the history's count) in the overlay, ascending. */
  overlaidBase(): readonly number[];
  /** Generated dossiers in progress or awaiting hand-back as generated, ascending (built on first use). */
  liveBase(): Int32Array;
  facts(index: number): DossierFacts;
  baseFacts(index: number): DossierFacts;
  /** Dossier `index` as it stands now. The object is shared with later readers: never change it. */
  dossier(index: number): Dossier;
  advance(ms: number): void;
  setSpeed(speed: number): void;
  mutate(request: { count?: number; fraction?: number }): StatusChange[];
  correct(index: number, patch?: DossierCorrection): Dossier;
  /** Indices corrected at or after `instant`, ascending. */
  correctedSince(instant: number): number[];
  summary(): SimState;
}

/**
 * The live side of a simulated province: a clock that starts at the data's `now` and runs
 * at `speed` (plus whatever `advance` adds), the dossiers that arrive as it moves, and an
 * overlay of what changed, keyed by dossier. Memory grows with the dossiers the clock
 * touched, never with the province's size. Deterministic for a given seed and sequence of
 * calls: arrivals and the clock's changes happen at instants fixed by the seed, and each
 * pick draws from one seeded stream.
 */
export function createProvinceState({ data, speed: initialSpeed, newPerDay, changesPerDay }: ProvinceStateOptions): ProvinceState {
  const { context } = data;
  const { timeline, count } = context;
  const origin = context.now;
  const overlay = new Map<number, OverlayEntry>();
  const picks = createSeededRandom(hashString(`${context.seed}|changes|${context.provinceCode}`));
  const changeKey = hashString(`${context.seed}|change-times|${context.provinceCode}`);
  const changeGap = changesPerDay > 0 ? DAY_MS / changesPerDay : Infinity;
  const changeAt = (k: number): number => (changeGap === Infinity ? Infinity : origin + 1000 + Math.floor(((k + indexFraction(changeKey, k)) * changeGap) / 1000) * 1000);

  let speed = initialSpeed;
  let clockAnchor = origin;
  let realAnchor = performance.now();
  let arrived = 0;
  let clockChanges = 0;
  let statusChanges = 0;
  let version = 0;
  let overlaidBaseCache: { version: number; list: number[] } | null = null;
  let liveBaseCache: Int32Array | null = null;
  const corrections: Array<{ at: number; index: number }> = [];
  /** Indices a change can pick, with each one's position, built on the first pick. */
  let live: { list: number[]; position: Map<number, number> } | null = null;

  const clock = (): number => Math.floor(clockAnchor + (speed > 0 ? (performance.now() - realAnchor) * speed : 0));
  const baseFacts = (index: number): DossierFacts => factsOfCore(data.core(index));

  // The last dossiers built, in their current state, so that re-reading a page (or the
  // whole of a small province) does not build them again. Bounded: a fixed few MB whatever
  // the province's size. Entries are dropped when their dossier changes.
  const built = new Map<number, Dossier>();
  function build(index: number): Dossier {
    const entry = overlay.get(index);
    if (!entry || (entry.transitions.length === 0 && entry.corrections.length === 0)) return data.dossier(index);
    const core = data.core(index);
    const current = data.dossierOf(core);
    entry.transitions.forEach((transition, ordinal) => applyTransition(current, core, transition, ordinal, context));
    for (const { patch } of entry.corrections) applyCorrection(current, patch);
    return current;
  }
  function dossier(index: number): Dossier {
    let found = built.get(index);
    if (!found) {
      found = build(index);
      if (built.size >= BUILT_CACHE_SIZE) built.delete(built.keys().next().value as number);
      built.set(index, found);
    }
    return found;
  }

  function liveBase(): Int32Array {
    if (!liveBaseCache) {
      const found: number[] = [];
      for (let index = timeline.firstAt(origin - OPEN_SPAN_MS, count); index < count; index++) {
        if (LIVE_STATUSES.has(data.core(index).status)) found.push(index);
      }
      liveBaseCache = Int32Array.from(found);
    }
    return liveBaseCache;
  }

  function liveSet(): NonNullable<typeof live> {
    if (!live) {
      const list: number[] = [];
      for (const index of liveBase()) if (!overlay.has(index)) list.push(index);
      for (const [index, entry] of overlay) if (LIVE_STATUSES.has(entry.facts.status)) list.push(index);
      list.sort((a, b) => a - b);
      live = { list, position: new Map(list.map((index, position) => [index, position])) };
    }
    return live;
  }

  function leaveLive(index: number): void {
    if (!live) return;
    const position = live.position.get(index);
    if (position === undefined) return;
    const last = live.list.pop() as number;
    live.position.delete(index);
    if (last !== index) {
      live.list[position] = last;
      live.position.set(last, position);
    }
  }

  function entryOf(index: number): OverlayEntry {
    let entry = overlay.get(index);
    if (!entry) {
      entry = { facts: baseFacts(index), transitions: [], corrections: [] };
      overlay.set(index, entry);
    }
    return entry;
  }

  /** Moves dossier `index` one stage along its life at `at`; null when it is finished. */
  function change(index: number, at: number): StatusChange | null {
    const entry = entryOf(index);
    const { status: from } = entry.facts;
    const next = pickTransition(from, entry.facts.awaitingExtension, data.core(index).profile.fees.length > 0, picks);
    if (!next) return null;
    entry.transitions.push({ at, ...next });
    built.delete(index);
    const current = dossier(index);
    entry.facts = factsOfDossier(current, index);
    statusChanges += 1;
    version += 1;
    if (!LIVE_STATUSES.has(next.to)) leaveLive(index);
    return { code: current.code, from, to: next.to, awaitingExtension: next.awaitingExtension, at: current.updatedAt };
  }

  function arrive(index: number): void {
    overlay.set(index, { facts: baseFacts(index), transitions: [], corrections: [] });
    if (live) {
      live.position.set(index, live.list.length);
      live.list.push(index);
    }
    arrived += 1;
    version += 1;
  }

  function sync(): void {
    const target = clock();
    for (;;) {
      const nextArrival = timeline.listedAt(count + arrived);
      const nextChange = changeAt(clockChanges);
      if (Math.min(nextArrival, nextChange) > target) return;
      if (nextArrival <= nextChange) arrive(count + arrived);
      else {
        const { list } = liveSet();
        if (list.length > 0) change(list[Math.floor(picks.next() * list.length)] as number, nextChange);
        clockChanges += 1;
      }
    }
  }

  return {
    data,
    sync,
    now: () => {
      sync();
      return clock();
    },
    total: () => count + arrived,
    version: () => version,
    overlay,
    overlaidBase() {
      if (overlaidBaseCache?.version !== version) {
        const list: number[] = [];
        for (const index of overlay.keys()) if (index < count) list.push(index);
        overlaidBaseCache = { version, list: list.sort((a, b) => a - b) };
      }
      return overlaidBaseCache.list;
    },
    liveBase,
    facts: (index) => overlay.get(index)?.facts ?? baseFacts(index),
    baseFacts,
    dossier,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance: expected a number of milliseconds ≥ 0, got ${String(ms)}`);
      clockAnchor += ms;
      sync();
    },
    setSpeed(next) {
      if (!Number.isFinite(next) || next < 0) throw new Error(`speed: expected a number ≥ 0, got ${String(next)}`);
      clockAnchor = clock();
      realAnchor = performance.now();
      speed = next;
    },
    mutate({ count: asked, fraction }) {
      sync();
      const valid = asked !== undefined ? Number.isInteger(asked) && asked >= 0 : fraction !== undefined && fraction >= 0 && fraction <= 1;
      if (!valid) throw new Error(`mutate: expected { count } a whole number ≥ 0 or { fraction } in [0, 1], got ${JSON.stringify({ count: asked, fraction })}`);
      const { list } = liveSet();
      const wanted = asked ?? Math.round((fraction as number) * list.length);
      const at = Math.floor(clock() / 1000) * 1000;
      // Distinct dossiers: a partial shuffle of the live ones.
      const chosen = [...list];
      const n = Math.min(wanted, chosen.length);
      for (let k = 0; k < n; k++) {
        const j = k + Math.floor(picks.next() * (chosen.length - k));
        [chosen[k], chosen[j]] = [chosen[j] as number, chosen[k] as number];
      }
      return chosen.slice(0, n).flatMap((index) => change(index, at) ?? []);
    },
    correct(index, patch) {
      sync();
      const entry = entryOf(index);
      const fix = patch ?? defaultCorrection(dossier(index), createSeededRandom(indexSeed(hashString(`${context.seed}|corrections`), corrections.length)));
      const at = clock();
      entry.corrections.push({ at, patch: fix });
      built.delete(index);
      corrections.push({ at, index });
      version += 1;
      return dossier(index);
    },
    correctedSince: (instant) => [...new Set(corrections.filter((correction) => correction.at >= instant).map((correction) => correction.index))].sort((a, b) => a - b),
    summary: () => {
      sync();
      return {
        now: formatVnIso(clock()),
        speed, newPerDay, changesPerDay,
        dossiers: count + arrived, generated: count, arrivals: arrived, statusChanges, corrections: corrections.length, overlay: overlay.size, version,
      };
    },
  };
}

function applyCorrection(dossier: Dossier, patch: DossierCorrection): void {
  if (patch.applicantName !== undefined) dossier.applicant.fullName = patch.applicantName;
  if (patch.identityNumber !== undefined) dossier.applicant.identityNumber = patch.identityNumber;
  if (patch.phone !== undefined) dossier.applicant.phone = patch.phone;
  if (patch.email !== undefined) dossier.applicant.email = patch.email;
  if (patch.summary !== undefined) dossier.summary = patch.summary;
}

/** The commonest silent correction: the applicant's given name mistyped at the desk, put right. */
function defaultCorrection(dossier: Dossier, random: SeededRandom): DossierCorrection {
  const words = dossier.applicant.fullName.split(' ');
  for (let attempt = 0; attempt < 50; attempt++) {
    const person = pickPerson(random);
    const given = person.fullName.split(' ').pop() as string;
    if (person.gender === dossier.applicant.gender && given !== words[words.length - 1]) return { applicantName: [...words.slice(0, -1), given].join(' ') };
  }
  return { applicantName: `${dossier.applicant.fullName} ` };
}
