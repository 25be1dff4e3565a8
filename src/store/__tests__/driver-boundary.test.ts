import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const store = path.resolve(__dirname, '..');
const DRIVER = /(?:from\s+|require\(\s*|import\(\s*)['"](mongoose|better-sqlite3|mongodb)(?:\/[^'"]*)?['"]/;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.') ? [] : sourceFiles(full);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

it('lets no file outside src/store import a database driver', () => {
  const folders = ['src', 'connectors', 'simulators', 'test', 'bench', 'scripts'].map((folder) => path.join(root, folder));
  const offenders = folders
    .flatMap((folder) => {
      try {
        return sourceFiles(folder);
      } catch {
        return [];
      }
    })
    .filter((file) => !file.startsWith(store + path.sep) && DRIVER.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(root, file));

  expect(offenders).toEqual([]);
});

it('keeps driver types out of the public face of src/store', () => {
  const reachable = ['index.ts', 'store.ts', 'audit-repository.ts', 'catalogue-mirror-repository.ts', 'json.ts'];
  for (const file of reachable) expect([file, DRIVER.test(readFileSync(path.join(store, file), 'utf8'))]).toEqual([file, false]);
});
