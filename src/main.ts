import { runCli } from './cli/run-cli';

/**
 * The production entry point: `node dist/src/main.js --config FILE`, the same as
 * `lienthong start --config FILE`. It loads no demo or simulator code; the demo is its own
 * entry (`npm start`, `lienthong demo`, `node dist/src/demo/main.js`).
 */
void runCli(['start', ...process.argv.slice(2)]).then((status) => process.exit(status));
