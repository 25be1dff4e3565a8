import { parentAgencyCode } from '../agency-code';
import { generateAgencies } from '../generate-agencies';
import type { RawAgency } from '../types';

const CODE = /^\d{3}\.\d{2}\.\d{2}\.[GH]\d{2}$/;

describe('generateAgencies', () => {
  const agencies = generateAgencies(20240315);
  const byCode = new Map(agencies.map((a) => [a.MADONVI, a]));
  const name = (code: string): string | undefined => byCode.get(code)?.TENDONVI;
  const under = (province: string, level: string): RawAgency[] => agencies.filter((a) => a.MADONVI.endsWith(province) && a.CAPDONVI === level);

  it('writes every code as L4.L3.L2.L1, each once', () => {
    expect(agencies.every((a) => CODE.test(a.MADONVI))).toBe(true);
    expect(byCode.size).toBe(agencies.length);
  });

  it('names the real central agencies and provinces', () => {
    expect(name('000.00.00.G22')).toBe('Văn phòng Chính phủ');
    expect(name('000.00.00.G15')).toBe('Bộ Tư pháp');
    expect(name('000.00.00.G01')).toBe('Bộ Công an');
    expect(name('000.00.00.G17')).toBe('Bộ Xây dựng');
    expect(name('000.00.00.H41')).toBe('UBND tỉnh Nghệ An');
    expect(name('000.00.00.H48')).toBe('UBND tỉnh Quảng Ngãi');
    expect(name('000.00.00.H14')).toBe('UBND tỉnh Cao Bằng');
    expect(name('000.00.00.H56')).toBe('UBND tỉnh Thanh Hóa');
    expect(name('000.00.00.H32')).toBe('UBND tỉnh Khánh Hòa');
    expect(agencies.filter((a) => /^000\.00\.00\.H\d\d$/.test(a.MADONVI)).length).toBeGreaterThanOrEqual(10);
  });

  it('numbers provincial departments from 01 and districts from 41, so 000.00.53.H48 is a district of Quảng Ngãi', () => {
    expect(name('000.00.03.H41')).toBe('Sở Tư pháp tỉnh Nghệ An');
    expect(name('000.00.04.H56')).toBe('Sở Kế hoạch và Đầu tư tỉnh Thanh Hóa');
    expect(byCode.get('000.00.03.H41')?.CAPDONVI).toBe('1');
    expect(name('000.00.41.H41')).toBe('UBND thành phố Vinh');
    expect(byCode.get('000.00.53.H48')).toMatchObject({ TENDONVI: expect.stringMatching(/^UBND huyện /), CAPDONVI: '2' });
  });

  it('gives the four modelled provinces districts and communes', () => {
    for (const province of ['H41', 'H48', 'H56', 'H32']) {
      expect(under(province, '2').length).toBeGreaterThanOrEqual(9);
      expect(under(province, '3').length).toBeGreaterThan(under(province, '2').length * 5);
    }
    expect(under('H41', '2')).toHaveLength(21);
    expect(under('H48', '2')).toHaveLength(13);
    expect(under('H41', '3').every((a) => /^UBND (xã|phường|thị trấn) /.test(a.TENDONVI))).toBe(true);
  });

  it('sets CAPDONVI from "0" to "3" consistently with the code', () => {
    for (const agency of agencies) {
      const [, l3, l2, l1] = agency.MADONVI.split('.') as [string, string, string, string];
      const expected = l1.startsWith('G') ? '0' : l3 !== '00' ? '3' : Number(l2) >= 41 ? '2' : '1';
      expect([agency.MADONVI, agency.CAPDONVI]).toEqual([agency.MADONVI, expected]);
    }
  });

  it('gives every unit below level 1 a parent that is in the list', () => {
    const orphans = agencies.map((a) => parentAgencyCode(a.MADONVI)).filter((parent) => parent !== null && !byCode.has(parent));
    expect(orphans).toEqual([]);
  });

  it('is deterministic per seed and varies only the communes between seeds', () => {
    expect(generateAgencies(20240315)).toEqual(agencies);
    const other = generateAgencies(1);
    expect(other).not.toEqual(agencies);
    const aboveCommunes = (list: RawAgency[]): RawAgency[] => list.filter((a) => a.CAPDONVI !== '3');
    expect(aboveCommunes(other)).toEqual(aboveCommunes(agencies));
  });
});
