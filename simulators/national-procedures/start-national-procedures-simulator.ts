import { z } from 'zod';
import { startSimServer, type SimServer } from '../kit';
import { createProtocolHandler } from './create-protocol-handler';
import { generateNationalCatalogue } from './generate-national-catalogue';
import { MAX_PROCEDURES } from './generate-procedures';
import { createSessionStore } from './session-store';
import type { NationalCatalogueData } from './types';

export interface NationalProceduresSimulatorOptions {
  /** Seed of the generated data. @default 20240315 */
  seed?: number;
  /** Number of procedures, from 4 to 20000. @default 2000 */
  procedures?: number;
  /** @default 'lienthong' */
  username?: string;
  /** @default 'demo-secret' */
  password?: string;
  /** Accepted routing code. @default 'VN:GOV:000.00.00.G22:vpcpdvcprovider' */
  dstcode?: string;
  /** Session lifetime from login, in milliseconds. @default 1800000 */
  sessionTtlMs?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
}

export interface NationalProceduresSimulator extends SimServer {
  /** The generated data, raw (exactly what the protocol serves), for tests to assert against. */
  readonly data: NationalCatalogueData;
  /** Invalidates every session now, so the next call gets the session-expired answer. */
  expireSessions(): void;
}

const optionsSchema = z.object({
  seed: z.number().int(),
  procedures: z.number().int().min(4).max(MAX_PROCEDURES),
  username: z.string().min(1),
  password: z.string(),
  dstcode: z.string().min(1),
  sessionTtlMs: z.number().positive(),
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
});

/**
 * Starts the simulated national procedure database (CSDLQG về TTHC) on loopback: the
 * adapter protocol of docs/sources.md §1 at the server root (`POST /login`,
 * `POST /integration`), over data from generateNationalCatalogue(seed, procedures), with
 * the kit's fault injection and per-operation stats (`login`, `LayDanhSachTTHC`, …).
 * Invalid options stop start-up with one SIM_OPTIONS_INVALID message naming every bad
 * option and the value that arrived.
 */
export async function startNationalProceduresSimulator({
  seed = 20240315,
  procedures = 2000,
  username = 'lienthong',
  password = 'demo-secret',
  dstcode = 'VN:GOV:000.00.00.G22:vpcpdvcprovider',
  sessionTtlMs = 1_800_000,
  host = '127.0.0.1',
  port = 0,
}: NationalProceduresSimulatorOptions = {}): Promise<NationalProceduresSimulator> {
  const input: Record<string, unknown> = { seed, procedures, username, password, dstcode, sessionTtlMs, host, port };
  const parsed = optionsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}, got ${JSON.stringify(input[String(issue.path[0])])}`);
    throw new Error(`SIM_OPTIONS_INVALID: national-procedures simulator options are invalid: ${problems.join('; ')}`);
  }
  const data = generateNationalCatalogue(seed, procedures);
  const sessions = createSessionStore(sessionTtlMs);
  let server: SimServer | undefined;
  const handler = createProtocolHandler({ data, username, password, dstcode, sessions, countAs: (operation) => server?.countAs(operation) });
  server = await startSimServer({ name: 'national-procedures', handler, host, port });
  return { ...server, data, expireSessions: () => sessions.clear() };
}
