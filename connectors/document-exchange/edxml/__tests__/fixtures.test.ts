import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR, fixtureBytes, SAMPLE_FILES } from './fixtures';

/** `SHA256SUMS` beside the samples: each file's SHA-256 as it was received (fixtures/README.md). */
const RECORDED = new Map(
  readFileSync(path.join(FIXTURES_DIR, 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [sum, file] = line.split(/\s+/);
      return [file!, sum!] as const;
    }),
);

describe('the recorded fixtures', () => {
  it.each(SAMPLE_FILES)('%s is byte for byte the message as received', (file) => {
    expect(createHash('sha256').update(fixtureBytes(file)).digest('hex')).toBe(RECORDED.get(file));
  });

  it('are every sample recorded', () => {
    expect([...RECORDED.keys()].sort()).toEqual([...SAMPLE_FILES].sort());
  });
});
