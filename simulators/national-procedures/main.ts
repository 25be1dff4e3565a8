import { parseArgs } from 'node:util';
import { startNationalProceduresSimulator } from './start-national-procedures-simulator';

/**
 * Runs the simulator on its own:
 * `node dist/simulators/national-procedures/main.js --port 7001 --seed 1 [--procedures 2000] [--host 127.0.0.1]`.
 * Prints the URL and the credentials to use; stops on SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7001' },
      seed: { type: 'string', default: '20240315' },
      procedures: { type: 'string', default: '2000' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const sim = await startNationalProceduresSimulator({
    port: Number(values.port),
    seed: Number(values.seed),
    procedures: Number(values.procedures),
    host: values.host,
  });
  console.log(`national-procedures simulator listening on ${sim.url} (seed ${values.seed}, ${sim.data.procedures.length} procedures)`);
  console.log('login: username "lienthong", password "demo-secret", dstcode "VN:GOV:000.00.00.G22:vpcpdvcprovider" (header or ?dstcode=)');
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
