import { parseArgs } from 'node:util';
import { SMS_SEND_PATH, startSmsBrandnameSimulator } from './start-sms-brandname-simulator';

/**
 * Runs the simulator on its own: `node dist/simulators/sms-brandname/main.js --port 7006 [--host 127.0.0.1]`.
 * Prints the URL and the account to use; stops on SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '7006' }, host: { type: 'string', default: '127.0.0.1' } } });
  const sim = await startSmsBrandnameSimulator({ port: Number(values.port), host: values.host });
  console.log(`sms-brandname simulator listening on ${sim.url}${SMS_SEND_PATH}`);
  console.log(`ApiKey "${sim.apiKey}", SecretKey "${sim.secretKey}", Brandname "UBND-TINH"; GET ${sim.url}/__sim/state shows what it received`);
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
