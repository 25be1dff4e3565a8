import { z } from 'zod';
import { startSimServer, type SimHandler, type SimServer } from '../kit';
import type { RawAgency } from '../national-procedures/types';
import { createControlRoutes } from './control-routes';
import { createDossierStore } from './dossier-store';
import { DEFAULT_NOW } from './generate-dossiers';
import { createProvinceData } from './province-data';
import { createProvinceState, type DossierCorrection, type SimState, type StatusChange } from './province-state';
import type { Dossier, ProcedureInput } from './types';
import { igateMachineId } from './vendors/igate-dossier';
import { createIgateHandler } from './vendors/igate';
import { createMotcuaHandler } from './vendors/motcua';
import { createSoapHandler } from './vendors/soap';

export { DEFAULT_NOW, generateDossiers } from './generate-dossiers';
export { SAMPLE_PROCEDURES } from './sample-procedures';
export { IGATE_STATUS_TABLE, IGATE_STATUSES } from './vendors/igate-status';
export { MOTCUA_STATUS_TABLE } from './vendors/motcua';
export { SOAP_STATUS_TABLE } from './vendors/soap';
export { OPEN_SPAN_MS, UPDATE_LAG_MS } from './draw-timeline';
export type { DossierCorrection, SimState, StatusChange } from './province-state';
export type * from './types';

export type OneStopDialect = 'igate' | 'motcua' | 'soap';

/** The demo's clock speed: one simulated hour per real minute, a steady trickle of new dossiers and status changes. */
export const DEMO_SPEED = 60;

/** Dossiers built at start-up (see startOneStopSimulator). */
const WARM_UP_DOSSIERS = 1_000;

/** Beyond this many dossiers `sim.dossiers` refuses to build an array: iterate or read by index instead. */
export const MAX_MATERIALISED_DOSSIERS = 200_000;

export interface OneStopSimulatorOptions {
  /** Which vendor's protocol to speak. */
  dialect: OneStopDialect;
  /** Level-1 group of the province, e.g. `H56`. */
  provinceCode: string;
  /** The national agency directory (generateAgencies(seed)); must hold the province's districts. */
  agencies: readonly RawAgency[];
  /** Procedures drawn from the national catalogue. */
  procedures: readonly ProcedureInput[];
  /** Seed of the dossiers. @default 20240315 */
  seed?: number;
  /** Dossiers of the generated history, up to 5,000,000. @default 20000 */
  dossiers?: number;
  /** @default 'lienthong' */
  username?: string;
  /** @default 'demo-secret' */
  password?: string;
  /** OAuth2 client of the igate password grant. @default 'lienthong-gateway' */
  clientId?: string;
  /** Lifetime of igate access tokens. @default 300000 */
  tokenTtlMs?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** "Now" of the data, where the simulated clock starts. @default 2026-11-01T09:00:00+07:00 */
  now?: Date;
  /** Simulated milliseconds per real millisecond; 0 keeps the clock still unless `advance` moves it (DEMO_SPEED for a demo). @default 0 */
  speed?: number;
  /** Dossiers registered per simulated day. @default the pace of the history's last four weeks (about count / 820) */
  newPerDay?: number;
  /** Status changes per simulated day, on dossiers in progress picked by seed. @default 3 × newPerDay */
  changesPerDay?: number;
}

export interface OneStopSimulator extends SimServer {
  readonly dialect: OneStopDialect;
  readonly provinceCode: string;
  /** Dossiers now: the generated history and the arrivals so far. */
  readonly dossierCount: number;
  /**
   * Every dossier in its current state, in listing order (reception, or submission when
   * never received, then registration order), built on first read and after each change;
   * refused beyond MAX_MATERIALISED_DOSSIERS. The truth tests assert against.
   */
  readonly dossiers: readonly Dossier[];
  /** The dossier with this code as it stands now, or null. */
  dossier(code: string): Dossier | null;
  /** Dossier number `index` in registration order (0 ≤ index < dossierCount), as it stands now. */
  dossierAt(index: number): Dossier;
  /** Every dossier as it stands now, in registration order, one at a time. */
  iterate(): IterableIterator<Dossier>;
  /** The simulated clock. */
  now(): Date;
  /** Moves the clock `ms` forward; the arrivals and status changes due by then happen. */
  advance(ms: number): SimState;
  setSpeed(speed: number): void;
  /** Moves `count` dossiers in progress (or a `fraction` of them), picked by seed, one stage along their lives, now. */
  mutate(request: { count: number } | { fraction: number }): StatusChange[];
  /** Silently corrects a dossier (applicant name by default) without moving its `updatedAt`; throws for an unknown code. */
  correct(code: string, patch?: DossierCorrection): Dossier;
  /** Codes of every dossier whose `updatedAt` is at or after `instant`, oldest update first: what a sync from then must read. */
  changedSince(instant: Date | number): string[];
  /** Codes of the dossiers corrected at or after `instant` (by the clock), whose `updatedAt` did not move. */
  correctedSince(instant: Date | number): string[];
  state(): SimState;
  /** Makes every igate access token expired now (refresh tokens stay valid); no-op for the other dialects. */
  expireTokens(): void;
}

const optionsSchema = z.object({
  dialect: z.enum(['igate', 'motcua', 'soap']),
  provinceCode: z.string().regex(/^H\d{2}$/, 'must be a province group such as H56'),
  agencies: z.array(z.object({ MADONVI: z.string(), TENDONVI: z.string(), CAPDONVI: z.string() })).min(1),
  procedures: z.array(z.object({ code: z.string().min(1), name: z.string().min(1), sectorCode: z.string(), sectorName: z.string() })).min(1),
  seed: z.number().int(),
  dossiers: z.number().int().min(0).max(5_000_000),
  username: z.string().min(1),
  password: z.string().min(1),
  clientId: z.string().min(1),
  tokenTtlMs: z.number().int().positive(),
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  now: z.date(),
  speed: z.number().min(0).finite(),
  newPerDay: z.number().min(0).finite().optional(),
  changesPerDay: z.number().min(0).finite().optional(),
});

/**
 * Starts a simulated provincial one-stop system (docs/sources.md §2) on loopback, speaking
 * one vendor's dialect over dossiers computed from their index (nothing per dossier is
 * held), with a clock that brings new dossiers and status changes. Every protocol request
 * is counted under its operation (`token`, `search`, `get`, `getByCode` for igate; `list`,
 * `get` for motcua; `LayDanhSachHoSo`, `LayHoSo`, `LayTienDoXuLy` for soap; `unknown`
 * otherwise). Control routes: see control-routes.ts. Bad options stop start-up with
 * ONE_STOP_SIM_OPTIONS_INVALID.
 */
export async function startOneStopSimulator({
  dialect,
  provinceCode,
  agencies,
  procedures,
  seed = 20240315,
  dossiers: count = 20000,
  username = 'lienthong',
  password = 'demo-secret',
  clientId = 'lienthong-gateway',
  tokenTtlMs = 300_000,
  host = '127.0.0.1',
  port = 0,
  now = DEFAULT_NOW,
  speed = 0,
  newPerDay,
  changesPerDay,
}: OneStopSimulatorOptions): Promise<OneStopSimulator> {
  const parsed = optionsSchema.safeParse({ dialect, provinceCode, agencies, procedures, seed, dossiers: count, username, password, clientId, tokenTtlMs, host, port, now, speed, newPerDay, changesPerDay });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
    throw new Error(`ONE_STOP_SIM_OPTIONS_INVALID: ${problems.join('; ')}`);
  }

  const data = createProvinceData({ seed, provinceCode, agencies, procedures, count, now, newPerDay: newPerDay ?? 'history' });
  const pace = data.context.timeline.newPerDay;
  const state = createProvinceState({ data, speed, newPerDay: pace, changesPerDay: changesPerDay ?? 3 * pace });
  const store = createDossierStore(state);
  // Builds the first dossiers now: the code on that path gets compiled before the first
  // request, and a small province (the tests') is then served from the state's cache.
  for (let index = 0; index < Math.min(count, WARM_UP_DOSSIERS); index++) state.dossier(index);

  let server: SimServer | undefined;
  const countAs = (operation: string): void => server?.countAs(operation);
  let expireTokens = (): void => {};
  let handler: SimHandler;
  switch (dialect) {
    case 'igate': {
      const procedureCodes = procedures.flatMap(({ code }) => [code, `${code}.000.00.00.${provinceCode}`, `${code}.${provinceCode}`]);
      const igate = createIgateHandler({
        store, agencies, procedureCodes, machine: igateMachineId(seed, provinceCode), username, password, clientId, tokenTtlMs, issuer: () => server?.url ?? '', count: countAs,
      });
      handler = igate.handle;
      expireTokens = igate.expireTokens;
      break;
    }
    case 'motcua':
      handler = createMotcuaHandler({ store, username, password, count: countAs });
      break;
    case 'soap':
      handler = createSoapHandler({ store, username, password, count: countAs });
      break;
  }

  const instant = (value: Date | number): number => (value instanceof Date ? value.getTime() : value);
  const codeAt = (index: number): string => state.dossier(index).code;
  const correct = (code: string, patch?: DossierCorrection): Dossier => {
    const index = store.indexOfCode(code);
    if (index === null) throw new Error(`correct: no dossier has the code ${code}`);
    return state.correct(index, patch);
  };
  let materialised: { version: number; total: number; list: Dossier[] } | null = null;

  const started = await startSimServer({ name: `one-stop-${dialect}-${provinceCode}`, handler, host, port, controlRoutes: createControlRoutes({ state, correct }) });
  server = started;
  return {
    get name() {
      return started.name;
    },
    get url() {
      return started.url;
    },
    get stats() {
      return started.stats;
    },
    setFault: started.setFault,
    countAs: started.countAs,
    resetStats: started.resetStats,
    close: started.close,
    dialect,
    provinceCode,
    expireTokens,
    get dossierCount() {
      state.sync();
      return state.total();
    },
    get dossiers(): readonly Dossier[] {
      state.sync();
      const total = state.total();
      if (total > MAX_MATERIALISED_DOSSIERS) {
        throw new Error(`sim.dossiers holds at most ${MAX_MATERIALISED_DOSSIERS} dossiers and this province has ${total}; use sim.iterate(), sim.dossierAt(i) or sim.dossier(code)`);
      }
      if (materialised?.version !== state.version() || materialised.total !== total) {
        const list = Array.from({ length: total }, (_, index) => ({ index, dossier: state.dossier(index) }));
        const listedAt = (dossier: Dossier): number => Date.parse(dossier.receivedAt ?? dossier.submittedAt);
        list.sort((a, b) => listedAt(a.dossier) - listedAt(b.dossier) || a.index - b.index);
        materialised = { version: state.version(), total, list: list.map((entry) => entry.dossier) };
      }
      return materialised.list;
    },
    dossier(code) {
      const index = store.indexOfCode(code);
      return index === null ? null : state.dossier(index);
    },
    dossierAt(index) {
      state.sync();
      if (!Number.isInteger(index) || index < 0 || index >= state.total()) throw new Error(`dossierAt: index must be a whole number in [0, ${state.total()}), got ${index}`);
      return state.dossier(index);
    },
    *iterate() {
      state.sync();
      const total = state.total();
      for (let index = 0; index < total; index++) yield state.dossier(index);
    },
    now: () => new Date(state.now()),
    advance(ms) {
      state.advance(ms);
      return state.summary();
    },
    setSpeed: (next) => state.setSpeed(next),
    mutate: (request) => state.mutate(request),
    correct,
    changedSince(since) {
      const listing = store.list({ updated: { from: instant(since), to: null }, sort: [{ field: 'updatedAt', direction: 1 }] });
      return listing.page(0, listing.total).map(codeAt);
    },
    correctedSince: (since) => state.correctedSince(instant(since)).map(codeAt),
    state: () => state.summary(),
  };
}
