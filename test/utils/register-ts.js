/**
 * `node -r ./test/utils/register-ts.js file.ts`: runs the TypeScript sources as they are,
 * compiled file by file with @swc/core as jest compiles them, for tests that start a real
 * entry point in a child process. With LOADED_MODULES_FILE set, the list of every module
 * the process loaded is written there when it exits.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

if (process.env.LOADED_MODULES_FILE) {
  process.on('exit', () => writeFileSync(process.env.LOADED_MODULES_FILE, JSON.stringify(Object.keys(require.cache))));
}
