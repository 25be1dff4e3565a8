import { isAgencyCode, isWithinAgency, levelOfAgencyCode, parentAgencyCode, parseAgencyCode } from '../agency-code';
import { isNationalProcedureCode, toNationalProcedureCode } from '../procedure-code';

describe('agency codes', () => {
  it('parses the four groups right to left', () => {
    expect(parseAgencyCode('000.00.53.H48')).toEqual({ code: '000.00.53.H48', l1: 'H48', l2: '53', l3: '00', l4: '000' });
    expect(isAgencyCode('000.00.00.G22')).toBe(true);
    expect(isAgencyCode('H48')).toBe(false);
    expect(isAgencyCode('000.00.53.h48')).toBe(false);
  });

  it('finds the parent of each level and none above a province or ministry', () => {
    expect(parentAgencyCode('001.12.53.H48')).toBe('000.12.53.H48');
    expect(parentAgencyCode('000.12.53.H48')).toBe('000.00.53.H48');
    expect(parentAgencyCode('000.00.53.H48')).toBe('000.00.00.H48');
    expect(parentAgencyCode('000.00.00.H48')).toBeNull();
    expect(parentAgencyCode('garbage')).toBeNull();
  });

  it('puts a unit within its superiors and outside its siblings and other provinces', () => {
    expect(isWithinAgency('000.12.53.H48', '000.00.00.H48')).toBe(true);
    expect(isWithinAgency('000.12.53.H48', '000.00.53.H48')).toBe(true);
    expect(isWithinAgency('000.00.53.H48', '000.00.53.H48')).toBe(true);
    expect(isWithinAgency('000.12.54.H48', '000.00.53.H48')).toBe(false);
    expect(isWithinAgency('000.00.53.H41', '000.00.00.H48')).toBe(false);
    expect(isWithinAgency('000.00.00.H48', '000.00.53.H48')).toBe(false);
  });

  it('derives a level from the code', () => {
    expect(levelOfAgencyCode('000.00.00.G22')).toBe('CENTRAL');
    expect(levelOfAgencyCode('000.00.00.H41')).toBe('PROVINCE');
    expect(levelOfAgencyCode('000.00.53.H48')).toBe('DISTRICT');
    expect(levelOfAgencyCode('000.12.53.H48')).toBe('COMMUNE');
  });
});

describe('procedure codes', () => {
  it('recognises national codes', () => {
    expect(isNationalProcedureCode('1.001612')).toBe(true);
    expect(isNationalProcedureCode('1.001612.H56')).toBe(false);
  });

  it('resolves local variants with a full agency suffix or a province suffix', () => {
    expect(toNationalProcedureCode('1.003560.000.00.00.H56')).toBe('1.003560');
    expect(toNationalProcedureCode('2.002621.H56')).toBe('2.002621');
    expect(toNationalProcedureCode(' 1.001612 ')).toBe('1.001612');
  });

  it('uses the alias table for local codes that do not embed the national one, and gives up otherwise', () => {
    expect(toNationalProcedureCode('KH-HT-01', { 'KH-HT-01': '1.001612' })).toBe('1.001612');
    expect(toNationalProcedureCode('KH-HT-01')).toBeNull();
    expect(toNationalProcedureCode('1.00161')).toBeNull();
  });
});
