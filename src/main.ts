import { parseArgs } from 'node:util';
import { parseConfig, readConfigFile } from './config';
import { startDemoSources, type DemoSources } from './demo/start-demo-sources';
import { isGatewayError } from './errors';
import { createLogger } from './log';
import { startGateway } from './start-gateway';

/**
 * `npm start [-- --config FILE]`: with a config file, the gateway in front of the sources
 * it names; without one, the embedded demo (every source simulated on loopback).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write('usage: npm start [-- --config FILE]\n  no FILE: the embedded demo with simulated sources\n');
    return;
  }
  let demo: DemoSources | undefined;
  let input: unknown;
  if (values.config) {
    input = readConfigFile(values.config);
  } else {
    demo = await startDemoSources();
    input = demo.config;
  }
  const config = parseConfig(input);
  const logger = createLogger({ level: config.log.level });
  const running = await startGateway({ config, logger });

  const lines = [
    '',
    `lienthong is listening on ${running.url}`,
    `  GraphQL endpoint:   ${running.url}/graphql`,
    ...(config.server.playground ? [`  Playground:         ${running.url}/playground (works offline)`] : []),
    `  Readiness:          ${running.url}/readyz`,
  ];
  if (demo) {
    lines.push('  Demo sources (simulated, on loopback):', `    national procedures: ${demo.simulators.nationalProcedures.url}`);
    lines.push(`    document exchange axis: ${demo.simulators.documentExchange.url} (systems of 000.00.00.G22 and 000.00.00.H41)`);
    for (const sim of demo.simulators.provinces) {
      lines.push(`    province ${sim.provinceCode} (${sim.dialect}): ${sim.url} — ${sim.dossiers.length} dossiers`);
    }
  }
  if (demo) {
    lines.push('', 'Demo tokens (valid 12 hours; send as "Authorization: Bearer <token>", in the playground under Headers):');
    for (const t of demo.tokens) lines.push(`  ${t.name} — ${t.description}`, `    ${t.token}`);
    lines.push('');
  }
  const sample = demo?.tokens.find((t) => t.name === 'developer')?.token ?? '<token>';
  lines.push(
    '  Try:',
    `    curl -s ${running.url}/graphql -H 'content-type: application/json' -H 'authorization: Bearer ${sample}' \\`,
    `      -d '{"query":"{ procedures(first: 3, filter: {text: \\"khai sinh\\"}) { totalCount nodes { code name } } }"}'`,
    '',
  );
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await running.close();
    await demo?.close();
    clearTimeout(force);
    logger.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${isGatewayError(err) ? err.message : `lienthong failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`}\n`);
  process.exit(1);
});
