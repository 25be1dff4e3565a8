import path from 'node:path';

/** Compiled bench scripts, found from here in dist. */
export const SCRIPTS = {
  sources: path.join(__dirname, '../processes/sources-main.js'),
  province: path.join(__dirname, '../processes/province-main.js'),
  gateway: path.join(__dirname, '../processes/gateway-main.js'),
  baseline: path.join(__dirname, '../baseline/main.js'),
};

/** `bench/results/` of the source tree (dist/bench/harness → bench/results). */
export const RESULTS_DIR = path.resolve(__dirname, '../../../bench/results');
