import { GatewayError } from '../../errors';
import { canSeeAgency, requireJurisdiction } from '../can-see-agency';
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

describe('requireJurisdiction', () => {
  it('passes inside the jurisdiction and throws FORBIDDEN_JURISDICTION outside it, naming both agencies', () => {
    expect(() => requireJurisdiction(province, '000.01.41.H56')).not.toThrow();
    try {
      requireJurisdiction(district, '000.00.42.H56');
      throw new Error('expected FORBIDDEN_JURISDICTION');
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).code).toBe('FORBIDDEN_JURISDICTION');
      expect((error as GatewayError).message).toBe('The filter names agency "000.00.42.H56", outside the jurisdiction of 000.00.41.H56 (its own code and the codes under it).');
    }
  });

  it('says that a principal with no agency sees no agency-bound data', () => {
    expect(() => requireJurisdiction(actingFor(null), '000.00.00.H56')).toThrow('The filter names agency "000.00.00.H56", but the caller acts for no agency and sees no agency-bound data.');
  });
});
