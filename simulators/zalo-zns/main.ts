import { parseArgs } from 'node:util';
import { startZaloZnsSimulator } from './start-zalo-zns-simulator';

/**
 * Runs the simulator on its own: `node dist/simulators/zalo-zns/main.js --port 7005 [--host 127.0.0.1]`.
 * Prints the URL and the OA credentials to use; stops on SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '7005' }, host: { type: 'string', default: '127.0.0.1' } } });
  const sim = await startZaloZnsSimulator({ port: Number(values.port), host: values.host });
  console.log(`zalo-zns simulator listening on ${sim.url} (OAuth at ${sim.oauthUrl}/access_token)`);
  console.log(`app_id "${sim.appId}", secret_key "${sim.secretKey}", refresh_token "${sim.state().refreshToken}"; GET ${sim.url}/__sim/state shows what it received`);
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
