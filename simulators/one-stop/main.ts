import { parseArgs } from 'node:util';
import { generateAgencies } from '../national-procedures/generate-agencies';
import { DEMO_SPEED, startOneStopSimulator, type OneStopDialect } from './index';
import { SAMPLE_PROCEDURES } from './sample-procedures';

/**
 * Runs one simulated one-stop system standalone, with the sample procedures:
 *   node dist/simulators/one-stop/main.js --dialect igate --province H56 --port 8081
 * Options: --dialect igate|motcua|soap (igate), --province Hxx (H56), --port (0: any),
 * --seed (20240315), --dossiers (20000), --speed (DEMO_SPEED, 60: a simulated hour per
 * real minute; 0 stops the clock), --new-per-day and --changes-per-day (the history's pace).
 * Prints the URL on the second line; the clock's state is at GET /__sim/state.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dialect: { type: 'string', default: 'igate' },
      province: { type: 'string', default: 'H56' },
      port: { type: 'string', default: '0' },
      seed: { type: 'string', default: '20240315' },
      dossiers: { type: 'string', default: '20000' },
      speed: { type: 'string', default: String(DEMO_SPEED) },
      'new-per-day': { type: 'string' },
      'changes-per-day': { type: 'string' },
    },
  });
  const seed = Number(values.seed);
  const started = Date.now();
  const simulator = await startOneStopSimulator({
    dialect: values.dialect as OneStopDialect,
    provinceCode: values.province,
    agencies: generateAgencies(seed),
    procedures: SAMPLE_PROCEDURES,
    seed,
    dossiers: Number(values.dossiers),
    port: Number(values.port),
    speed: Number(values.speed),
    ...(values['new-per-day'] !== undefined ? { newPerDay: Number(values['new-per-day']) } : {}),
    ...(values['changes-per-day'] !== undefined ? { changesPerDay: Number(values['changes-per-day']) } : {}),
  });
  const entry = { igate: '/pa/dossier/search (token: POST /auth/realms/digo/protocol/openid-connect/token, client_id lienthong-gateway)', motcua: '/api/hoso (Basic auth)', soap: '/HoSoService.asmx (AuthHeader)' }[simulator.dialect];
  const state = simulator.state();
  console.log(`one-stop ${simulator.dialect} for ${simulator.provinceCode}: ${simulator.dossierCount} dossiers in ${Date.now() - started} ms; clock ${state.now} at speed ${state.speed}, ${state.newPerDay.toFixed(1)} new and ${state.changesPerDay.toFixed(1)} status changes per simulated day`);
  console.log(`${simulator.url}${entry}; user lienthong / demo-secret`);
  const stop = (): void => void simulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
