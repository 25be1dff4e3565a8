import { z } from 'zod';
import { startSimServer, type SimControlRoute, type SimServer } from '../kit';
import { createSessionStore } from '../national-procedures/session-store';
import { createProtocolHandler } from './create-protocol-handler';
import { createPortalStore } from './portal-store';
import { createFailureDraw, isRandomFailures, type FailureDraw, type RandomFailures } from './random-failures';
import type { PortalState } from './types';

export interface NationalPortalSimulatorOptions {
  /** National procedure codes the portal knows (MaTTHC is checked against them): the national catalogue's. */
  procedureCodes: readonly string[];
  /** @default 'lienthong' */
  username?: string;
  /** @default 'demo-secret' */
  password?: string;
  /** Accepted routing code. @default 'VN:GOV:000.00.00.G22:dvcqg' */
  dstcode?: string;
  /** Session lifetime from login, in milliseconds. @default 1800000 */
  sessionTtlMs?: number;
  /** A create of a dossier already held: `refuse` answers error_code -3 "đã tồn tại"; `accept` takes it as a new creation, as some portals do. @default 'refuse' */
  duplicateCreate?: 'refuse' | 'accept';
  /** Accepted writes kept in the history; older ones are dropped and counted (a write holds about 1.5 KB). @default 10000 */
  historyLimit?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
}

export interface NationalPortalSimulator extends SimServer {
  /** Everything the portal holds (deep copy): every dossier, or only `code`'s, and the accepted writes. */
  state(code?: string): PortalState;
  /** Invalidates every session now, so the next call gets the session-expired answer (401). */
  expireSessions(): void;
  /** Fails a fraction of protocol calls at random, by seed (HTTP 503); null stops it. */
  setRandomFailures(failures: RandomFailures | null): void;
  /** Refuses every write of these dossiers with error_code 17 from now on (replaces the previous list). */
  setRefusedDossiers(codes: readonly string[]): void;
}

const optionsSchema = z.object({
  procedureCodes: z.array(z.string().regex(/^\d\.\d{6}$/, 'must be national procedure codes such as 1.001612')).min(1),
  username: z.string().min(1),
  password: z.string(),
  dstcode: z.string().min(1),
  sessionTtlMs: z.number().positive(),
  duplicateCreate: z.enum(['refuse', 'accept']),
  historyLimit: z.number().int().min(1),
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
});

/**
 * Starts the simulated National Public Service Portal (Cổng DVCQG) on loopback: the
 * adapter protocol of docs/sources.md §4 (`POST /login`, `POST /integration` with `TraCuuHoSo`,
 * `DongBoHoSoMC`, `CapNhatTienDoHoSoMC`), validating every record strictly (README
 * "Validation"), keeping what it accepted with a version per dossier, with the kit's
 * faults plus random failures by seed and refused dossiers. Control routes:
 * `GET /__sim/state[?code=]`, `POST /__sim/random-failures` (`RandomFailures` or `null`),
 * `POST /__sim/refused-dossiers` (`{"codes":[…]}`), `POST /__sim/expire-sessions`.
 * Invalid options stop start-up with one SIM_OPTIONS_INVALID message.
 */
export async function startNationalPortalSimulator({
  procedureCodes,
  username = 'lienthong',
  password = 'demo-secret',
  dstcode = 'VN:GOV:000.00.00.G22:dvcqg',
  sessionTtlMs = 1_800_000,
  duplicateCreate = 'refuse',
  historyLimit = 10_000,
  host = '127.0.0.1',
  port = 0,
}: NationalPortalSimulatorOptions): Promise<NationalPortalSimulator> {
  const input: Record<string, unknown> = { procedureCodes, username, password, dstcode, sessionTtlMs, duplicateCreate, historyLimit, host, port };
  const parsed = optionsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}, got ${JSON.stringify(input[String(issue.path[0])])?.slice(0, 80)}`);
    throw new Error(`SIM_OPTIONS_INVALID: national-portal simulator options are invalid: ${problems.join('; ')}`);
  }
  const store = createPortalStore({ historyLimit });
  const sessions = createSessionStore(sessionTtlMs);
  const refused = new Set<string>();
  let draw: FailureDraw = createFailureDraw(null);
  let server: SimServer | undefined;

  const setRandomFailures = (failures: RandomFailures | null): void => {
    draw = createFailureDraw(failures);
  };
  const setRefusedDossiers = (codes: readonly string[]): void => {
    refused.clear();
    for (const code of codes) refused.add(code);
  };
  const controlRoutes: Record<string, SimControlRoute> = {
    '/__sim/state': ({ query }) => ({ status: 200, body: store.state(query.get('code') ?? undefined) }),
    '/__sim/random-failures': ({ json: value }) => {
      if (value !== null && !isRandomFailures(value)) return { status: 400, body: { error: 'expected null or {"rate": 0..1, "seed": <integer>, "afterWrite"?: boolean}' } };
      setRandomFailures(value);
      return { status: 200, body: { ok: true } };
    },
    '/__sim/refused-dossiers': ({ json }) => {
      const codes = (json as { codes?: unknown } | null | undefined)?.codes;
      if (!Array.isArray(codes) || !codes.every((c) => typeof c === 'string')) return { status: 400, body: { error: 'expected {"codes": ["<MaHoSo>", …]}' } };
      setRefusedDossiers(codes);
      return { status: 200, body: { ok: true, refused: [...refused] } };
    },
    '/__sim/expire-sessions': () => {
      sessions.clear();
      return { status: 200, body: { ok: true } };
    },
  };
  const handler = createProtocolHandler({
    username,
    password,
    dstcode,
    sessions,
    store,
    procedureCodes: new Set(procedureCodes),
    refused,
    duplicateCreate,
    failures: () => draw,
    countAs: (operation) => server?.countAs(operation),
  });
  server = await startSimServer({ name: 'national-portal', handler, host, port, controlRoutes });
  return {
    ...server,
    state: (code) => store.state(code),
    expireSessions: () => sessions.clear(),
    setRandomFailures,
    setRefusedDossiers,
  };
}

