import { existsSync } from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a module given without its extension: the compiled `.js`
 * beside it (what `npm run build` makes, what production runs), or, when only the
 * TypeScript source is there (the tests run from sources), the `.ts` compiled on load with
 * @swc/core, the compiler the tests already use, so tests run the very same worker code.
 */
export function startWorker(modulePath: string, options: WorkerOptions = {}): Worker {
  if (existsSync(`${modulePath}.js`)) return new Worker(`${modulePath}.js`, options);
  const source = `${modulePath}.ts`;
  if (!existsSync(source)) throw new Error(`startWorker: neither ${modulePath}.js nor ${source} exists`);
  const bootstrap = `
    const { readFileSync } = require('node:fs');
    const { transformSync } = require('@swc/core');
    require.extensions['.ts'] = (module, filename) => {
      const { code } = transformSync(readFileSync(filename, 'utf8'), {
        filename,
        jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      });
      module._compile(code, filename);
    };
    require(${JSON.stringify(source)});
  `;
  return new Worker(bootstrap, { ...options, eval: true });
}
