import { parseArgs } from 'node:util';
import { generateNationalCatalogue } from '../national-procedures';
import { startNationalPortalSimulator } from './start-national-portal-simulator';

/**
 * Runs the simulator on its own, knowing the procedure codes of the national catalogue of
 * the same seed and size as the national-procedures simulator:
 * `node dist/simulators/national-portal/main.js --port 7005 [--seed 20240315] [--procedures 2000] [--host 127.0.0.1]`.
 * Prints the URL and the credentials to use; stops on SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7005' },
      seed: { type: 'string', default: '20240315' },
      procedures: { type: 'string', default: '2000' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const catalogue = generateNationalCatalogue(Number(values.seed), Number(values.procedures));
  const sim = await startNationalPortalSimulator({ procedureCodes: catalogue.procedures.map((p) => p.MATTHC.trim()), port: Number(values.port), host: values.host });
  console.log(`national-portal simulator listening on ${sim.url} (${catalogue.procedures.length} procedure codes known, seed ${values.seed})`);
  console.log('login: username "lienthong", password "demo-secret", dstcode "VN:GOV:000.00.00.G22:dvcqg" (header or ?dstcode=); state at GET /__sim/state');
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
