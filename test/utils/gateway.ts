import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { NationalProceduresSimulator } from '../../simulators/national-procedures';
import type { DocumentExchangeSimulator } from '../../simulators/document-exchange';
import type { OneStopSimulator } from '../../simulators/one-stop';
import type { SmsBrandnameSimulator } from '../../simulators/sms-brandname';
import type { ZaloZnsSimulator } from '../../simulators/zalo-zns';
import { demoPrincipals } from '../../src/auth/demo';
import { parseConfig, type GatewayConfigInput } from '../../src/config';
import { startDemoSources } from '../../src/demo/start-demo-sources';
import { createSilentLogger } from '../../src/log';
import type { PlaygroundTab } from '../../src/server/playground';
import { startGateway, type RunningGateway } from '../../src/start-gateway';

/** The demo's typical principals (`src/auth/demo/demo-principals.ts`), the ones the demo prints tokens for. */
export type DemoPrincipalName =
  | 'province-officer'
  | 'district-officer'
  | 'commune-officer'
  | 'national-portal-sync'
  | 'auditor'
  | 'security-auditor'
  | 'developer';

/** Calls the gateway as one principal. */
export interface Caller {
  /** `Bearer <token>` of this principal, for plain HTTP calls. */
  readonly authorization: string;
  /** The verified claims of its token (`sub`, `jti`, `client_id`, `agency`, `scope`), as the audit log should record them. */
  readonly claims: Record<string, unknown>;
  /** Posts one GraphQL operation as this principal; the parsed body with the HTTP status. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** A plain request to a gateway path (e.g. an attachment's `downloadPath`) as this principal. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export interface TestGateway {
  url: string;
  dataDir: string;
  running: RunningGateway;
  national: NationalProceduresSimulator;
  /** The simulated provinces, in the demo's order: H56 igate, H41 motcua, H48 soap. */
  provinces: OneStopSimulator[];
  /** The exchange axis, with the systems of 000.00.00.G22 and 000.00.00.H41 connected through the gateway. */
  axis: DocumentExchangeSimulator;
  /** The citizens' channels the demo configures (used by the gateway with `notifications: true`). */
  zalo: ZaloZnsSimulator;
  sms: SmsBrandnameSimulator;
  /** The public keys the gateway trusts (the demo issuer's JWKS). */
  publicJwks: { keys: Array<Record<string, unknown>> };
  /**
   * Calls as one of the demo's principals: the province, district or commune officer of
   * Thanh Hóa, the national portal's sync, the auditors, a developer. Tests of who may see
   * what call as the principal that really makes the call, never as an all-seeing one.
   */
  as(name: DemoPrincipalName): Caller;
  /** Calls with a token of these claims (`scope`, `agency`, `client_id`, `sub`…), issued by the issuer the gateway trusts. */
  withClaims(claims: Record<string, unknown>, options?: { expiresIn?: number | string }): Promise<Caller>;
  /** Calls with exactly this Authorization header value (a forged or malformed token); '' sends none. */
  withAuthorization(authorization: string): Caller;
  /** Issues a token from the demo issuer the gateway trusts; `claims` as in a real token (`scope`, `agency`, `client_id`…). */
  token(claims: Record<string, unknown>, options?: { expiresIn?: number | string }): Promise<string>;
  /**
   * The attack suite's raw call: posts one GraphQL operation with `headers`. Without an
   * `authorization` header it calls as the developer (public procedure data only, no
   * agency, the least a token grants); an empty one sends none. Prefer `as(name)`.
   */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult<T>>;
  /** `Bearer <token>` of the developer, the raw call's default. */
  authorization: string;
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
  /**
   * Per-request timeout of every source. Generous, so that a loaded machine does not turn
   * slow answers into failures; tests of timeouts pass their own. @default 10000
   */
  timeoutMs?: number;
  /** Overrides merged into the national source's config. */
  national?: Record<string, unknown>;
  /** Overrides merged into each province's config, by index. */
  provinces?: Array<Record<string, unknown>>;
  /** Only these of the demo's provinces (`H56`, `H41`, `H48`) are configured; the others' simulators still run. @default all three */
  provinceCodes?: string[];
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
  /** The `trust` section (signature verification). @default the demo's: its CA, whose keys the demo systems sign with */
  trust?: GatewayConfigInput['trust'];
  /** Overrides merged into each connected document system's config, by index (0: 000.00.00.G22, 1: 000.00.00.H41), e.g. `signing`. */
  documentSystems?: Array<Record<string, unknown>>;
  /** The `auditSigning` section. @default none */
  auditSigning?: GatewayConfigInput['auditSigning'];
  /** The `telemetry` section, and where its spans go instead of OTLP. @default off */
  telemetry?: GatewayConfigInput['telemetry'];
  spanExporter?: SpanExporter;
  /** Send citizens' status messages through the demo's Zalo and SMS simulators (the demo's `notifications` section). @default false */
  notifications?: boolean;
  /** The `delivery` section (subscriptions, webhooks, the dispatchers). @default the config's defaults */
  delivery?: GatewayConfigInput['delivery'];
  /** The playground as the demo serves it: the demo's principals with their tokens in its bar, and these example tabs. @default the playground with no principal */
  playground?: { tabs?: PlaygroundTab[] };
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
  timeoutMs = 10_000,
  national: nationalOverrides = {},
  provinces: provinceOverrides = [],
  provinceCodes,
  documentExchange: exchangeOverrides = {},
  server = {},
  dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-test-')),
  waitForSources = true,
  auth: authOverrides = {},
  limits = {},
  dossiersWaitMs = 20_000,
  trust,
  documentSystems = [],
  auditSigning,
  telemetry,
  spanExporter,
  notifications = false,
  delivery,
  playground,
}: TestGatewayOptions = {}): Promise<TestGateway> {
  const demo = await startDemoSources({ seed, procedures, dossiersPerProvince });
  const { sources, auth, trust: demoTrust } = demo.config;
  const config = parseConfig(
    {
      auth: { ...auth!, ...authOverrides },
      limits,
      server: { port: 0, readinessDetails: true, playground: true, ...server },
      log: { level: 'silent' },
      store: { dataDir, auditFlushIntervalMs: 50 },
      sources: {
        nationalProcedures: {
          ...sources!.nationalProcedures,
          timeoutMs,
          catalogue: { refreshIntervalSeconds: 0, concurrency: 8, waitMs: 10_000 },
          ...nationalOverrides,
        },
        provinces: (sources!.provinces ?? []).map((p, i) => ({ ...p, timeoutMs, ...provinceOverrides[i] })).filter((p) => !provinceCodes || provinceCodes.includes(p.province)),
        dossiers: { syncIntervalSeconds: 0, waitMs: dossiersWaitMs },
        documentExchange: {
          ...sources!.documentExchange!,
          systems: sources!.documentExchange!.systems.map((system, i) => ({ ...system, ...documentSystems[i] })),
          timeoutMs,
          minRefreshIntervalMs: 0,
          ...exchangeOverrides,
        },
      },
      trust: trust ?? demoTrust,
      ...(auditSigning && { auditSigning }),
      ...(telemetry && { telemetry }),
      ...(notifications && { notifications: demo.config.notifications }),
      ...(delivery && { delivery }),
    },
    {},
  );
  const tokens = new Map<string, string>();
  for (const { name, claims } of demoPrincipals()) tokens.set(name, await demo.issuer.issue(claims, { expiresIn: '2h' }));
  const principals = demoPrincipals().map(({ name, description }) => ({ name, description, token: tokens.get(name)! }));
  const running = await startGateway({ config, logger: createSilentLogger(), ...(spanExporter && { spanExporter }), ...(playground && { playground: { principals, tabs: playground.tabs ?? [] } }) });
  if (waitForSources) {
    await running.sources.catalogue.whenLoaded(20_000);
    await running.sources.dossiers.whenTried(30_000);
  }
  const url = running.url;

  async function post<T>(query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>): Promise<GraphQLResult<T>> {
    // As modern clients do: GraphQL over HTTP's own media type first, so request errors keep their 4xx.
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9', ...headers }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as GraphQLResult<T>;
    return { ...body, status: res.status };
  }
  function caller(authorization: string, claims: Record<string, unknown>): Caller {
    const headers: Record<string, string> = authorization === '' ? {} : { authorization };
    return {
      authorization,
      claims,
      graphql: (query, variables) => post(query, variables, headers),
      fetch: (path, init = {}) => fetch(`${url}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } }),
    };
  }
  const callers = new Map<string, Caller>();
  for (const [name, token] of tokens) callers.set(name, caller(`Bearer ${token}`, decodeClaims(token)));
  const developer = callers.get('developer')!;

  return {
    url,
    dataDir,
    running,
    national: demo.simulators.nationalProcedures,
    provinces: demo.simulators.provinces,
    axis: demo.simulators.documentExchange,
    zalo: demo.simulators.zaloZns,
    sms: demo.simulators.smsBrandname,
    publicJwks: demo.issuer.jwks as unknown as { keys: Array<Record<string, unknown>> },
    as: (name) => callers.get(name)!,
    async withClaims(claims, options) {
      const token = await demo.issuer.issue(claims, options);
      return caller(`Bearer ${token}`, decodeClaims(token));
    },
    withAuthorization: (authorization) => caller(authorization, {}),
    token: (claims, options) => demo.issuer.issue(claims, options),
    authorization: developer.authorization,
    graphql<T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
      const { authorization, ...rest } = headers;
      const auth: Record<string, string> = authorization === undefined ? { authorization: developer.authorization } : authorization === '' ? {} : { authorization };
      return post<T>(query, variables, { ...rest, ...auth });
    },
    async close() {
      await running.close();
      await demo.close();
    },
  };
}

/** The payload of a JWT, unverified: the tests' own tokens, read to know what the audit log should hold. */
function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}
