import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configurationJsonSchema } from '../../scripts/docs/render-configuration-reference';
import { generatedDocs } from '../../scripts/docs/generated-docs';

const ROOT = path.join(__dirname, '../..');

/** Where two texts first differ, as a line number and both lines. */
function firstDifference(written: string, expected: string): string {
  const a = written.split('\n');
  const b = expected.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}: written ${JSON.stringify(a[at] ?? '(end of file)')}, expected ${JSON.stringify(b[at] ?? '(end of file)')}`;
}

describe('the generated references', () => {
  it.each(generatedDocs().map((doc) => [doc.file, doc.text]))('%s is what `npm run docs` writes from its source of truth', (file, expected) => {
    const written = readFileSync(path.join(ROOT, file), 'utf8');
    if (written !== expected) throw new Error(`${file} is stale: run \`npm run docs\` and commit it (first difference at ${firstDifference(written, expected)})`);
  });

  it('has a description for every key of the configuration, so the reference explains each', () => {
    const undescribed: string[] = [];
    const walk = (schema: Record<string, unknown>, at: string): void => {
      const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [key, child] of Object.entries(properties)) {
        if (typeof child.description !== 'string' || child.description === '') undescribed.push(`${at}${key}`);
        walk(child, `${at}${key}.`);
      }
      for (const variant of [...((schema.anyOf ?? []) as Array<Record<string, unknown>>), ...((schema.oneOf ?? []) as Array<Record<string, unknown>>)]) walk(variant, at);
      if (schema.items && typeof schema.items === 'object') walk(schema.items as Record<string, unknown>, `${at.replace(/\.$/, '')}[].`);
    };

    walk(configurationJsonSchema() as Record<string, unknown>, '');

    expect(undescribed).toEqual([]);
  });
});
