import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NationalProceduresSimulator } from '../../simulators/national-procedures';
import type { DocumentExchangeSimulator } from '../../simulators/document-exchange';
import type { OneStopSimulator } from '../../simulators/one-stop';
import { parseConfig, type GatewayConfigInput } from '../../src/config';
import { startDemoSources } from '../../src/demo/start-demo-sources';
import { createSilentLogger } from '../../src/log';
import { startGateway, type RunningGateway } from '../../src/start-gateway';

export interface TestGateway {
  url: string;
  dataDir: string;
  running: RunningGateway;
  national: NationalProceduresSimulator;
  /** The simulated provinces, in the demo's order: H56 igate, H41 motcua, H48 soap. */
  provinces: OneStopSimulator[];
  /** The exchange axis, with the systems of 000.00.00.G22 and 000.00.00.H41 connected through the gateway. */
  axis: DocumentExchangeSimulator;
  /** The public keys the gateway trusts (the demo issuer's JWKS). */
  publicJwks: { keys: Array<Record<string, unknown>> };
  /** `Bearer <token>` of the operator that `graphql()` sends by default, for plain HTTP calls. */
  authorization: string;
  /** Issues a token from the demo issuer the gateway trusts; `claims` as in a real token (`scope`, `agency`, `client_id`…). */
  token(claims: Record<string, unknown>, options?: { expiresIn?: number | string }): Promise<string>;
  /**
   * Posts one GraphQL operation and returns the parsed body with the HTTP status. Sent with
   * an operator token that sees every jurisdiction with every scope, unless `headers`
   * carries its own `authorization` (an empty one sends none).
   */
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
  /** Dossiers per simulated province; 0 runs no province. @default 0 */
  dossiersPerProvince?: number;
  seed?: number;
  timeoutMs?: number;
  /** Overrides merged into the national source's config. */
  national?: Record<string, unknown>;
  /** Overrides merged into each province's config, by index. */
  provinces?: Array<Record<string, unknown>>;
  /** Overrides merged into the exchange axis' config. */
  documentExchange?: Record<string, unknown>;
  server?: GatewayConfigInput['server'];
  /** The store's data directory; a fresh temporary one by default. Pass another gateway's to share its store. */
  dataDir?: string;
  /** Overrides merged into the auth config (e.g. another audience). */
  auth?: Record<string, unknown>;
  /** How long dossier queries wait for the provinces' first read. @default 20000 */
  dossiersWaitMs?: number;
  /** Overrides merged into the query limits. */
  limits?: Record<string, unknown>;
  /** Wait until the catalogue and the provinces have data. @default true */
  waitForSources?: boolean;
}

/**
 * Starts the demo's simulators and a gateway on loopback (port 0), with the catalogue and
 * the provinces loaded, as `npm start` does but small and silent. Every end-to-end test
 * starts gateways through this.
 */
export async function startTestGateway({
  procedures = 300,
  dossiersPerProvince = 0,
  seed = 7,
  timeoutMs = 2000,
  national: nationalOverrides = {},
  provinces: provinceOverrides = [],
  documentExchange: exchangeOverrides = {},
  server = {},
  dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-test-')),
  waitForSources = true,
  auth: authOverrides = {},
  limits = {},
  dossiersWaitMs = 20_000,
}: TestGatewayOptions = {}): Promise<TestGateway> {
  const demo = await startDemoSources({ seed, procedures, dossiersPerProvince });
  const { sources, auth } = demo.config;
  const config = parseConfig(
    {
      auth: { ...auth!, ...authOverrides },
      limits,
      server: { port: 0, readinessDetails: true, ...server },
      log: { level: 'silent' },
      store: { dataDir, auditFlushIntervalMs: 50 },
      sources: {
        nationalProcedures: {
          ...sources!.nationalProcedures,
          timeoutMs,
          catalogue: { refreshIntervalSeconds: 0, concurrency: 8, waitMs: 10_000 },
          ...nationalOverrides,
        },
        provinces: (sources!.provinces ?? []).map((p, i) => ({ ...p, timeoutMs, ...provinceOverrides[i] })),
        dossiers: { syncIntervalSeconds: 0, waitMs: dossiersWaitMs },
        documentExchange: { ...sources!.documentExchange!, timeoutMs, minRefreshIntervalMs: 0, ...exchangeOverrides },
      },
    },
    {},
  );
  const running = await startGateway({ config, logger: createSilentLogger() });
  const operator = await demo.issuer.issue(
    { client_id: 'test-operator', sub: 'test-operator', agency: '000.00.00.G22', scope: 'procedures:read dossiers:read pii:read documents:read documents:send sync:admin audit:read' },
    { expiresIn: '2h' },
  );
  if (waitForSources) {
    await running.sources.catalogue.whenLoaded(20_000);
    await running.sources.dossiers.whenTried(30_000);
  }
  const url = running.url;
  return {
    url,
    dataDir,
    running,
    national: demo.simulators.nationalProcedures,
    provinces: demo.simulators.provinces,
    axis: demo.simulators.documentExchange,
    token: (claims, options) => demo.issuer.issue(claims, options),
    authorization: `Bearer ${operator}`,
    publicJwks: demo.issuer.jwks as unknown as { keys: Array<Record<string, unknown>> },
    async graphql<T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
      const auth: Record<string, string> = headers.authorization === undefined ? { authorization: `Bearer ${operator}` } : headers.authorization === '' ? {} : { authorization: headers.authorization };
      const { authorization: _given, ...rest } = headers;
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...rest, ...auth },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GraphQLResult<T>;
      return { ...body, status: res.status };
    },
    async close() {
      await running.close();
      await demo.close();
    },
  };
}
