import { readXml } from '../../kit';
import { soapItems, soapRecord } from '../vendors/soap-record';

const SERVICE = new Set(['http://motcua.gov.vn/', undefined]);

describe('soapRecord', () => {
  const hoSo = readXml(
    '<HoSo xmlns="http://motcua.gov.vn/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:o="urn:other">' +
      '<MaHoSo> A </MaHoSo><Email/><NgayTra i:nil="true">20240101</NgayTra><o:MaHoSo>B</o:MaHoSo>' +
      '<Tep>1</Tep><Tep>2</Tep><Tep>3</Tep><DiaChi><Tinh>Quảng Ngãi</Tinh></DiaChi><__proto__>x</__proto__></HoSo>',
  );
  const record = soapRecord(hoSo, SERVICE);

  it('keeps text as written, reads xsi:nil as null whatever the text, and nests element children', () => {
    expect(record.MaHoSo).toBe(' A ');
    expect(record.Email).toBe('');
    expect(record.NgayTra).toBeNull();
    expect({ ...(record.DiaChi as object) }).toEqual({ Tinh: 'Quảng Ngãi' });
  });

  it('makes a name that repeats a list, and leaves foreign namespaces out', () => {
    expect(record.Tep).toEqual(['1', '2', '3']);
    expect(Object.keys(record)).toEqual(['MaHoSo', 'Email', 'NgayTra', 'Tep', 'DiaChi', '__proto__']);
  });

  it('stores an element called __proto__ as a plain key, never as a prototype', () => {
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(record['__proto__']).toBe('x');
  });
});

describe('soapItems', () => {
  it('reads every child as an item whatever it is called, one or many, and nothing from nil or absent lists', () => {
    const list = readXml('<L xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><A><x>1</x></A><B><x>2</x></B><C i:nil="true"/></L>');
    expect(soapItems(list, SERVICE).map((item) => item.x)).toEqual(['1', '2']);
    expect(soapItems(readXml('<L><A><x>1</x></A></L>'), SERVICE)).toHaveLength(1);
    expect(soapItems(readXml('<L xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"><A/></L>'), SERVICE)).toEqual([]);
    expect(soapItems(undefined, SERVICE)).toEqual([]);
  });
});
