import net from 'node:net';
import type { Fault, SimServer } from '../../simulators/kit';
import type { ErrorCode } from '../../src/errors';
import { startTestGateway, type GraphQLResult, type TestGateway, type Caller } from '../utils/gateway';

/** Every source's deadline in these drills, in ms. */
export const TIMEOUT_MS = 400;
/** Keep-alive connections per source in these drills (small, so growth would show). */
export const CONNECTIONS = 4;

/**
 * How long an answer may take while one source fails: a read may be two calls in a row
 * (a login or a token, then the call), each with the deadline; the rest is slack for a
 * loaded machine, far below what waiting on a hung source without a deadline would take.
 */
export const ANSWER_BUDGET_MS = 2 * TIMEOUT_MS + 1500;

/** Quick retries; a breaker that opens after four failed attempts and tries again 300 ms later. */
const RESILIENCE = { retries: { count: 2, baseDelayMs: 20, maxDelayMs: 50 }, breaker: { volumeThreshold: 4, resetTimeoutMs: 300 } };

/** The ways a source fails, and the code each must come back as (UPSTREAM_UNAVAILABLE with `breaker` once the breaker opened). */
export const FAULTS: ReadonlyArray<{ name: string; fault: Fault; code: ErrorCode }> = [
  { name: 'hangs', fault: { mode: 'hang' }, code: 'UPSTREAM_TIMEOUT' },
  { name: 'drops every connection', fault: { mode: 'reset' }, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'answers HTTP 500', fault: { mode: 'fail', status: 500 }, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'answers garbage', fault: { mode: 'garbage' }, code: 'UPSTREAM_BAD_RESPONSE' },
  { name: 'answers very slowly', fault: { mode: 'slow', delayMs: 4 * TIMEOUT_MS }, code: 'UPSTREAM_TIMEOUT' },
];

/**
 * The demo's sources, small, every one with the drill's deadline, pool and resilience.
 * The drills read dossiers live (`dossier(code)`), so they wait for the catalogue only,
 * not for the provinces' sync into the store.
 */
export async function startDrillGateway(): Promise<TestGateway> {
  const each = { connections: CONNECTIONS, resilience: RESILIENCE };
  const gw = await startTestGateway({
    procedures: 60,
    dossiersPerProvince: 30,
    timeoutMs: TIMEOUT_MS,
    national: each,
    provinces: [each, each, each],
    documentExchange: each,
    waitForSources: false,
  });
  await gw.running.sources.catalogue.whenLoaded(20_000);
  return gw;
}

/** One query touching every source: a live procedure read, each province's live dossier read, the exchange axis. */
export const EVERYTHING = /* GraphQL */ `
  query Everything($procedure: ID!, $h56: ID!, $h41: ID!, $h48: ID!, $n56: ID!, $n41: ID!, $n48: ID!) {
    procedure(code: $procedure) { code freshness { stale reason } }
    missingProcedure: procedure(code: "9.999999") { code }
    h56: dossier(code: $h56) { code freshness { stale } }
    h41: dossier(code: $h41) { code freshness { stale } }
    h48: dossier(code: $h48) { code freshness { stale } }
    missingH56: dossier(code: $n56) { code }
    missingH41: dossier(code: $n41) { code }
    missingH48: dossier(code: $n48) { code }
    documents(first: 5) { totalCount }
  }
`;

export interface Everything {
  procedure: { code: string; freshness: { stale: boolean; reason: string | null } } | null;
  missingProcedure: { code: string } | null;
  h56: { code: string; freshness: { stale: boolean } } | null;
  h41: { code: string; freshness: { stale: boolean } } | null;
  h48: { code: string; freshness: { stale: boolean } } | null;
  missingH56: { code: string } | null;
  missingH41: { code: string } | null;
  missingH48: { code: string } | null;
  documents: { totalCount: number } | null;
}

/** Which fields of EVERYTHING each source serves; a failing source must not touch the others. */
export const FIELDS_OF: Readonly<Record<string, ReadonlyArray<keyof Everything>>> = {
  'national-procedures': ['procedure', 'missingProcedure'],
  'province-h56': ['h56', 'missingH56'],
  'province-h41': ['h41', 'missingH41'],
  'province-h48': ['h48', 'missingH48'],
  'qlvb-g22': ['documents'],
  'qlvb-h41': ['documents'],
};

/** The variables of EVERYTHING: a procedure and a dossier of each province that exist, and dossier codes no province knows. */
export function everythingVariables(gw: TestGateway): Record<string, string> {
  const [h56, h41, h48] = gw.provinces.map((p) => p.dossiers[0]!.code);
  // Same agencies, a day long before any dossier of the simulators: codes that do not exist.
  const missing = (code: string) => code.replace(/-\d{6}-\d+$/, '-991231-9999');
  return { procedure: gw.national.data.procedures[0]!.MATTHC.trim(), h56: h56!, h41: h41!, h48: h48!, n56: missing(h56!), n41: missing(h41!), n48: missing(h48!) };
}

const callers = new WeakMap<TestGateway, Promise<Caller>>();

/**
 * The drill's caller: a clerk of the Government Office with every read (and document
 * sending) and the national sync's reach over every province, so that one query touches
 * every source. The drills are about faults, not about who may see what.
 */
export function drillCaller(gw: TestGateway): Promise<Caller> {
  let caller = callers.get(gw);
  if (!caller) {
    caller = gw.withClaims({ client_id: 'fault-drill', sub: 'drill-operator', agency: '000.00.00.G22', scope: 'procedures:read dossiers:read documents:read documents:send sync:admin' });
    callers.set(gw, caller);
  }
  return caller;
}

/** Sends EVERYTHING and measures how long the answer took. */
export async function askEverything(gw: TestGateway): Promise<{ res: GraphQLResult<Everything>; ms: number }> {
  const caller = await drillCaller(gw);
  const started = performance.now();
  const res = await caller.graphql<Everything>(EVERYTHING, everythingVariables(gw));
  return { res, ms: performance.now() - started };
}

/** Sockets of this process connected to `port` (the gateway's side of its pool to a simulator). */
export function socketsTo(port: number): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => h instanceof net.Socket && !h.destroyed && h.remotePort === port).length;
}

/** Every socket of this process, both ends of every loopback connection. */
export function allSockets(): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => h instanceof net.Socket && !h.destroyed).length;
}

export function portOf(sim: SimServer): number {
  return Number(new URL(sim.url).port);
}

/** Polls /readyz (each poll is a trial call for a half-open breaker) until every source is ready and every breaker closed. */
export async function untilRecovered(gw: TestGateway, withinMs = 10_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const res = await fetch(`${gw.url}/readyz`);
    const body = (await res.json()) as { sources: Array<{ source: string; ok: boolean; breaker?: { state: string } }> };
    if (res.status === 200 && body.sources.every((s) => s.breaker?.state === 'closed')) return;
    if (Date.now() - started > withinMs) throw new Error(`not recovered after ${withinMs} ms: ${JSON.stringify(body.sources.filter((s) => !s.ok || s.breaker?.state !== 'closed'))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Checks an answer given while `failing` (one or more source names) fails with `code`:
 * every field of another source answered, fresh, with no error naming it; each field of
 * a failing source either served from the gateway's copy (stale, with an error naming
 * the source and `servedStale`) or null with a coded error naming the source and the
 * field's path. A source whose breaker opened answers UPSTREAM_UNAVAILABLE with `breaker`.
 */
export function expectOnlyFailing(res: GraphQLResult<Everything>, failing: readonly string[], code: ErrorCode): void {
  const data = res.data!;
  expect(data).toBeDefined();
  const errors = res.errors ?? [];
  for (const [source, fields] of Object.entries(FIELDS_OF)) {
    if (failing.includes(source)) continue;
    expect(errors.filter((e) => e.extensions?.source === source)).toEqual([]);
    for (const field of fields) {
      if (field.startsWith('missing')) expect(data[field]).toBeNull();
      else expect(data[field]).toEqual(expect.objectContaining(field === 'documents' ? {} : { freshness: expect.objectContaining({ stale: false }) }));
    }
  }
  for (const source of failing) {
    const mine = errors.filter((e) => e.extensions?.source === source);
    expect(mine.length).toBeGreaterThan(0);
    for (const error of mine) {
      const opened = error.extensions?.code === 'UPSTREAM_UNAVAILABLE' && error.extensions.breaker !== undefined;
      if (!opened) expect(error.extensions?.code).toBe(code);
    }
  }
  for (const field of new Set(failing.flatMap((s) => FIELDS_OF[s] ?? []))) {
    const value = data[field] as { freshness?: { stale: boolean } } | null;
    if (field === 'documents') {
      // The axis' documents are the registry's last read, with the failure beside them.
      expect(value).not.toBeNull();
    } else if (value === null) {
      const error = errors.find((e) => e.path?.[0] === field);
      expect(error?.extensions).toEqual(expect.objectContaining({ source: expect.stringMatching(new RegExp(failing.join('|'))) }));
    } else {
      expect(value.freshness?.stale).toBe(true);
      expect(errors.some((e) => failing.includes(String(e.extensions?.source)) && e.extensions?.servedStale === true)).toBe(true);
    }
  }
}

export { startTestGateway };

/** Checks an answer with every source well: every field answered and fresh, no error. */
export function expectComplete(res: GraphQLResult<Everything>): void {
  expect(res.errors).toBeUndefined();
  const data = res.data!;
  for (const field of ['procedure', 'h56', 'h41', 'h48'] as const) expect(data[field]?.freshness.stale).toBe(false);
  for (const field of ['missingProcedure', 'missingH56', 'missingH41', 'missingH48'] as const) expect(data[field]).toBeNull();
  expect(data.documents).not.toBeNull();
}

/** What one drill does to one source. */
export interface Drill {
  /** The simulators the fault is put on. */
  sims: readonly SimServer[];
  /** The source names those simulators serve. */
  failing: readonly string[];
  fault: Fault;
  code: ErrorCode;
  /** Most sockets the gateway may hold to those simulators: its pools' sizes. */
  maxSockets: number;
}

/**
 * The fault drill: with every source well, an answer is complete; then, while the fault
 * lasts, repeated answers come back within ANSWER_BUDGET_MS, whole but for the failing
 * source's fields (expectOnlyFailing), the gateway's sockets to the failing source stay
 * within its pools, the process still answers /healthz, and /readyz names the failing
 * source and no other; once the fault clears,
 * /readyz turns ready with every breaker closed, answers are complete again, and the
 * process holds no more sockets than it did before, but for one pool's worth.
 */
export async function runDrill(gw: TestGateway, { sims, failing, fault, code, maxSockets }: Drill, rounds = 4): Promise<void> {
  await untilRecovered(gw);
  expectComplete((await askEverything(gw)).res);
  const before = allSockets();
  for (const sim of sims) sim.setFault(fault);
  try {
    for (let round = 0; round < rounds; round++) {
      const { res, ms } = await askEverything(gw);
      expect(ms).toBeLessThan(ANSWER_BUDGET_MS);
      expectOnlyFailing(res, failing, code);
      const held = sims.map((sim) => socketsTo(portOf(sim))).reduce((a, b) => Math.max(a, b), 0);
      expect(held).toBeLessThanOrEqual(maxSockets);
    }
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${gw.url}/readyz`);
    const reports = ((await ready.json()) as { sources: Array<{ source: string; ok: boolean; error?: { code: string } }> }).sources;
    expect(ready.status).toBe(503);
    for (const report of reports) expect({ source: report.source, ok: report.ok }).toEqual({ source: report.source, ok: !failing.includes(report.source) });
  } finally {
    for (const sim of sims) sim.setFault({ mode: 'none' });
  }
  await untilRecovered(gw);
  expectComplete((await askEverything(gw)).res);
  // Both ends of each loopback connection are in this process: a pool's worth is twice its size.
  expect(allSockets()).toBeLessThanOrEqual(before + 2 * maxSockets);
}
