import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureBytes, SAMPLE_FILES } from './fixtures';

/** /work/shared/domain/samples, `../shared` from the repository root. */
const SHARED_SAMPLES = path.join(__dirname, '../../../../../shared/domain/samples');
const describeWithShared = existsSync(SHARED_SAMPLES) ? describe : describe.skip;

describeWithShared('the recorded fixtures', () => {
  it.each(SAMPLE_FILES)('%s is a byte-for-byte copy of the shared sample', (file) => {
    expect(fixtureBytes(file).equals(readFileSync(path.join(SHARED_SAMPLES, file)))).toBe(true);
  });

  it('cover every shared sample', () => {
    const shared = readdirSync(SHARED_SAMPLES);
    expect([...shared].sort()).toEqual([...SAMPLE_FILES].sort());
  });
});
