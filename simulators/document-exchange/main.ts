import { parseArgs } from 'node:util';
import { DEFAULT_SYSTEMS, startDocumentExchangeSimulator } from './start-document-exchange-simulator';

/**
 * Runs the simulator on its own:
 * `node dist/simulators/document-exchange/main.js --port 7003 --seed 1 [--host 127.0.0.1]`.
 * Prints the URL and the demo systems' credentials; stops on SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7003' },
      seed: { type: 'string', default: '20240315' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const sim = await startDocumentExchangeSimulator({ port: Number(values.port), seed: Number(values.seed), host: values.host });
  console.log(`document-exchange simulator listening on ${sim.url} (seed ${values.seed})`);
  for (const s of DEFAULT_SYSTEMS) console.log(`system "${s.systemId}", secret "${s.secret}", organ ${s.agencyCode} (${s.name})`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
