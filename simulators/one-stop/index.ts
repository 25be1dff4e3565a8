import { z } from 'zod';
import { startSimServer, type SimHandler, type SimServer } from '../kit';
import type { RawAgency } from '../national-procedures/types';
import { indexDossiers } from './dossier-index';
import { DEFAULT_NOW, generateDossiers } from './generate-dossiers';
import type { Dossier, ProcedureInput } from './types';
import { createIgateHandler } from './vendors/igate';
import { createMotcuaHandler } from './vendors/motcua';
import { createSoapHandler } from './vendors/soap';

export { DEFAULT_NOW, generateDossiers } from './generate-dossiers';
export { SAMPLE_PROCEDURES } from './sample-procedures';
export { IGATE_STATUS_TABLE, IGATE_STATUSES } from './vendors/igate-status';
export { MOTCUA_STATUS_TABLE } from './vendors/motcua';
export { SOAP_STATUS_TABLE } from './vendors/soap';
export type * from './types';

export type OneStopDialect = 'igate' | 'motcua' | 'soap';

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
  /** How many dossiers. @default 20000 */
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
  /** "Now" of the data. @default 2026-11-01T09:00:00+07:00 */
  now?: Date;
}

export interface OneStopSimulator extends SimServer {
  readonly dialect: OneStopDialect;
  readonly provinceCode: string;
  /** Canonical dossiers, the truth tests assert against, in listing order. */
  readonly dossiers: readonly Dossier[];
  /** Makes every igate access token expired now (refresh tokens stay valid); no-op for the other dialects. */
  expireTokens(): void;
}

const optionsSchema = z.object({
  dialect: z.enum(['igate', 'motcua', 'soap']),
  provinceCode: z.string().regex(/^H\d{2}$/, 'must be a province group such as H56'),
  agencies: z.array(z.object({ MADONVI: z.string(), TENDONVI: z.string(), CAPDONVI: z.string() })).min(1),
  procedures: z.array(z.object({ code: z.string().min(1), name: z.string().min(1), sectorCode: z.string(), sectorName: z.string() })).min(1),
  seed: z.number().int(),
  dossiers: z.number().int().min(0).max(1_000_000),
  username: z.string().min(1),
  password: z.string().min(1),
  clientId: z.string().min(1),
  tokenTtlMs: z.number().int().positive(),
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  now: z.date(),
});

/**
 * Starts a simulated provincial one-stop system (SOURCES.md §2) on loopback, speaking
 * one vendor's dialect over its own freshly generated dossiers. Every protocol request
 * is counted under its operation (`token`, `search`, `get`, `getByCode` for igate;
 * `list`, `get` for motcua; `LayDanhSachHoSo`, `LayHoSo`, `LayTienDoXuLy` for soap;
 * `unknown` otherwise). Bad options stop start-up with ONE_STOP_SIM_OPTIONS_INVALID.
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
}: OneStopSimulatorOptions): Promise<OneStopSimulator> {
  const parsed = optionsSchema.safeParse({ dialect, provinceCode, agencies, procedures, seed, dossiers: count, username, password, clientId, tokenTtlMs, host, port, now });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
    throw new Error(`ONE_STOP_SIM_OPTIONS_INVALID: ${problems.join('; ')}`);
  }

  const dossiers = generateDossiers({ seed, provinceCode, agencies, procedures, count, now });
  const index = indexDossiers(dossiers);
  let server: SimServer | undefined;
  const countAs = (operation: string): void => server?.countAs(operation);
  let expireTokens = (): void => {};
  let handler: SimHandler;
  switch (dialect) {
    case 'igate': {
      const igate = createIgateHandler({ index, agencies, username, password, clientId, tokenTtlMs, issuer: () => server?.url ?? '', count: countAs });
      handler = igate.handle;
      expireTokens = igate.expireTokens;
      break;
    }
    case 'motcua':
      handler = createMotcuaHandler({ index, username, password, count: countAs });
      break;
    case 'soap':
      handler = createSoapHandler({ index, username, password, count: countAs });
      break;
  }
  const started = await startSimServer({ name: `one-stop-${dialect}-${provinceCode}`, handler, host, port });
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
    dossiers,
    expireTokens,
  };
}
