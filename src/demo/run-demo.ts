import { parseConfig } from '../config';
import { createLogger, type LogFormat } from '../log';
import type { RunningGateway } from '../start-gateway';
import { serveGateway } from '../serve-gateway';
import type { PlaygroundPrincipal } from '../server/playground';
import { playgroundExamples } from './playground-examples';
import { startDemoSources, type DemoOptions, type DemoSources } from './start-demo-sources';

export interface RunDemoOptions extends DemoOptions {
  /** Port of the gateway. @default 4000 (LIENTHONG_PORT overrides it, as for any config) */
  port?: number;
  /** @default 'info' */
  logLevel?: string;
  /** @default pretty on a terminal, JSON lines otherwise */
  logFormat?: LogFormat;
  /** Where the banner goes. @default stdout */
  print?: (text: string) => void;
}

/** The ward every Thanh Hóa officer of the demo may read: its dossiers make the playground's lookup example. */
const SHARED_WARD = '000.01.41.H56';
/** How far into a province's dossiers the lookup example is searched for (they are generated on read). */
const EXAMPLE_SEARCH_LIMIT = 5000;

/**
 * The embedded demo (`npm start`, `lienthong demo`): every source simulated on loopback, the
 * SQLite store in ./data, a local token issuer, and the gateway with its playground at `/`,
 * which offers the demo's principals with their tokens and opens an example operation for
 * each kind of user. Runs until SIGINT or SIGTERM; resolves with the exit status.
 */
export async function runDemo({ port, logLevel = 'info', logFormat, print = (text) => process.stdout.write(text), ...demoOptions }: RunDemoOptions = {}): Promise<number> {
  const demo = await startDemoSources(demoOptions);
  try {
    const config = parseConfig({ ...demo.config, server: { ...demo.config.server, playground: true, ...(port !== undefined && { port }) }, log: { level: logLevel } });
    const logger = createLogger({ level: config.log.level, format: logFormat });
    // The playground page carries every demo token, pii:read included, to whoever loads it.
    if (!['127.0.0.1', '::1', 'localhost'].includes(config.server.host)) {
      logger.warn({ host: config.server.host }, `the demo listens on ${config.server.host}: its playground hands every demo token (personal data included) to anyone who can reach the port; publish it on loopback only (docker run -p 127.0.0.1:4000:4000 …)`);
    }
    const principals: PlaygroundPrincipal[] = [...demo.tokens, await documentClerkOf(demo)];
    const tabs = playgroundExamples({ dossierCode: exampleDossier(demo), from: '2026-01-01T00:00:00+07:00', to: '2027-01-01T00:00:00+07:00' });
    return await serveGateway({
      config,
      logger,
      print,
      playground: { principals, tabs },
      banner: (running) => demoBanner(demo, running, principals),
      onStopped: () => demo.close(),
    });
  } catch (error) {
    await demo.close();
    throw error;
  }
}

/**
 * A clerk (văn thư) of Nghệ An, whose document system the demo connects through the gateway:
 * the playground's sender of documents. Not among the seven typical principals, whose
 * agencies have no document system connected.
 */
async function documentClerkOf(demo: DemoSources): Promise<PlaygroundPrincipal> {
  const claims = { client_id: 'demo-qlvb-h41', sub: 'van-thu-000.00.00.H41', agency: '000.00.00.H41', scope: 'documents:read documents:send' };
  return {
    name: 'document-clerk-h41',
    description: "Clerk (văn thư) of the Nghệ An provincial People's Committee (000.00.00.H41), whose document system is connected: sends and answers documents.",
    token: await demo.issuer.issue(claims, { expiresIn: '12h' }),
  };
}

function exampleDossier(demo: DemoSources): string | null {
  const province = demo.simulators.provinces.find((p) => p.provinceCode === 'H56');
  if (!province) return null;
  const count = Math.min(EXAMPLE_SEARCH_LIMIT, province.dossierCount);
  for (let i = 0; i < count; i += 1) {
    const dossier = province.dossierAt(i);
    if (dossier.agencyCode === SHARED_WARD) return dossier.code;
  }
  return null;
}

function demoBanner(demo: DemoSources, running: RunningGateway, principals: readonly PlaygroundPrincipal[]): string[] {
  const { simulators } = demo;
  const developer = principals.find((p) => p.name === 'developer')?.token ?? '<token>';
  return [
    '',
    '  The playground offers every demo principal in its bar ("Act as") and opens an example',
    '  for each kind of user: dashboard, dossier, procedures, a document sent, sync, statistics, audit.',
    '',
    '  Demo sources (simulated, on loopback):',
    `    national procedures:     ${simulators.nationalProcedures.url}`,
    ...simulators.provinces.map((p) => `    ${`province ${p.provinceCode} (${p.dialect}):`.padEnd(25)}${p.url} — ${p.dossierCount} dossiers`),
    `    document exchange axis:  ${simulators.documentExchange.url} (systems of 000.00.00.G22 and 000.00.00.H41)`,
    `    national portal:         ${simulators.nationalPortal.url}`,
    '',
    '  Demo tokens (valid 12 hours; send as "Authorization: Bearer <token>"):',
    ...principals.flatMap((p) => [`    ${p.name} — ${p.description}`, `      ${p.token}`]),
    '',
    '  Try:',
    `    curl -s ${running.url}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${developer}' \\`,
    `      -d '{"query":"{ procedures(first: 3, filter: {text: \\"khai sinh\\"}) { totalCount nodes { code name } } }"}'`,
    '',
  ];
}
