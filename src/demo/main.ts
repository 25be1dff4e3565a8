import { runCli } from '../cli/run-cli';

/** The demo's own entry point: `node dist/src/demo/main.js [options]`, the same as `lienthong demo [options]`. */
void runCli(['demo', ...process.argv.slice(2)]).then((status) => process.exit(status));
