import type { Principal } from '../principal';
import { createVerifiedTokens } from '../verified-tokens';

const principal = (subject: string): Principal => ({ kind: 'client', clientId: 'c', subject, agencyCode: '000.00.41.H56', scopes: new Set(['dossiers:read']), tokenId: `jti-${subject}` });
const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);

describe('verified tokens', () => {
  function setUp(options: { seconds?: number; entries?: number } = {}) {
    let clock = T0;
    const tokens = createVerifiedTokens({ seconds: options.seconds ?? 60, entries: options.entries ?? 100, clockToleranceSeconds: 30, now: () => clock });
    return { tokens, at: (ms: number) => (clock = T0 + ms) };
  }

  it('answers a token kept until the earliest of its time to live and its exp plus the tolerance', () => {
    const { tokens, at } = setUp();
    // exp 40 s from now: usable until 40 + 30 = 70 s, but kept for 60 s only.
    tokens.keep('a', principal('a'), { exp: T0 / 1000 + 40 });
    at(59_999);
    expect(tokens.get('a')?.subject).toBe('a');
    at(60_000);
    expect(tokens.get('a')).toBeNull();

    // exp 10 s from now: usable until 10 + 30 = 40 s.
    at(0);
    tokens.keep('b', principal('b'), { exp: T0 / 1000 + 10 });
    at(39_999);
    expect(tokens.get('b')?.subject).toBe('b');
    at(40_000);
    expect(tokens.get('b')).toBeNull();
  });

  it('answers nothing before a token\'s nbf less the tolerance, nor for a token never kept or kept without exp', () => {
    const { tokens, at } = setUp();
    tokens.keep('later', principal('later'), { exp: T0 / 1000 + 600, nbf: T0 / 1000 + 100 });
    at(69_999);
    expect(tokens.get('later')).toBeNull();
    tokens.keep('later', principal('later'), { exp: T0 / 1000 + 600, nbf: T0 / 1000 + 100 });
    at(70_000);
    expect(tokens.get('later')?.subject).toBe('later');
    tokens.keep('no-exp', principal('x'), {});
    expect(tokens.get('no-exp')).toBeNull();
    expect(tokens.get('never')).toBeNull();
  });

  it('keeps the most recently used within its bound, and nothing when turned off', () => {
    const { tokens } = setUp({ entries: 2 });
    const exp = T0 / 1000 + 600;
    tokens.keep('a', principal('a'), { exp });
    tokens.keep('b', principal('b'), { exp });
    expect(tokens.get('a')?.subject).toBe('a');
    tokens.keep('c', principal('c'), { exp });
    expect([tokens.get('a')?.subject, tokens.get('b'), tokens.get('c')?.subject]).toEqual(['a', null, 'c']);

    const off = setUp({ seconds: 0 }).tokens;
    off.keep('a', principal('a'), { exp });
    expect(off.get('a')).toBeNull();
  });
});
