import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNationalProceduresSimulator, type NationalProceduresSimulator } from '../../simulators/national-procedures';
import { parseConfig, type GatewayConfigInput } from '../../src/config';
import { createSilentLogger } from '../../src/log';
import { startGateway, type RunningGateway } from '../../src/start-gateway';

export interface TestGateway {
  url: string;
  dataDir: string;
  running: RunningGateway;
  national: NationalProceduresSimulator;
  /** Posts one GraphQL operation and returns the parsed body with the HTTP status. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

export interface GraphQLResult<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface TestGatewayOptions {
  /** Procedures in the national simulator. @default 300 */
  procedures?: number;
  seed?: number;
  timeoutMs?: number;
  /** Overrides merged into the national source's config. */
  national?: Record<string, unknown>;
  server?: GatewayConfigInput['server'];
  /** The store's data directory; a fresh temporary one by default. Pass another gateway's to share its store. */
  dataDir?: string;
  /** Wait until the catalogue has data (from the source or the mirror). @default true */
  waitForCatalogue?: boolean;
}

/**
 * Starts the national simulator and a gateway on loopback (port 0), with the catalogue
 * loaded, as `npm start` does but small and silent. Every end-to-end test goes through this.
 */
export async function startTestGateway({
  procedures = 300,
  seed = 7,
  timeoutMs = 2000,
  national: nationalOverrides = {},
  server = {},
  dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-test-')),
  waitForCatalogue = true,
}: TestGatewayOptions = {}): Promise<TestGateway> {
  const national = await startNationalProceduresSimulator({ seed, procedures, username: 'u', password: 'p', dstcode: 'VN:GOV:000.00.00.G22:vpcpdvcprovider' });
  const config = parseConfig(
    {
      server: { port: 0, ...server },
      log: { level: 'silent' },
      store: { dataDir, auditFlushIntervalMs: 50 },
      sources: {
        nationalProcedures: {
          url: national.url,
          username: 'u',
          password: 'p',
          dstcode: 'VN:GOV:000.00.00.G22:vpcpdvcprovider',
          timeoutMs,
          catalogue: { refreshIntervalSeconds: 0, concurrency: 8, waitMs: 10_000 },
          ...nationalOverrides,
        },
      },
    },
    {},
  );
  const running = await startGateway({ config, logger: createSilentLogger() });
  if (waitForCatalogue) await running.sources.catalogue.whenLoaded(20_000);
  const url = running.url;
  return {
    url,
    dataDir,
    running,
    national,
    async graphql<T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GraphQLResult<T>;
      return { ...body, status: res.status };
    },
    async close() {
      await running.close();
      await national.close();
    },
  };
}
