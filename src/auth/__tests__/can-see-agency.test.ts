import { GatewayError } from '../../errors';
import { canReadAgency, canSeeAgency, requireJurisdiction } from '../can-see-agency';
import type { Principal } from '../principal';

function actingFor(agencyCode: string | null): Principal {
  return { kind: 'client', clientId: 'test', subject: null, agencyCode, scopes: new Set(['dossiers:read']), tokenId: null };
}

const province = actingFor('000.00.00.H56');
const district = actingFor('000.00.41.H56');
const commune = actingFor('000.01.41.H56');
const government = actingFor('000.00.00.G22');

describe('jurisdiction by agency code', () => {
  it('lets a province see itself, its departments, its districts and their communes', () => {
    for (const code of ['000.00.00.H56', '000.00.05.H56', '000.00.41.H56', '000.00.42.H56', '000.01.41.H56', '000.12.42.H56', '001.01.41.H56']) {
      expect({ code, seen: canSeeAgency(province, code) }).toEqual({ code, seen: true });
    }
  });

  it('does not let a province see another province or its units', () => {
    for (const code of ['000.00.00.H38', '000.00.41.H38', '000.01.41.H38', '000.00.00.G22']) {
      expect({ code, seen: canSeeAgency(province, code) }).toEqual({ code, seen: false });
    }
  });

  it('lets a district see itself and its own communes only, not its province, sibling districts or their communes', () => {
    expect(canSeeAgency(district, '000.00.41.H56')).toBe(true);
    expect(canSeeAgency(district, '000.01.41.H56')).toBe(true);
    expect(canSeeAgency(district, '000.11.41.H56')).toBe(true);
    for (const code of ['000.00.00.H56', '000.00.42.H56', '000.01.42.H56', '000.00.41.H38', '000.01.41.H38']) {
      expect({ code, seen: canSeeAgency(district, code) }).toEqual({ code, seen: false });
    }
  });

  it('lets a commune see itself only, not its neighbours nor its district', () => {
    expect(canSeeAgency(commune, '000.01.41.H56')).toBe(true);
    expect(canSeeAgency(commune, '000.02.41.H56')).toBe(false);
    expect(canSeeAgency(commune, '000.00.41.H56')).toBe(false);
  });

  it('lets a central agency see its own units but no province: jurisdiction follows the code only', () => {
    expect(canSeeAgency(government, '000.00.01.G22')).toBe(true);
    expect(canSeeAgency(government, '000.00.00.H56')).toBe(false);
    expect(canSeeAgency(government, '000.01.41.H56')).toBe(false);
  });

  it('lets a principal with no agency, anonymous included, see nothing agency-bound', () => {
    expect(canSeeAgency(actingFor(null), '000.00.00.H56')).toBe(false);
    expect(canSeeAgency({ ...actingFor(null), kind: 'anonymous' }, '000.00.00.G22')).toBe(false);
  });

  it('sees no malformed code', () => {
    expect(canSeeAgency(province, 'H56')).toBe(false);
    expect(canSeeAgency(province, '')).toBe(false);
  });
});

describe('canReadAgency', () => {
  it('is canSeeAgency, except that the national sync (sync:admin) reads every agency', () => {
    const sync: Principal = { ...government, scopes: new Set(['sync:admin', 'dossiers:read']) };
    for (const code of ['000.00.00.H56', '000.01.41.H56', '000.00.00.H41', '000.00.01.G22']) {
      expect({ code, sync: canReadAgency(sync, code), government: canReadAgency(government, code) }).toEqual({ code, sync: true, government: code === '000.00.01.G22' });
    }
    expect(canReadAgency(district, '000.01.41.H56')).toBe(true);
    expect(canReadAgency(district, '000.00.42.H56')).toBe(false);
  });
});

describe('requireJurisdiction, the check of an argument naming an agency', () => {
  it('passes inside the jurisdiction and throws FORBIDDEN_JURISDICTION outside it, naming both agencies', () => {
    expect(() => requireJurisdiction(province, '000.01.41.H56')).not.toThrow();
    try {
      requireJurisdiction(district, '000.00.42.H56');
      throw new Error('expected FORBIDDEN_JURISDICTION');
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).code).toBe('FORBIDDEN_JURISDICTION');
      expect((error as GatewayError).message).toBe('Agency "000.00.42.H56" is outside the jurisdiction of 000.00.41.H56 (its own code and the codes under it).');
      expect((error as GatewayError).extensions.jurisdiction).toBe('000.00.41.H56');
    }
  });

  it('follows the same rule as a record read: the national sync passes for any province', () => {
    const sync: Principal = { ...government, scopes: new Set(['sync:admin']) };
    expect(() => requireJurisdiction(sync, '000.00.00.H41')).not.toThrow();
    expect(() => requireJurisdiction(government, '000.00.00.H41')).toThrow(GatewayError);
  });

  it('says that a principal with no agency sees no agency-bound data', () => {
    expect(() => requireJurisdiction(actingFor(null), '000.00.00.H56')).toThrow(
      'Agency "000.00.00.H56" is outside the jurisdiction of the caller, which acts for no agency and sees no agency-bound data.',
    );
  });
});
