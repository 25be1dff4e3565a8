import { agencyDepth, agencyPath, isWithinAgency, parseAgencyCode } from '../agency-code';

/**
 * The jurisdiction rule on codes of every shape. Each row was decided by hand from the
 * code standard: a subordinate agrees with its superior on every group from level 1 down to
 * the superior's deepest non-zero group, zeros included.
 */
const CASES: ReadonlyArray<[candidate: string, root: string, within: boolean, why: string]> = [
  // A province holds everything of its own and nothing of another.
  ['000.00.00.H56', '000.00.00.H56', true, 'a unit is within itself'],
  ['000.00.41.H56', '000.00.00.H56', true, 'a district of the province'],
  ['000.01.41.H56', '000.00.00.H56', true, 'a commune of a district of the province'],
  ['001.01.41.H56', '000.00.00.H56', true, 'a level-4 unit of a commune'],
  ['000.01.00.H56', '000.00.00.H56', true, 'a level-3 unit placed directly under the province'],
  ['001.00.00.H56', '000.00.00.H56', true, 'a level-4 unit placed directly under the province'],
  ['000.00.41.H41', '000.00.00.H56', false, 'a district of another province'],
  ['000.00.00.G22', '000.00.00.H56', false, 'a central agency is no province unit'],
  // A district holds its communes, never its siblings nor its province.
  ['000.01.41.H56', '000.00.41.H56', true, 'a commune of the district'],
  ['005.01.41.H56', '000.00.41.H56', true, 'a level-4 unit under a commune of the district'],
  ['002.00.41.H56', '000.00.41.H56', true, 'a level-4 unit placed directly under the district'],
  ['000.01.42.H56', '000.00.41.H56', false, 'a commune of a sibling district'],
  ['000.00.42.H56', '000.00.41.H56', false, 'a sibling district'],
  ['000.00.00.H56', '000.00.41.H56', false, 'the province above the district'],
  ['000.00.41.H41', '000.00.41.H56', false, 'the same district number in another province'],
  // A level-3 unit directly under the province: zeros above its own group are part of its path.
  ['000.01.42.H56', '000.01.00.H56', false, 'same level-3 group under district 42: another unit'],
  ['000.01.41.H56', '000.01.00.H56', false, 'same level-3 group under district 41: another unit'],
  ['003.01.00.H56', '000.01.00.H56', true, 'its own level-4 unit'],
  ['000.01.00.H56', '000.01.00.H56', true, 'itself'],
  ['000.02.00.H56', '000.01.00.H56', false, 'a sibling level-3 unit'],
  // A commune holds itself and its level-4 units.
  ['000.01.41.H56', '000.01.41.H56', true, 'itself'],
  ['007.01.41.H56', '000.01.41.H56', true, 'its level-4 unit'],
  ['000.02.41.H56', '000.01.41.H56', false, 'a sibling commune'],
  ['000.00.41.H56', '000.01.41.H56', false, 'its district'],
  // A level-4 unit holds only itself.
  ['007.01.41.H56', '007.01.41.H56', true, 'itself'],
  ['008.01.41.H56', '007.01.41.H56', false, 'a sibling level-4 unit'],
  ['007.00.00.H56', '007.01.41.H56', false, 'the same level-4 group placed elsewhere'],
  // Central agencies follow the same rule.
  ['000.00.01.G22', '000.00.00.G22', true, 'a department of the Government Office'],
  ['000.00.00.G22', '000.00.00.G02', false, 'another ministry'],
  // Text that is not a code is within nothing, and nothing is within it.
  ['000.00.41.h56', '000.00.00.H56', false, 'lower-case level-1 group'],
  ['000.0.41.H56', '000.00.00.H56', false, 'a group of the wrong width'],
  ['000.00.41.H56-240315-0001', '000.00.00.H56', false, 'a dossier code, not an agency code'],
  ['', '000.00.00.H56', false, 'empty'],
  ['000.00.41.H56', '', false, 'empty root'],
  ['000.00.41.H56', 'H56', false, 'a bare level-1 group'],
];

describe('the jurisdiction rule over agency codes', () => {
  it.each(CASES)('%s within %s is %s (%s)', (candidate, root, within) => {
    expect(isWithinAgency(candidate, root)).toBe(within);
  });

  it('reads surrounding whitespace as the same code', () => {
    expect(isWithinAgency(' 000.01.41.H56 ', '000.00.41.H56\n')).toBe(true);
  });

  it('gives each code its depth and its path from the province down', () => {
    const shapes: ReadonlyArray<[string, number, string]> = [
      ['000.00.00.H56', 1, 'H56'],
      ['000.00.41.H56', 2, 'H56.41'],
      ['000.01.41.H56', 3, 'H56.41.01'],
      ['001.01.41.H56', 4, 'H56.41.01.001'],
      ['000.01.00.H56', 3, 'H56.00.01'],
      ['001.00.00.H56', 4, 'H56.00.00.001'],
    ];
    for (const [code, depth, path] of shapes) {
      const parsed = parseAgencyCode(code)!;
      expect(agencyDepth(parsed)).toBe(depth);
      expect(agencyPath(parsed, agencyDepth(parsed))).toBe(path);
    }
  });

});
