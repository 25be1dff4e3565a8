import { resolveDossierAgency } from '../resolve-dossier-agency';

describe('resolveDossierAgency', () => {
  it('takes the agency the record names when it is a code, even when the dossier code names another', () => {
    expect(resolveDossierAgency('000.00.50.H48-241108-0002', '000.00.07.H48')).toEqual({ code: '000.00.07.H48', from: 'record' });
    expect(resolveDossierAgency('000.00.53.H48-230105-0007', ' 000.00.53.H48\t')).toEqual({ code: '000.00.53.H48', from: 'record' });
  });

  it('takes the dossier code\'s prefix when the record names no agency, an empty one or one that is not a code', () => {
    expect(resolveDossierAgency('000.00.53.H48-220921-0099', null)).toEqual({ code: '000.00.53.H48', from: 'dossier-code' });
    expect(resolveDossierAgency(' 000.00.41.H41-240315-0012 ', null)).toEqual({ code: '000.00.41.H41', from: 'dossier-code' });
    expect(resolveDossierAgency('000.00.53.H48-220921-0099', 'UBND huyện Sơn Tịnh')).toEqual({ code: '000.00.53.H48', from: 'dossier-code' });
  });

  it('prefers the prefix to a parent, and falls back to the parent when the code has no agency in it', () => {
    expect(resolveDossierAgency('000.00.53.H48-220921-0099', null, ['000.00.00.H48'])).toEqual({ code: '000.00.53.H48', from: 'dossier-code' });
    expect(resolveDossierAgency('HS-2022-0099', null, [null, '000.00.00.H48'])).toEqual({ code: '000.00.00.H48', from: 'parent' });
  });

  it('keeps what the record named when nothing is a code, and says so when there was nothing at all', () => {
    expect(resolveDossierAgency('HS-2022-0099', 'UBND huyện Sơn Tịnh')).toEqual({ code: 'UBND huyện Sơn Tịnh', from: 'record' });
    expect(resolveDossierAgency('HS-2022-0099', null, [null])).toEqual({ code: null, from: null });
  });
});
