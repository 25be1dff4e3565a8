import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedDocs } from './docs/generated-docs';

/**
 * `npm run docs`: writes the references generated from the sources of truth
 * (docs/schema.md from schema/, docs/configuration.md and docs/configuration.schema.json
 * from the config schema). `test/docs/generated-docs.test.ts` fails while a written file
 * differs from what this would write.
 */
function main(): void {
  for (const { file, text } of generatedDocs()) {
    writeFileSync(path.join(repositoryRoot(), file), text);
    process.stdout.write(`wrote ${file}\n`);
  }
}

/** The repository root, from scripts/ or dist/scripts/. */
function repositoryRoot(): string {
  return path.basename(path.dirname(__dirname)) === 'dist' ? path.join(__dirname, '../..') : path.join(__dirname, '..');
}

main();
