import { ERROR_CATALOGUE, GatewayError } from '../../errors';
import { hasScope, requireScope } from '../has-scope';
import { anonymousPrincipal, type Principal } from '../principal';

const officer: Principal = { kind: 'client', clientId: 'one-stop', subject: 'u1', agencyCode: '000.00.41.H56', scopes: new Set(['procedures:read', 'dossiers:read']), tokenId: null };

function thrown(run: () => void): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('scopes of a principal', () => {
  it('has the scopes its token granted and no other', () => {
    expect(hasScope(officer, 'dossiers:read')).toBe(true);
    expect(hasScope(officer, 'pii:read')).toBe(false);
  });

  it('lets an operation proceed when the principal holds the scope', () => {
    expect(() => requireScope(officer, 'procedures:read')).not.toThrow();
    expect(() => requireScope(anonymousPrincipal(), 'procedures:read')).not.toThrow();
  });

  it('throws FORBIDDEN (403) naming the missing scope and the scopes held', () => {
    const error = thrown(() => requireScope(officer, 'pii:read'));
    expect(error.code).toBe('FORBIDDEN');
    expect(ERROR_CATALOGUE[error.code].httpStatus).toBe(403);
    expect(error.message).toBe('This operation needs the scope pii:read; the token grants: dossiers:read procedures:read.');
    expect(error.extensions).toEqual({ code: 'FORBIDDEN', requiredScope: 'pii:read' });
  });

  it('says "none" when the token grants no known scope', () => {
    expect(thrown(() => requireScope({ ...officer, scopes: new Set() }, 'audit:read')).message).toBe('This operation needs the scope audit:read; the token grants: none.');
  });

  it('asks an anonymous caller to authenticate (401) rather than calling it forbidden', () => {
    const error = thrown(() => requireScope(anonymousPrincipal(), 'dossiers:read'));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING', requiredScope: 'dossiers:read' });
  });

  it('gives each anonymous request its own principal', () => {
    const first = anonymousPrincipal();
    (first.scopes as Set<string>).add('sync:admin');
    expect(anonymousPrincipal().scopes).toEqual(new Set(['procedures:read']));
  });
});
