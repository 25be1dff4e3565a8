import { canonicalJson } from '../canonical-json';

describe('canonicalJson', () => {
  it('writes object keys in sorted order at every depth, whatever order they were set in', () => {
    const one = { b: 1, a: { y: [1, { d: 2, c: 3 }], x: null } };
    const other = { a: { x: null, y: [1, { c: 3, d: 2 }] }, b: 1 };

    expect(canonicalJson(one)).toBe('{"a":{"x":null,"y":[1,{"c":3,"d":2}]},"b":1}');
    expect(canonicalJson(other)).toBe(canonicalJson(one));
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does, not by locale', () => {
    expect(canonicalJson({ b: 1, B: 2, á: 3, a: 4, _: 5, '10': 6, '9': 7 })).toBe('{"10":6,"9":7,"B":2,"_":5,"a":4,"b":1,"á":3}');
  });

  it('keeps arrays in their order', () => {
    expect(canonicalJson(['NOT_FOUND', 'UPSTREAM_TIMEOUT', 'A'])).toBe('["NOT_FOUND","UPSTREAM_TIMEOUT","A"]');
  });

  it('writes a Date as its ISO string with milliseconds, in UTC', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2025, 2, 1, 1, 2, 3, 45)) })).toBe('{"at":"2025-03-01T01:02:03.045Z"}');
  });

  it('writes numbers, strings and literals as JSON.stringify does, with no whitespace', () => {
    expect(canonicalJson([0, -0, 12.5, 1e21, 0.1 + 0.2, true, false, null, 'Thủ tục "số" 1\n\u0000'])).toBe(
      '[0,0,12.5,1e+21,0.30000000000000004,true,false,null,"Thủ tục \\"số\\" 1\\n\\u0000"]',
    );
  });

  it('has one form for an object with a null prototype and one made by a literal', () => {
    const bare = Object.assign(Object.create(null) as Record<string, number>, { b: 2, a: 1 });
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });

  it.each([
    ['undefined in an object', { a: { b: undefined } }, '$.a.b is undefined'],
    ['undefined in an array', [1, undefined], '$[1] is undefined'],
    ['a hole in an array', [1, , 3], '$[1] is undefined'], // eslint-disable-line no-sparse-arrays
    ['a number that is not finite', { durationMs: Number.NaN }, '$.durationMs is NaN'],
    ['Infinity', [Number.POSITIVE_INFINITY], '$[0] is Infinity'],
    ['a bigint', { n: BigInt(1) }, '$.n is bigint'],
    ['a function', { f: () => 1 }, '$.f is function'],
    ['an invalid Date', { at: new Date(Number.NaN) }, '$.at is an invalid Date'],
    ['a Map', { records: new Map([['Procedure', 1]]) }, '$.records is an instance of Map'],
  ])('refuses %s, naming where it is, instead of dropping it', (_name, value, message) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('refuses a cycle instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow('$.self.back is a cycle');
  });

  it('accepts the same object twice when it is not its own ancestor', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });
});
